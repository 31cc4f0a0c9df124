package main

import (
	"strconv"
	"time"
)

// mergeTrial runs the convergence trial of the shared space's change log (package
// internal/testkit/mergesim, through its test in internal/space): three devices' random
// schedules of changes and deliveries, 1,000 of them, 60 in the quick run. Each run starts
// from a seed of its own, printed by the test, so every run tries schedules no run tried
// before and a failing one can be replayed with GOLDSEAM_MERGE_SEED.
func mergeTrial(cfg config) error {
	schedules := "1000"
	if cfg.quick {
		schedules = "60"
	}
	seed := strconv.FormatInt(time.Now().UnixNano()&(1<<48-1)|1, 10)
	return command(cfg, ".", []string{"GOLDSEAM_MERGE_SCHEDULES=" + schedules, "GOLDSEAM_MERGE_SEED=" + seed},
		"go", "test", "-count=1", "-timeout=60m", "-v", "-run", "ThreeDevicesConvergeAndLoseNothing", "./internal/space/")
}
