//go:build !e2e

// Command goldseam is the Goldseam desktop app: a private, local-first companion for
// rebuilding trust after a betrayal. main.go only sets up the window; everything else
// lives in app.go and internal/.
package main

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	goruntime "runtime"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/mac"
	"github.com/wailsapp/wails/v2/pkg/options/windows"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/buildinfo"
	"github.com/goldseam/goldseam/internal/datadir"
	"github.com/goldseam/goldseam/internal/host"
	"github.com/goldseam/goldseam/internal/webguard"
)

//go:embed all:frontend/dist
var assets embed.FS

//go:embed build/linux/icon-128.png
var icon []byte

// paper is the window's background before the interface paints: the light theme's
// page colour, so the first frame is calm rather than a flash of white or black.
var paper = &options.RGBA{R: 0xf7, G: 0xf3, B: 0xec, A: 0xff}

func main() {
	os.Exit(run())
}

func run() int {
	if id := os.Getenv(raiseEnv); id != "" {
		return raiseHelper(id)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	f, err := parseFlags("goldseam", os.Args[1:], os.Stderr)
	if errors.Is(err, errHelp) {
		return 0
	}
	if err != nil {
		return exitUsage
	}
	if f.showVersion {
		fmt.Println(buildinfo.Name, buildinfo.Version)
		return 0
	}
	if len(f.args) > 0 {
		return runCommand(f)
	}

	var dataDir string
	if !generatingBindings { // `wails build` runs this binary to list methods: touch no data then
		if dataDir, err = datadir.Resolve(f.dataDir, datadir.ProcessEnvironment(goruntime.GOOS)); err != nil {
			fmt.Fprintln(os.Stderr, "Goldseam could not find a place for its data:", err)
			return 1
		}
		lock, err := datadir.Acquire(dataDir)
		if errors.Is(err, datadir.ErrInUse) {
			fmt.Fprintf(os.Stderr, "Goldseam is already open with this data folder (%s).\n"+
				"Use the window that is open, or close it before starting Goldseam again.\n", dataDir)
			raiseRunningWindow(dataDir)
			return exitInUse
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "Goldseam could not open its data folder:", err)
			return 1
		}
		defer lock.Release()
	}

	dist, err := fs.Sub(assets, "frontend/dist")
	if err != nil {
		log.Error("embedded interface missing", "err", err)
		return 1
	}
	window := &host.Wails{}
	app := NewApp(dataDir, window, log)
	err = wails.Run(&options.App{
		Title:            buildinfo.Name,
		Width:            1120,
		Height:           780,
		MinWidth:         720,
		MinHeight:        540,
		BackgroundColour: paper,
		AssetServer: &assetserver.Options{
			Assets:     dist,
			Middleware: webguard.Middleware,
		},
		// A dropped file must never replace the app's page.
		DragAndDrop: &options.DragAndDrop{DisableWebViewDrop: true},
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               instanceID(dataDir),
			OnSecondInstanceLaunch: func(options.SecondInstanceData) { window.Raise() },
		},
		OnStartup: func(ctx context.Context) {
			window.Attach(ctx)
			app.startup(ctx)
		},
		OnShutdown:     app.shutdown,
		Bind:           app.bindings(),
		ErrorFormatter: func(err error) any { return apperr.Format(err) },
		Linux: &linux.Options{
			Icon:             icon,
			ProgramName:      "goldseam",
			WebviewGpuPolicy: linux.WebviewGpuPolicyNever,
		},
		Mac: &mac.Options{
			About: &mac.AboutInfo{Title: buildinfo.Name, Message: "A private companion for rebuilding trust.", Icon: icon},
		},
		Windows: &windows.Options{Theme: windows.SystemDefault},
	})
	if err != nil {
		log.Error("window failed", "err", err)
		return 1
	}
	return 0
}
