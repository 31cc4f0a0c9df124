package main

// revealTrial is the trial of answers seen together (internal/reveal): random schedules
// of two paired computers answering, changing answers, meeting in either direction, forging
// releases and trying to open each other's answer, and counts the opens of the partner's
// answer by a side that had not answered yet. 1,000 schedules at full length, 60 in the
// quick run, each run from a seed of its own (replay with GOLDSEAM_REVEAL_SEED).
var revealTrial = goTrial{
	sizes: []size{{"GOLDSEAM_REVEAL_TRIALS", "1000", "60"}},
	seed:  "GOLDSEAM_REVEAL_SEED",
	run:   "^TestNoOneOpensThePartnersAnswerBeforeCommittingTheirOwn$", pkg: "./internal/reveal/",
}
