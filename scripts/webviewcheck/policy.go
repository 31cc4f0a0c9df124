//go:build linux && cgo

package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/goldseam/goldseam/internal/policycheck"
	"github.com/goldseam/goldseam/internal/webguard"
)

const policyPage = `<!doctype html><html><head><title>webviewcheck</title></head><body><p>policy</p></body></html>`

// policy runs the app's start-up policy check against a page served with Goldseam's headers
// (or, with -no-policy, without them) and prints the verdict.
func policy(args []string) {
	flags := flag.NewFlagSet("policy", flag.ExitOnError)
	none := flags.Bool("no-policy", false, "serve the page without Goldseam's security headers")
	flags.Parse(args)
	handler := http.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, policyPage)
	}))
	if !*none {
		handler = webguard.Middleware(handler)
	}
	var once sync.Once
	var verdict error = policycheck.ErrNoAnswer
	err := wails.Run(&options.App{
		Title:       "webviewcheck",
		Width:       400,
		Height:      300,
		AssetServer: &assetserver.Options{Handler: handler},
		OnDomReady: func(ctx context.Context) {
			once.Do(func() {
				go func() {
					a, err := policycheck.Ask(ctx, 20*time.Second)
					if err == nil {
						err = policycheck.Verdict(a, webguard.ContentSecurityPolicy)
					}
					verdict = err
					fmt.Printf("webviewcheck: enforced=%v directive=%q policy=%q\n", a.Enforced, a.Directive, a.Policy)
					runtime.Quit(ctx)
				}()
			})
		},
	})
	switch {
	case err != nil:
		fmt.Fprintln(os.Stderr, "webviewcheck:", err)
		os.Exit(1)
	case verdict == nil:
		fmt.Println("webviewcheck: the webview enforces Goldseam's policy")
	default:
		fmt.Println("webviewcheck: policy check failed:", verdict)
		os.Exit(1)
	}
}

// plainPage shows a page with no script and Wails' default drag-and-drop settings: a
// webview that takes whatever is dropped on it, for the drop check to compare against.
func plainPage(args []string) {
	flags := flag.NewFlagSet("page", flag.ExitOnError)
	stay := flags.Duration("for", 15*time.Second, "close after this long")
	guard := flags.String("script", "", "load this script file in the page's <head> (frontend/public/refuse-drops.js)")
	flags.Parse(args)
	page, script := policyPage, []byte{}
	if *guard != "" {
		var err error
		if script, err = os.ReadFile(*guard); err != nil {
			fmt.Fprintln(os.Stderr, "webviewcheck:", err)
			os.Exit(2)
		}
		page = strings.Replace(page, "<head>", `<head><script src="/guard.js"></script>`, 1)
	}
	err := wails.Run(&options.App{
		Title:  "webviewcheck",
		Width:  800,
		Height: 600,
		AssetServer: &assetserver.Options{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/guard.js" {
				w.Header().Set("Content-Type", "text/javascript")
				w.Write(script)
				return
			}
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, page)
		})},
		OnStartup: func(ctx context.Context) {
			go func() {
				time.Sleep(*stay)
				runtime.Quit(ctx)
			}()
		},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "webviewcheck:", err)
		os.Exit(1)
	}
}
