package main

import (
	"context"
	"log/slog"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/host"
)

// App owns the life of one running Goldseam: the data folder it was given, the services
// bound to the interface, and what happens when the window starts and closes.
// It is shared by the desktop build (main.go) and the browser-test server (main_e2e.go).
type App struct {
	dataDir  string
	services *api.Services
	log      *slog.Logger
}

// NewApp prepares the app for the data folder dataDir, talking to its window through h.
func NewApp(dataDir string, h host.Host, log *slog.Logger) *App {
	return &App{
		dataDir:  dataDir,
		services: api.NewServices(h, dataDir),
		log:      log,
	}
}

// startup runs when the window's runtime is ready, before the interface loads.
func (a *App) startup(ctx context.Context) {
	a.log.Info("goldseam started")
}

// shutdown runs once when the window closes, after the interface is gone.
func (a *App) shutdown(ctx context.Context) {
	a.log.Info("goldseam stopped")
}

// bindings lists what the interface may call.
func (a *App) bindings() []any {
	return a.services.Bind()
}
