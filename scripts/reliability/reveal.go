package main

import (
	"strconv"
	"time"
)

// revealTrial runs the trial of answers seen together (internal/reveal): random schedules
// of two paired computers answering, changing answers, meeting in either direction, forging
// releases and trying to open each other's answer, and counts the opens of the partner's
// answer by a side that had not answered yet. 1,000 schedules at full length, 60 in the
// quick run, each run from a seed of its own (replay with GOLDSEAM_REVEAL_SEED).
func revealTrial(cfg config) error {
	trials := "1000"
	if cfg.quick {
		trials = "60"
	}
	seed := strconv.FormatInt(time.Now().UnixNano()&(1<<48-1)|1, 10)
	return command(cfg, ".", []string{"GOLDSEAM_REVEAL_TRIALS=" + trials, "GOLDSEAM_REVEAL_SEED=" + seed},
		"go", "test", "-count=1", "-timeout=30m", "-v", "-run", "^TestNoOneOpensThePartnersAnswerBeforeCommittingTheirOwn$", "./internal/reveal/")
}
