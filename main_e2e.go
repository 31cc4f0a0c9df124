//go:build e2e

// The browser-test build of Goldseam: the same App and services as the desktop app,
// served over loopback HTTP to headless Chromium instead of a Wails window.
//
//	go build -tags e2e -o build/test-artifacts/e2e-server .
//	e2e-server --data-dir DIR [--addr 127.0.0.1:0] [--dist frontend/dist]
//
// It prints "listening on http://ADDR" once ready.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"syscall"

	"github.com/goldseam/goldseam/internal/datadir"
	"github.com/goldseam/goldseam/internal/e2eserver"
)

func main() {
	os.Exit(run())
}

func run() int {
	f, addr, dist, status := serverFlags(os.Args[1:])
	if status != 0 {
		return status
	}
	lock, err := datadir.Acquire(f.dataDir)
	if errors.Is(err, datadir.ErrInUse) {
		fmt.Fprintln(os.Stderr, "data folder in use:", f.dataDir)
		return exitInUse
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer lock.Release()

	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	h := e2eserver.NewHost()
	app := NewApp(f.dataDir, h, log)
	srv, err := e2eserver.New(os.DirFS(dist), h, app.bindings())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	srv.Failed = app.failed
	srv.Partner = e2eserver.NewPartner(app.db, app.session)
	defer srv.Partner.Close()

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); !ok || !tcp.IP.IsLoopback() {
		fmt.Fprintln(os.Stderr, "e2e-server listens on loopback only")
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	app.startup(ctx)
	defer app.shutdown(ctx)

	httpSrv := &http.Server{Handler: srv.Handler()}
	go func() {
		<-ctx.Done()
		httpSrv.Close()
	}()
	fmt.Printf("listening on http://%s\n", ln.Addr())
	if err := httpSrv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// serverFlags reads the app's flags and the server's own (--addr, --dist), which are kept
// apart so they never leak into the app. It refuses to run without --data-dir.
func serverFlags(args []string) (f flags, addr, dist string, status int) {
	fs := flag.NewFlagSet("e2e-server", flag.ContinueOnError)
	addrFlag := fs.String("addr", "127.0.0.1:0", "listen on `ADDR` (loopback only)")
	distFlag := fs.String("dist", "frontend/dist", "serve the built interface from `DIR`")
	rest := slices.Clone(args)
	var serverArgs []string
	for i := 0; i < len(rest); i++ {
		if rest[i] == "--addr" || rest[i] == "--dist" {
			serverArgs = append(serverArgs, rest[i], rest[i+1])
			rest = append(rest[:i], rest[i+2:]...)
			i--
		}
	}
	if err := fs.Parse(serverArgs); err != nil {
		return f, "", "", exitUsage
	}
	f, err := parseFlags("e2e-server", rest, os.Stderr)
	if err != nil {
		return f, "", "", exitUsage
	}
	if f.dataDir == "" {
		fmt.Fprintln(os.Stderr, "e2e-server needs --data-dir: it must never touch a real data folder")
		return f, "", "", exitUsage
	}
	return f, *addrFlag, *distFlag, 0
}
