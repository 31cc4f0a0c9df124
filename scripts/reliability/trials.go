package main

import (
	"strconv"
	"time"
)

// goTrial is a go test that measures its own figures (internal/testkit/figures) at a length
// the run chooses: each of its sizes is set to the full or the quick count, and seed, when
// named, gets a fresh seed, so every run tries cases no run tried before and a failing one
// can be replayed by setting that variable to the seed the test printed.
type goTrial struct {
	sizes    []size
	seed     string // the variable the test reads its seed from, or ""
	timeout  string // go test's -timeout; 30m when empty
	run, pkg string // go test's -run and the package
}

// size is one variable that sets how many trials a test runs.
type size struct{ env, full, quick string }

// step runs the trial as one step of the run.
func (t goTrial) step(cfg config) error {
	var env []string
	for _, s := range t.sizes {
		n := s.full
		if cfg.quick {
			n = s.quick
		}
		env = append(env, s.env+"="+n)
	}
	if t.seed != "" {
		env = append(env, t.seed+"="+strconv.FormatInt(time.Now().UnixNano()&(1<<48-1)|1, 10))
	}
	timeout := t.timeout
	if timeout == "" {
		timeout = "30m"
	}
	return command(cfg, ".", env, "go", "test", "-count=1", "-timeout="+timeout, "-v", "-run", t.run, t.pkg)
}
