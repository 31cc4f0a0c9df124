//go:build !e2e

// Command goldseam is the Goldseam desktop app: a private, local-first companion for
// rebuilding trust after a betrayal. main.go only sets up the window; everything else
// lives in app.go and internal/.
package main

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/exec"
	goruntime "runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/options/mac"
	"github.com/wailsapp/wails/v2/pkg/options/windows"
	wailsruntime "github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/goldseam/goldseam/internal/bridgelog"
	"github.com/goldseam/goldseam/internal/buildinfo"
	"github.com/goldseam/goldseam/internal/host"
	"github.com/goldseam/goldseam/internal/packedfs"
	"github.com/goldseam/goldseam/internal/policycheck"
	"github.com/goldseam/goldseam/internal/webguard"
)

// assets is the built interface, each file gzip'd by make frontend (scripts/packdir);
// packedfs unpacks them for the window.
//
//go:embed all:frontend/dist-packed
var assets embed.FS

//go:embed build/linux/icon-128.png
var icon []byte

// paper is the window's background before the interface paints: the light theme's
// page colour, so the first frame is calm rather than a flash of white or black.
var paper = &options.RGBA{R: 0xf7, G: 0xf3, B: 0xec, A: 0xff}

func main() {
	os.Exit(run())
}

// run reads the command line and hands over to a command or to the window.
func run() int {
	if id := os.Getenv(raiseEnv); id != "" {
		return raiseHelper(id)
	}
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
	return runWindow(f)
}

// runWindow opens the window once there is a display to show it on and the data folder is
// this Goldseam's alone; when another Goldseam holds the folder, it asks that one to come
// forward instead.
func runWindow(f flags) int {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if generatingBindings { // `wails build` runs this binary to list methods: touch no data then
		return openWindow("", log)
	}
	// Before the data folder is made or locked, and before GTK can panic: one plain line.
	if noDesktopSession(goruntime.GOOS, os.Getenv) {
		fmt.Fprintln(os.Stderr, noDesktopMessage)
		return exitFailure
	}
	dataDir, release, status := holdDataFolder(f.dataDir, windowFolderWords)
	if status == exitInUse {
		raiseRunningWindow(dataDir)
	}
	if status != 0 {
		return status
	}
	defer release()
	return openWindow(dataDir, log)
}

// windowFolderWords are what the desktop app says when it cannot hold its data folder.
var windowFolderWords = folderWords{
	noPlace: "Goldseam could not find a place for its data:",
	inUse: "Goldseam is already open with this data folder (%s).\n" +
		"Use the window that is open, or close it before starting Goldseam again.\n",
	failed: "Goldseam could not open its data folder:",
}

// openWindow runs the window on dataDir until it closes, and returns the exit status.
func openWindow(dataDir string, log *slog.Logger) int {
	dist, err := fs.Sub(packedfs.Unpacked(assets), "frontend/dist-packed")
	if err != nil {
		log.Error("embedded interface missing", "err", err)
		return 1
	}
	window := &host.Wails{}
	app := NewApp(dataDir, window, log)
	checkPolicy, policyRefused := requirePolicy(log)
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
		// A dropped file must never replace the app's page: this holds on Linux and Windows;
		// on macOS only frontend/public/refuse-drops.js does (docs/security.md, "The webview").
		DragAndDrop: &options.DragAndDrop{DisableWebViewDrop: true},
		SingleInstanceLock: &options.SingleInstanceLock{
			UniqueId:               instanceID(dataDir),
			OnSecondInstanceLaunch: func(options.SecondInstanceData) { window.Raise() },
		},
		OnStartup: func(ctx context.Context) {
			window.Attach(ctx)
			app.startup(ctx)
		},
		OnDomReady:     checkPolicy,
		OnShutdown:     app.shutdown,
		Bind:           app.bindings(),
		ErrorFormatter: func(err error) any { return app.failed("", err) },
		// Wails' own logger would print a failed call's arguments: what a person typed.
		Logger: bridgelog.New(os.Stderr),
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
	if policyRefused() {
		return 1
	}
	return 0
}

// requirePolicy returns the window's DOM-ready hook: the first time the page is up, it must
// show that the webview enforces the CSP, or Goldseam closes; refused then reports true.
// Only on Linux: there a build without a webkit2 tag silently drops the policy, and the check
// is proven against the real WebKitGTK window (scripts/window-smoke.sh). WebView2 and
// WKWebView receive the headers on every build; how their script injection meets the policy
// has not been tried on those systems, and a check that misjudged would keep Goldseam shut.
func requirePolicy(log *slog.Logger) (onDomReady func(context.Context), refused func() bool) {
	var once sync.Once
	var failed atomic.Bool
	if goruntime.GOOS != "linux" {
		return func(context.Context) {}, failed.Load
	}
	onDomReady = func(ctx context.Context) {
		once.Do(func() {
			go policycheck.Require(ctx, webguard.ContentSecurityPolicy, log, func() {
				failed.Store(true)
				wailsruntime.Quit(ctx)
			})
		})
	}
	return onDomReady, failed.Load
}

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
// on every system, as the docs say. The helper's outcome changes nothing here. run has
// already left where there is no display, so the helper always has one to raise on.
func raiseRunningWindow(dataDir string) {
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
