package main

import (
	"strconv"
	"time"
)

// exchangeTrial runs the change files' tamper trials and the foreign-files test (package
// internal/exchange): a real change file damaged at random (a bit flipped, bytes cut, added
// or overwritten), kept under its name or renamed to match and put in a trusted device's
// folder, each scanned twice by the partner, 2,000 times (100 in the quick run); and conflict
// copies, cloud placeholders, partial downloads, links and folders named like change files,
// a file too large and an unknown device's files beside a real one, none of which may be
// opened. Each run starts from a seed of its own, printed by the test, so a failing trial
// can be replayed with GOLDSEAM_SEGMENT_TAMPER_SEED.
func exchangeTrial(cfg config) error {
	trials := "2000"
	if cfg.quick {
		trials = "100"
	}
	seed := strconv.FormatInt(time.Now().UnixNano()&(1<<48-1)|1, 10)
	return command(cfg, ".", []string{"GOLDSEAM_SEGMENT_TAMPER_TRIALS=" + trials, "GOLDSEAM_SEGMENT_TAMPER_SEED=" + seed},
		"go", "test", "-count=1", "-timeout=30m", "-v", "-run", "SegmentTamperTrials|ForeignFilesAreListedAndNeverParsed", "./internal/exchange/")
}

// sharingTrial runs the sharing session through two real Syncthing instances (package
// internal/sharing): pairing, check-ins, signatures and experiences written apart and
// converged, 40 files while paused, a half-arrived file, planted files, deletion and leaving,
// with the internet sockets of the test's own process tree (where all of Goldseam's code runs;
// Syncthing is started apart from it) counted at each step: sync_sockets_opened.
func sharingTrial(cfg config) error {
	return command(cfg, ".", nil, "go", "test", "-count=1", "-timeout=10m", "-v", "-run", "TestSharingThroughRealSyncthing", "./internal/sharing/")
}
