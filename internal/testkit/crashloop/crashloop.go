// Package crashloop owns the machinery of Goldseam's crash tests: a test re-runs its own
// binary as a child that does real work against real files, kills it with SIGKILL at a
// random moment, and then checks what the child left behind. It is used by tests only.
//
//	func TestX(t *testing.T) {
//		if crashloop.IsChild("x") { doWorkForever(); return }
//		crashloop.Run(t, "x", crashloop.Options{Runs: 100}, func(run int, dir string, out []string) { ... })
//	}
package crashloop

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const (
	envName = "GOLDSEAM_CRASH_CHILD"
	envDir  = "GOLDSEAM_CRASH_DIR"
)

// IsChild reports whether this process is the child of crash test name.
func IsChild(name string) bool { return os.Getenv(envName) == name }

// Dir is the folder the child works in.
func Dir() string { return os.Getenv(envDir) }

// Report prints one line for the parent; the child calls it after each durable step
// (for example "committed 42"), and the parent receives every line it printed.
func Report(format string, args ...any) {
	fmt.Fprintf(os.Stdout, format+"\n", args...)
}

// Options shape a crash loop.
type Options struct {
	Runs int // how many children to kill; GOLDSEAM_CRASH_RUNS overrides it
	// KillAfter is the longest a child lives; each is killed at a uniformly random moment
	// between MinLife and KillAfter after it reports "ready".
	MinLife, KillAfter time.Duration
	// Fresh gives every run its own empty folder instead of one shared by all runs.
	Fresh bool
}

// Runs returns how many runs to do: GOLDSEAM_CRASH_RUNS if set, else def.
func Runs(def int) int {
	if n, err := strconv.Atoi(os.Getenv("GOLDSEAM_CRASH_RUNS")); err == nil && n > 0 {
		return n
	}
	return def
}

// Run starts the test's own binary as child name opts.Runs times, kills each with SIGKILL,
// and calls check with the run number, the working folder and the lines the child printed.
// Setup, if not nil, prepares a run's folder before the child starts.
func Run(t *testing.T, name string, opts Options, setup func(dir string), check func(run int, dir string, lines []string)) {
	t.Helper()
	if raceEnabled {
		t.Skip("crash loops run without the race detector (make test runs them in their own pass)")
	}
	if opts.KillAfter <= 0 {
		opts.KillAfter = 200 * time.Millisecond
	}
	shared := t.TempDir()
	if setup != nil && !opts.Fresh {
		setup(shared)
	}
	for run := 1; run <= opts.Runs; run++ {
		dir := shared
		if opts.Fresh {
			dir = t.TempDir()
			if setup != nil {
				setup(dir)
			}
		}
		lines := runChild(t, name, dir, opts)
		check(run, dir, lines)
		if t.Failed() {
			t.Fatalf("run %d of %d failed", run, opts.Runs)
		}
	}
}

func runChild(t *testing.T, name, dir string, opts Options) []string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), envName+"="+name, envDir+"="+dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var lines []string
	ready := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(stdout)
		once := sync.Once{}
		for sc.Scan() {
			line := sc.Text()
			if line == "ready" {
				once.Do(func() { close(ready) })
				continue
			}
			mu.Lock()
			lines = append(lines, line)
			mu.Unlock()
		}
		once.Do(func() { close(ready) })
	}()
	select {
	case <-ready:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("crash child never became ready")
	}
	span := opts.KillAfter - opts.MinLife
	life := opts.MinLife
	if span > 0 {
		life += time.Duration(rand.Int64N(int64(span)))
	}
	time.Sleep(life)
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	<-done
	mu.Lock()
	defer mu.Unlock()
	// A line cut off mid-write by the kill is not a report.
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// Ready tells the parent the child's setup is done and the kill clock may start.
func Ready() { Report("ready") }
