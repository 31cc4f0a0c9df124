//go:build !e2e

package main

import (
	"context"
	"net/http"
	"os"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	wailsruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/goldseam/goldseam/internal/bridgelog"
	"github.com/goldseam/goldseam/internal/buildinfo"
)

// raiseEnv, set in the environment of a Goldseam that another one started, makes it only
// ask the running window to come forward (raiseHelper) and leave.
const raiseEnv = "GOLDSEAM_RAISE_INSTANCE"

// raiseWait bounds how long a second Goldseam waits for its helper before it leaves anyway.
const raiseWait = 10 * time.Second

// raiseHelper is the helper's whole life: it opens Wails' single-instance channel of the
// instance id (D-Bus on Linux, a window message on Windows, a distributed notification on
// macOS), which hands the request to the running window and ends this process. Where the
// channel is missing, a hidden window loads nothing and quits at once. It touches no data.
func raiseHelper(id string) int {
	_ = wails.Run(&options.App{
		Title:              buildinfo.Name,
		StartHidden:        true,
		AssetServer:        &assetserver.Options{Handler: http.NotFoundHandler()},
		SingleInstanceLock: &options.SingleInstanceLock{UniqueId: id},
		Logger:             bridgelog.New(os.Stderr),
		// DOM ready comes after the single-instance check, so quitting here never cuts it short.
		OnDomReady: func(ctx context.Context) { wailsruntime.Quit(ctx) },
	})
	return 0
}
