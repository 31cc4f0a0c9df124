package main

// mergeTrial is the convergence trial of the shared space's change log (package
// internal/testkit/mergesim, through its test in internal/space): three devices' random
// schedules of changes and deliveries, 1,000 in each of its two rounds (the engine's, and the
// kinds' through their own packages), 60 and 20 in the quick run. Each run starts
// from a seed of its own, printed by the test, so every run tries schedules no run tried
// before and a failing one can be replayed with GOLDSEAM_MERGE_SEED.
var mergeTrial = goTrial{
	sizes: []size{{"GOLDSEAM_MERGE_SCHEDULES", "1000", "60"}, {"GOLDSEAM_MERGE_KIND_SCHEDULES", "1000", "20"}},
	seed:  "GOLDSEAM_MERGE_SEED", timeout: "60m",
	run: "ThreeDevicesConvergeAndLoseNothing", pkg: "./internal/space/",
}
