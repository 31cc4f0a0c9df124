package main

// isolationTrial is the canary scan across the two data files of one data folder
// (internal/api/people_test.go): two people use Goldseam in turns through the real services,
// pair through the local exchange folder, and each then reads everything they can; the
// other's private words found are vault_isolation_hits. 20 rounds at full length, 2 in the
// quick run.
var isolationTrial = goTrial{
	sizes: []size{{"GOLDSEAM_ISOLATION_ROUNDS", "20", "2"}},
	run:   "^TestTwoPeopleOnOneComputerReadNothingOfEachOther$", pkg: "./internal/api/",
}
