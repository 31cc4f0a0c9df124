package main

import (
	"strconv"
	"time"
)

// mergeTrial runs the convergence trial of the shared space's change log (package
// internal/testkit/mergesim, through its test in internal/space): three devices' random
// schedules of changes and deliveries, 1,000 in each of its two rounds (the engine's, and the
// kinds' through their own packages), 60 and 20 in the quick run. Each run starts
// from a seed of its own, printed by the test, so every run tries schedules no run tried
// before and a failing one can be replayed with GOLDSEAM_MERGE_SEED.
func mergeTrial(cfg config) error {
	schedules, kinds := "1000", "1000"
	if cfg.quick {
		schedules, kinds = "60", "20"
	}
	seed := strconv.FormatInt(time.Now().UnixNano()&(1<<48-1)|1, 10)
	return command(cfg, ".", []string{"GOLDSEAM_MERGE_SCHEDULES=" + schedules, "GOLDSEAM_MERGE_KIND_SCHEDULES=" + kinds, "GOLDSEAM_MERGE_SEED=" + seed},
		"go", "test", "-count=1", "-timeout=60m", "-v", "-run", "ThreeDevicesConvergeAndLoseNothing", "./internal/space/")
}
