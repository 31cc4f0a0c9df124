package main

// pairingTrial is the substitution trial of pairing (internal/pairing): for each trial a
// fresh honest transcript and fresh attacker keys and values, substituted as an answer on
// its way to the inviter and as a man in the middle with an offer of its own, and counts
// the substitutions whose code matched the honest screen's. 50,000 trials (100,000
// substitutions) at full length, 2,000 in the quick run.
var pairingTrial = goTrial{
	sizes: []size{{"GOLDSEAM_PAIRING_TRIALS", "50000", "2000"}},
	run:   "^TestSubstitutionsMatchOnlyByChance$", pkg: "./internal/pairing/",
}
