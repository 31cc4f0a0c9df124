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

// writeReport writes docs/benchmarks.md: every figure with its goal and yardstick, how it
// was made, and on what machine.
func writeReport(path string, figs []figure, now time.Time) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Benchmarks\n\n")
	fmt.Fprintf(&b, "Written by `make bench` on %s. Each figure comes from running the real thing it names;\n", now.UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(&b, "run `make bench` to measure again (it rewrites this page).\n\n")
	fmt.Fprintf(&b, "## Machine\n\n%s\n", machine.Describe())
	fmt.Fprintf(&b, "## Figures\n\n| figure | value | goal | compared to | how it is measured |\n|---|---|---|---|---|\n")
	for _, f := range figs {
		goal := f.Goal
		switch met, ok := meets(f.Value, f.Goal); {
		case !ok:
			goal = "–"
		case met:
			goal += " (met)"
		default:
			goal += " (**not met**)"
		}
		against := f.Against
		if against == "" {
			against = "–"
		}
		fmt.Fprintf(&b, "| `%s` | %s %s | %s | %s | %s |\n", f.Name, format(f.Value), f.Unit, goal, against, f.How)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// meets checks a value against a goal written as "<= 1.2" or ">= 64"; ok is false when
// there is no goal to check.
func meets(v float64, goal string) (met, ok bool) {
	op, num, found := strings.Cut(strings.TrimSpace(goal), " ")
	if !found {
		return false, false
	}
	limit, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil {
		return false, false
	}
	switch op {
	case "<=":
		return v <= limit, true
	case ">=":
		return v >= limit, true
	}
	return false, false
}
