package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/goldseam/goldseam/scripts/machine"
)

// writeReport writes docs/reliability.md: each figure, its goal, whether it was met, and
// how it was produced, with the date and the machine.
func writeReport(path string, got map[string]string, started time.Time, took time.Duration) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Reliability\n\n")
	fmt.Fprintf(&b, "Written by `make reliability` on %s; the run took %s. Every figure comes from really\n", started.UTC().Format("2006-01-02 15:04 MST"), took.Round(time.Second))
	fmt.Fprintf(&b, "running the trials it names; run `make reliability` (as root, it mounts a small tmpfs) to run\n")
	fmt.Fprintf(&b, "them again and rewrite this page. `make test` runs every one of these trials fewer times: the crash loops, swaps,\ndamaged backups, canaries and hostile Markdown in test-go and test-e2e, the rest in\n`go run ./scripts/reliability -quick`.\n\n")
	fmt.Fprintf(&b, "## Machine\n\n%s", machine.Describe())
	fmt.Fprintf(&b, "## Figures\n\n| figure | value | goal | how it is produced |\n|---|---|---|---|\n")
	for _, f := range figureList {
		goal := f.goal
		if goal == "" {
			goal = "–"
		} else if met, ok := meets(got[f.name], f.goal); ok {
			if met {
				goal += " (met)"
			} else {
				goal += " (**not met**)"
			}
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", f.name, got[f.name], goal, f.how)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// meets checks a value against a goal written as "0", ">= 1,000" or ">= 60".
func meets(value, goal string) (met, ok bool) {
	v, err := strconv.ParseFloat(value, 64)
	if err != nil {
		return false, false
	}
	op, num, found := strings.Cut(goal, " ")
	if !found {
		op, num = "==", goal
	}
	limit, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
	if err != nil {
		return false, false
	}
	switch op {
	case ">=":
		return v >= limit, true
	case "==":
		return v == limit, true
	}
	return false, false
}
