package main

// exchangeTrial is the change files' tamper trials and the foreign-files test (package
// internal/exchange): a real change file damaged at random (a bit flipped, bytes cut, added
// or overwritten), kept under its name or renamed to match and put in a trusted device's
// folder, each scanned twice by the partner, 2,000 times (100 in the quick run); and conflict
// copies, cloud placeholders, partial downloads, links and folders named like change files,
// a file too large and an unknown device's files beside a real one, none of which may be
// opened. Each run starts from a seed of its own, printed by the test, so a failing trial
// can be replayed with GOLDSEAM_SEGMENT_TAMPER_SEED.
var exchangeTrial = goTrial{
	sizes: []size{{"GOLDSEAM_SEGMENT_TAMPER_TRIALS", "2000", "100"}},
	seed:  "GOLDSEAM_SEGMENT_TAMPER_SEED",
	run:   "SegmentTamperTrials|ForeignFilesAreListedAndNeverParsed", pkg: "./internal/exchange/",
}

// sharingTrial is the sharing session through two real Syncthing instances (package
// internal/sharing): pairing, check-ins, signatures and experiences written apart and
// converged, 40 files while paused, a half-arrived file, planted files, deletion and leaving,
// with the internet sockets of the test's own process tree (where all of Goldseam's code runs;
// Syncthing is started apart from it) counted at each step: sync_sockets_opened.
var sharingTrial = goTrial{timeout: "10m", run: "TestSharingThroughRealSyncthing", pkg: "./internal/sharing/"}
