package main

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/faultlog"
	"github.com/goldseam/goldseam/internal/host"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
)

// App owns the life of one running Goldseam: the data file it opened, the session that
// holds the keys while unlocked, the services bound to the interface, and what happens
// when the window starts and closes. It is shared by the desktop build (main.go) and the
// browser-test server (main_e2e.go).
type App struct {
	db       *store.DB // nil when the data file could not be opened
	session  *session.Session
	services *api.Services
	log      *slog.Logger
	faults   *faultlog.Log // nil while Wails lists the bound methods
}

// NewApp opens the data file in dataDir and prepares the services, talking to the window
// through h. A data file that cannot be used is not fatal: the interface explains it.
// An empty dataDir (while Wails lists the bound methods) opens nothing.
func NewApp(dataDir string, h host.Host, log *slog.Logger) *App {
	storage := api.Storage{DataDir: dataDir}
	if dataDir == "" {
		storage.OpenErr = errors.New("no data folder")
	} else {
		storage.DataFile = filepath.Join(dataDir, store.FileName)
		storage.DB, storage.OpenErr = store.Open(context.Background(), storage.DataFile)
		if storage.OpenErr != nil {
			log.Error("data file cannot be used", "err", storage.OpenErr)
		}
	}
	storage.Session = session.New(storage.DB, nil)
	storage.Session.OnLock(func(r session.Reason) {
		log.Info("locked", "reason", string(r))
		h.Emit("vault:locked", string(r))
	})
	storage.Session.OnScrubFailed(func(err error) {
		log.Warn("the write-ahead log could not be emptied; it will be tried again at the next lock", "err", err)
	})
	app := &App{
		db:       storage.DB,
		session:  storage.Session,
		services: api.NewServices(h, storage),
		log:      log,
	}
	if dataDir != "" {
		app.faults = faultlog.New(dataDir)
	}
	return app
}

// failed is where a bound call's error leaves Go, in the window and in the browser-test
// server alike: a fault is written once to the data folder's fault log, and the page gets
// the code and the sentence. call names the method when the caller knows it.
func (a *App) failed(call string, err error) string {
	a.faults.Record(call, err)
	return apperr.Format(err)
}

// startup runs when the window's runtime is ready, before the interface loads.
func (a *App) startup(ctx context.Context) {
	go a.session.Run(ctx)
	a.log.Info("goldseam started")
}

// shutdown runs once when the window closes, after the interface is gone: the keys are
// wiped before the data file is closed.
func (a *App) shutdown(ctx context.Context) {
	a.session.Lock(session.Shutdown)
	if a.db != nil {
		if err := a.db.Close(); err != nil {
			a.log.Error("closing the data file", "err", err)
		}
	}
	a.log.Info("goldseam stopped")
}

// bindings lists what the interface may call.
func (a *App) bindings() []any {
	return a.services.Bind()
}
