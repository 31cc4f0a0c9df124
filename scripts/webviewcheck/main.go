//go:build linux && cgo

// Command webviewcheck checks, in a real WebKitGTK window (Xvfb in tests), what Goldseam's
// webview settings do inside Wails itself, where a unit test cannot reach.
//
//	go build -tags 'webkit2_41 production' -o build/tools/webviewcheck ./scripts/webviewcheck
//	webviewcheck bridge [-wails-logger]
//	webviewcheck policy [-no-policy]
//	webviewcheck drag-source [-x X -y Y] FILE
//	webviewcheck page [-for D]
//
// bridge drives Wails' own dispatcher with the calls whose whole message Wails logs: a bound
// method that panics with what it was given, arguments of the wrong type and number, a
// message that is no call at all, and at trace level a call's result. Every argument carries
// a canary. With Goldseam's logger (internal/bridgelog, as main.go gives it to Wails) the
// canary must never appear in the output; with -wails-logger (Wails' default) it does,
// which shows the check can see a leak.
//
// policy serves a page through webguard.Middleware, as main.go does, and runs
// internal/policycheck, the check the app runs at start; with -no-policy the page is served
// without the headers, and the check must say so, which shows it can see a missing policy.
//
// drag-source is a real X drag source for a file (see drag.go); page shows a plain page in
// a Wails window with Wails' default drop settings and no guard, for 15 s, so the smoke
// test can show its drag really reaches a webview that accepts drops.
//
// scripts/window-smoke.sh runs every mode. Each exits 0 when its page ran to the end and
// the check held, 1 otherwise (after 30 s at most).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sync/atomic"
	"testing/fstest"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/logger"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/goldseam/goldseam/internal/bridgelog"
)

// page makes the calls once Wails' runtime has bound the probe. Panicking calls never
// settle their promise (Wails answers them with an empty callback), so it waits a moment
// rather than awaiting them.
const page = `<!doctype html><html><head><title>webviewcheck</title></head><body>
<p>webviewcheck</p><script src="/check.js"></script></body></html>`

const script = `
const canary = 'moonlit-canary-4417 what I never said'
const probe = window.go.main.Probe
probe.Boom(canary)
probe.Count(canary)
probe.Count(1, canary)
probe.Echo(canary)
window.WailsInvoke('Z' + canary)
window.runtime.LogPrint(canary)
setTimeout(() => probe.Done(), 1500)
`

// Probe is bound to the page.
type Probe struct {
	ctx   context.Context
	booms atomic.Int32
	done  atomic.Bool
}

// Boom panics with what it was given, as a bug in a bound method might.
func (p *Probe) Boom(text string) error {
	p.booms.Add(1)
	panic("could not keep " + text)
}

// Count takes a number; the page sends it text, and too many values.
func (p *Probe) Count(n int) int { return n }

// Echo returns text: Wails logs the result at trace level.
func (p *Probe) Echo(text string) string { return text }

// Done ends the check.
func (p *Probe) Done() {
	p.done.Store(true)
	runtime.Quit(p.ctx)
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: webviewcheck bridge [-wails-logger] | policy [-no-policy] | drag-source FILE | page")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "bridge":
		bridge(os.Args[2:])
	case "policy":
		policy(os.Args[2:])
	case "drag-source":
		dragSource(os.Args[2:])
	case "page":
		plainPage(os.Args[2:])
	default:
		fmt.Fprintln(os.Stderr, "webviewcheck: unknown mode", os.Args[1])
		os.Exit(2)
	}
}

func bridge(args []string) {
	flags := flag.NewFlagSet("bridge", flag.ExitOnError)
	useWails := flags.Bool("wails-logger", false, "use Wails' default logger instead of Goldseam's")
	flags.Parse(args)
	var log logger.Logger = bridgelog.New(os.Stderr)
	if *useWails {
		log = logger.NewDefaultLogger()
	}
	probe := &Probe{}
	err := wails.Run(&options.App{
		Title:  "webviewcheck",
		Width:  400,
		Height: 300,
		AssetServer: &assetserver.Options{Assets: fstest.MapFS{
			"index.html": {Data: []byte(page)},
			"check.js":   {Data: []byte(script)},
		}},
		Bind:               []any{probe},
		Logger:             log,
		LogLevelProduction: logger.TRACE, // as if the page had raised it (runtime LogSetLogLevel)
		OnStartup: func(ctx context.Context) {
			probe.ctx = ctx
			go func() {
				time.Sleep(30 * time.Second)
				runtime.Quit(ctx)
			}()
		},
	})
	fmt.Printf("webviewcheck: the page's calls reached Go (panics: %d), done: %v\n", probe.booms.Load(), probe.done.Load())
	if err != nil || !probe.done.Load() || probe.booms.Load() != 1 {
		fmt.Fprintln(os.Stderr, "webviewcheck: the page did not finish its calls:", err)
		os.Exit(1)
	}
}
