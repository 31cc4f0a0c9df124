package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// autosaveSuite types into the real journal editor in Chromium against the e2e server
// (frontend/e2e/autosave.measure.ts) and reports what one pause in typing costs: the
// journal calls it makes and the time until the editor says "Saved". It needs the built
// frontend (frontend/dist) and the generated bindings, as the browser tests do.
func autosaveSuite(cfg config) ([]figure, error) {
	out := filepath.Join("build", "test-artifacts", "autosave.json")
	os.Remove(out)
	cmd := exec.Command("npx", "vitest", "run", "--config", "vitest.measure.config.ts")
	cmd.Dir = "frontend"
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("the autosave measurement in Chromium: %w", err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	var r struct {
		Pauses        int     `json:"pauses"`
		CallsPerPause int     `json:"callsPerPause"`
		P95Ms         float64 `json:"p95Ms"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	how := fmt.Sprintf("typing into the journal editor in headless Chromium against the e2e server (60-entry journal), %d pauses", r.Pauses)
	return []figure{
		{Name: "autosave_calls", Value: float64(r.CallsPerPause), Unit: "calls", Goal: "<= 1",
			How: how + "; the most `api.Journal.*` calls the page made from the last keystroke of a pause until 1 s after \"Saved\""},
		{Name: "autosave_ms", Value: r.P95Ms, Unit: "ms",
			How: how + "; p95 of last keystroke to \"Saved\", in the browser's clock, including the editor's 800 ms wait for the pause"},
	}, nil
}
