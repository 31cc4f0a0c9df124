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
		cmd := exec.Command("go", "test", "-run", "^$", "-fuzz", "^"+t.name+"$", "-fuzztime", cfg.fuzzTime.String(), "-parallel", "2", t.pkg)
		var buf bytes.Buffer
		cmd.Stdout, cmd.Stderr = &buf, &buf
		runErr := cmd.Run()
		took := time.Since(start)
		os.Stderr.Write(buf.Bytes())
		if runErr != nil {
			failures++
			fmt.Fprintf(os.Stderr, "reliability: %s in %s failed: %v\n", t.name, t.pkg, runErr)
		}
		// The last progress line carries the total.
		if m := execsLine.FindAllSubmatch(buf.Bytes(), -1); len(m) > 0 {
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
