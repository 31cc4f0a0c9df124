//go:build !e2e

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/datadir"
	"github.com/goldseam/goldseam/internal/vault"
)

// TestMain makes this test binary also the goldseam command (the real run, in process) for
// the scripts in testdata/script, with the cheap test KDF and backup work factor so a
// vault is made in milliseconds. Each script runs with a bare environment: no DISPLAY,
// no WAYLAND_DISPLAY, HOME not a real folder, as over SSH.
func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	backup.UseCheapWorkFactorForTests()
	testscript.Main(m, map[string]func(){
		"goldseam": func() { os.Exit(run()) },
		"holdlock": holdLockProgram,
	})
}

// TestCommandLineScripts runs testdata/script/*.txt: each is one readable scenario of the
// command line, its output and its exit status.
func TestCommandLineScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"exits":    cmdExits,
			"mode":     cmdMode,
			"waitfile": cmdWaitFile,
		},
	})
}

// cmdExits runs a program and checks its exact exit status: exits STATUS PROGRAM ARGS...
// (exec only tells zero from not zero, and Goldseam's statuses mean different things).
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits STATUS PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %v", err)
	}
	got := 0
	var exit *exec.ExitError
	if err := ts.Exec(args[1], args[2:]...); errors.As(err, &exit) {
		got = exit.ExitCode()
	} else if err != nil {
		ts.Fatalf("exits: %v", err)
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// cmdMode checks a file's permission bits: mode 600 FILE.
func cmdMode(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: mode OCTAL FILE")
	}
	info, err := os.Stat(ts.MkAbs(args[1]))
	ts.Check(err)
	got := fmt.Sprintf("%o", info.Mode().Perm())
	if (got == args[0]) == neg {
		ts.Fatalf("%s has mode %s, want %s%s", args[1], got, map[bool]string{true: "not "}[neg], args[0])
	}
}

// cmdWaitFile waits up to ten seconds for a file to appear: waitfile FILE.
func cmdWaitFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfile FILE")
	}
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(ts.MkAbs(args[0])); err == nil {
			return
		}
	}
	ts.Fatalf("%s did not appear", args[0])
}

// holdLockProgram is a second program for the scripts: holdlock DIR takes DIR's data-folder
// lock as a running Goldseam does, writes the file "held", and keeps the lock until a
// file "release" appears (or a minute passes).
func holdLockProgram() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: holdlock DIR")
		os.Exit(2)
	}
	lock, err := datadir.Acquire(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "holdlock:", err)
		os.Exit(1)
	}
	defer lock.Release()
	if err := os.WriteFile("held", nil, 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "holdlock:", err)
		os.Exit(1)
	}
	for end := time.Now().Add(time.Minute); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat("release"); err == nil {
			return
		}
	}
}
