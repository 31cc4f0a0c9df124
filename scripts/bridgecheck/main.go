//go:build linux && cgo

// Command bridgecheck drives Wails' own dispatcher, in a real window (Xvfb in tests), with
// the calls whose whole message Wails logs: a bound method that panics with what it was
// given, arguments of the wrong type and number, a message that is no call at all, and at
// trace level a call's result. Every argument carries a canary.
//
//	go build -tags 'webkit2_41 production' -o build/tools/bridgecheck ./scripts/bridgecheck
//	bridgecheck [-wails-logger]
//
// With Goldseam's logger (internal/bridgelog, as main.go gives it to Wails) the canary must
// never appear in the output; with -wails-logger (Wails' default) it does, which shows the
// check can see a leak. scripts/window-smoke.sh runs both. It exits 0 once the page has made
// every call and said so, 1 otherwise (after 30 s at most).
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
const page = `<!doctype html><html><head><title>bridgecheck</title></head><body>
<p>bridgecheck</p><script src="/check.js"></script></body></html>`

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
	useWails := flag.Bool("wails-logger", false, "use Wails' default logger instead of Goldseam's")
	flag.Parse()
	var log logger.Logger = bridgelog.New(os.Stderr)
	if *useWails {
		log = logger.NewDefaultLogger()
	}
	probe := &Probe{}
	err := wails.Run(&options.App{
		Title:  "bridgecheck",
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
	fmt.Printf("bridgecheck: the page's calls reached Go (panics: %d), done: %v\n", probe.booms.Load(), probe.done.Load())
	if err != nil || !probe.done.Load() || probe.booms.Load() != 1 {
		fmt.Fprintln(os.Stderr, "bridgecheck: the page did not finish its calls:", err)
		os.Exit(1)
	}
}
