package main

import (
	"errors"
	"testing"
)

// What go test printed in the runs this judges: a target that passed, one that ended on Go
// 1.26's coordinator deadline (golang/go#75804) with nothing written, one where the engine
// found an input, and one that did not build.
const (
	passedRun = "fuzz: elapsed: 60s, execs: 81234 (1353/sec), new interesting: 12 (total: 40)\nPASS\nok  \tgithub.com/goldseam/goldseam/internal/importer\t60.2s\n"
	raceRun   = "fuzz: elapsed: 60s, execs: 60211 (0/sec), new interesting: 9 (total: 37)\n--- FAIL: FuzzJRNL (60.04s)\n    context deadline exceeded\nFAIL\nexit status 1\n"
	foundRun  = "fuzz: elapsed: 4s, execs: 5102 (1275/sec), new interesting: 3 (total: 31)\n--- FAIL: FuzzJRNL (4.11s)\n    --- FAIL: FuzzJRNL (0.00s)\n        testing.go:1591: panic: index out of range\n    Failing input written to testdata/fuzz/FuzzJRNL/4d1c0a8e\n    To re-run:\n    go test -run=FuzzJRNL/4d1c0a8e\nFAIL\n"
	brokenRun = "# github.com/goldseam/goldseam/internal/importer\ninternal/importer/jrnl.go:12:2: undefined: x\nFAIL\tgithub.com/goldseam/goldseam/internal/importer [build failed]\n"
)

func TestAFuzzRunIsJudgedByWhatItWrote(t *testing.T) {
	exit := errors.New("exit status 1")
	for _, c := range []struct {
		name string
		out  string
		err  error
		want fuzzVerdict
	}{
		{"passed", passedRun, nil, fuzzPassed},
		{"the coordinator's own deadline", raceRun, exit, fuzzStopped},
		// An input found at the very end can come with the deadline line too: still a finding.
		{"a failing input", foundRun, exit, fuzzFound},
		{"a failing input and the deadline", foundRun + "    context deadline exceeded\n", exit, fuzzFound},
		{"a failed build", brokenRun, exit, fuzzBroken},
	} {
		if got := judgeFuzz([]byte(c.out), c.err); got != c.want {
			t.Errorf("%s: judged %q, want %q", c.name, got, c.want)
		}
	}
}
