//go:build !e2e

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"os/exec"
	goruntime "runtime"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	wailsruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/goldseam/goldseam/internal/buildinfo"
)

// raiseEnv, set in the environment of a Goldseam that another one started, makes it only
// ask the running window to come forward (raiseHelper) and leave.
const raiseEnv = "GOLDSEAM_RAISE_INSTANCE"

// raiseWait bounds how long a second Goldseam waits for its helper before it leaves anyway.
const raiseWait = 10 * time.Second

// instanceID names the single-instance channel of one data folder, so two Goldseams with
// different folders (a test and a real one) never hand over to each other.
func instanceID(dataDir string) string {
	sum := sha256.Sum256([]byte(dataDir))
	return "goldseam-" + hex.EncodeToString(sum[:8])
}

// raiseRunningWindow asks the Goldseam that owns dataDir to bring its window forward. It
// does so in a helper process (this program again, with raiseEnv set), because Wails ends
// the process that delivers the message itself, with a status of its own choosing (1 on
// Linux, 0 on Windows and macOS); in a helper, this process still leaves with exit status 3
// on every system, as the docs say. The helper's outcome changes nothing here.
func raiseRunningWindow(dataDir string) {
	if goruntime.GOOS == "linux" && os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), raiseEnv+"="+instanceID(dataDir))
	if cmd.Start() != nil {
		return
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(raiseWait):
		cmd.Process.Kill()
		<-done
	}
}

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
		// DOM ready comes after the single-instance check, so quitting here never cuts it short.
		OnDomReady: func(ctx context.Context) { wailsruntime.Quit(ctx) },
	})
	return 0
}
