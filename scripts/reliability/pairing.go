package main

// pairingTrial runs the substitution trial of pairing (internal/pairing): for each trial a
// fresh honest transcript and fresh attacker keys and values, substituted as an answer on
// its way to the inviter and as a man in the middle with an offer of its own, and counts
// the substitutions whose code matched the honest screen's. 50,000 trials (100,000
// substitutions) at full length, 2,000 in the quick run.
func pairingTrial(cfg config) error {
	trials := "50000"
	if cfg.quick {
		trials = "2000"
	}
	return command(cfg, ".", []string{"GOLDSEAM_PAIRING_TRIALS=" + trials},
		"go", "test", "-count=1", "-timeout=30m", "-v", "-run", "^TestSubstitutionsMatchOnlyByChance$", "./internal/pairing/")
}
