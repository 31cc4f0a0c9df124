package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// fuzzTarget is one Fuzz function and its package.
type fuzzTarget struct{ name, pkg string }

// fuzzTargets lists every Fuzz function in the tree, as `go test -list` sees them.
func fuzzTargets() ([]fuzzTarget, error) {
	out, err := exec.Command("go", "test", "-list", "^Fuzz", "./...").Output()
	if err != nil {
		return nil, fmt.Errorf("list fuzz targets: %w", err)
	}
	var targets []fuzzTarget
	var pending []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "Fuzz"):
			pending = append(pending, line)
		case strings.HasPrefix(line, "ok "):
			fields := strings.Fields(line)
			for _, name := range pending {
				targets = append(targets, fuzzTarget{name, fields[1]})
			}
			pending = nil
		}
	}
	return targets, nil
}

var execsLine = regexp.MustCompile(`execs: (\d+)`)

// fuzzAll runs every target for cfg.fuzzTime and counts what was tried and what failed.
func fuzzAll(cfg config) error {
	targets, err := fuzzTargets()
	if err != nil {
		return err
	}
	if len(targets) == 0 {
		return fmt.Errorf("no fuzz targets found")
	}
	var execs int64
	failures := 0
	shortest := time.Duration(1 << 62)
	for _, t := range targets {
		start := time.Now()
		out, verdict := fuzzOne(t, cfg.fuzzTime)
		took := time.Since(start)
		if verdict != fuzzPassed {
			failures++
			fmt.Fprintf(os.Stderr, "reliability: %s in %s failed: %s\n", t.name, t.pkg, verdict)
		}
		// The last progress line carries the total.
		if m := execsLine.FindAllSubmatch(out, -1); len(m) > 0 {
			n, _ := strconv.ParseInt(string(m[len(m)-1][1]), 10, 64)
			execs += n
		}
		shortest = min(shortest, min(took, cfg.fuzzTime))
	}
	for name, v := range map[string]any{
		"fuzz_targets": len(targets), "fuzz_seconds": int(shortest.Seconds()),
		"fuzz_execs": execs, "fuzz_failures": failures,
	} {
		if err := record(cfg, name, v); err != nil {
			return err
		}
	}
	return nil
}

// fuzzVerdict is how one target's run ended.
type fuzzVerdict string

const (
	fuzzPassed fuzzVerdict = "passed"
	// fuzzFound: the engine wrote an input that fails the target.
	fuzzFound fuzzVerdict = "found a failing input (written under the package's testdata/fuzz)"
	// fuzzStopped: Go 1.26's fuzzing coordinator reported its own deadline as a failure at
	// the end of -fuzztime (golang/go#75804, fixed in Go 1.27) and wrote no input.
	fuzzStopped fuzzVerdict = "the fuzzing engine stopped on its own deadline twice, with no failing input"
	fuzzBroken  fuzzVerdict = "go test failed without a failing input"
)

// coordinatorRace is the one line Go 1.26 prints when its fuzzing coordinator loses the race
// with its own -fuzztime deadline (a worker's cancellation escapes the check meant to
// swallow it). It says nothing about the target; an input the engine finds is always
// written to testdata and named on a "Failing input written to" line.
const coordinatorRace = "context deadline exceeded"

var failingInput = regexp.MustCompile(`Failing input written to \S+`)

// judgeFuzz reads one run's output: a written input is a finding whatever else was
// printed; the coordinator's deadline alone is not.
func judgeFuzz(out []byte, runErr error) fuzzVerdict {
	switch {
	case failingInput.Match(out):
		return fuzzFound
	case runErr == nil:
		return fuzzPassed
	case bytes.Contains(out, []byte(coordinatorRace)):
		return fuzzStopped
	default:
		return fuzzBroken
	}
}

// fuzzOne fuzzes one target for d. A run that ends on the coordinator's own deadline with
// no input written is run once more, whole, so the target still gets its full time; a
// second such stop counts as a failure, so the race can never hide a target that was not
// fuzzed.
func fuzzOne(t fuzzTarget, d time.Duration) ([]byte, fuzzVerdict) {
	var out []byte
	verdict := fuzzPassed
	for try := 0; try < 2; try++ {
		cmd := exec.Command("go", "test", "-run", "^$", "-fuzz", "^"+t.name+"$", "-fuzztime", d.String(), "-parallel", "2", t.pkg)
		var buf bytes.Buffer
		cmd.Stdout, cmd.Stderr = &buf, &buf
		runErr := cmd.Run()
		os.Stderr.Write(buf.Bytes())
		out = buf.Bytes()
		if verdict = judgeFuzz(out, runErr); verdict != fuzzStopped {
			return out, verdict
		}
		fmt.Fprintf(os.Stderr, "reliability: %s stopped on the fuzzing engine's own deadline (golang/go#75804), no input written; running it again\n", t.name)
	}
	return out, verdict
}
