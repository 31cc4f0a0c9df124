package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
)

// probeResult is what scripts/winprobe prints.
type probeResult struct {
	FirstPaintMs float64 `json:"first_paint_ms"`
	RSSMB        float64 `json:"rss_mb"`
}

// startupSuite starts Goldseam and the empty Wails app alternately, cfg.runs times each,
// and reports the medians: exec to first painted frame, and the whole process tree's
// resident memory 5 s after start (WebKit's web and network processes included).
func startupSuite(cfg config) ([]figure, error) {
	var app, empty []probeResult
	for i := 0; i < cfg.runs; i++ {
		dir, err := os.MkdirTemp("", "goldseam-bench-")
		if err != nil {
			return nil, err
		}
		r, err := probe(cfg.winprobe, "Goldseam", cfg.app, "--data-dir", filepath.Join(dir, "data"))
		os.RemoveAll(dir)
		if err != nil {
			return nil, fmt.Errorf("goldseam run %d: %w", i+1, err)
		}
		app = append(app, r)
		if r, err = probe(cfg.winprobe, "emptyapp", cfg.empty); err != nil {
			return nil, fmt.Errorf("empty app run %d: %w", i+1, err)
		}
		empty = append(empty, r)
	}
	startup := median(app, func(r probeResult) float64 { return r.FirstPaintMs })
	startupEmpty := median(empty, func(r probeResult) float64 { return r.FirstPaintMs })
	rss := median(app, func(r probeResult) float64 { return r.RSSMB })
	rssEmpty := median(empty, func(r probeResult) float64 { return r.RSSMB })
	runs := fmt.Sprintf("median of %d runs under Xvfb, alternating with the empty app", cfg.runs)
	return []figure{
		{"startup_ms", startup, "ms", "", "startup_empty_ms", "exec to the first painted frame of the real window, " + runs},
		{"startup_empty_ms", startupEmpty, "ms", "", "", "the same for an empty Wails app (plain template, same Wails version and flags), " + runs},
		{"startup_ratio", startup / startupEmpty, "x", "<= 1.2", "the empty Wails app", "startup_ms / startup_empty_ms"},
		{"rss_mb", rss, "MiB", "", "rss_empty_mb", "resident memory of the whole process tree (app + WebKit processes) 5 s after exec, " + runs},
		{"rss_empty_mb", rssEmpty, "MiB", "", "", "the same for the empty Wails app"},
		{"rss_ratio", rss / rssEmpty, "x", "", "the empty Wails app", "rss_mb / rss_empty_mb"},
	}, nil
}

// binarySuite reports the size of the built app as make build leaves it (stripped by
// wails build): the figure needs no window, so it has a suite of its own (-only binary).
func binarySuite(cfg config) ([]figure, error) {
	info, err := os.Stat(cfg.app)
	if err != nil {
		return nil, err
	}
	return []figure{
		{"binary_mb", float64(info.Size()) / 1e6, "MB", "<= 16", "the empty Wails app: " + sizeMB(cfg.empty), "size of build/bin/goldseam (10^6 bytes)"},
	}, nil
}

func probe(winprobe, title string, argv ...string) (probeResult, error) {
	args := append([]string{"-title", title, "-timeout", "60s", "-rss-after", "5s", "--"}, argv...)
	out, err := exec.Command(winprobe, args...).Output()
	if err != nil {
		return probeResult{}, fmt.Errorf("%w: %s", err, out)
	}
	var r probeResult
	if err := json.Unmarshal(out, &r); err != nil {
		return r, fmt.Errorf("winprobe said %q: %w", out, err)
	}
	return r, nil
}

func median[T any](xs []T, key func(T) float64) float64 {
	vals := make([]float64, len(xs))
	for i, x := range xs {
		vals[i] = key(x)
	}
	sort.Float64s(vals)
	n := len(vals)
	if n%2 == 1 {
		return vals[n/2]
	}
	return (vals[n/2-1] + vals[n/2]) / 2
}

func sizeMB(path string) string {
	info, err := os.Stat(path)
	if err != nil {
		return "unknown"
	}
	return fmt.Sprintf("%.1f MB", float64(info.Size())/1e6)
}
