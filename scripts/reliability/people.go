package main

// isolationTrial runs the canary scan across the two data files of one data folder
// (internal/api/people_test.go): two people use Goldseam in turns through the real services,
// pair through the local exchange folder, and each then reads everything they can; the
// other's private words found are vault_isolation_hits. 20 rounds at full length, 2 in the
// quick run.
func isolationTrial(cfg config) error {
	rounds := "20"
	if cfg.quick {
		rounds = "2"
	}
	return command(cfg, ".", []string{"GOLDSEAM_ISOLATION_ROUNDS=" + rounds},
		"go", "test", "-count=1", "-timeout=30m", "-v", "-run", "^TestTwoPeopleOnOneComputerReadNothingOfEachOther$", "./internal/api/")
}
