package space_test

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/goldseam/goldseam/internal/testkit/figures"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// envNumber reads a positive number from the environment, or gives def.
func envNumber(t *testing.T, name string, def uint64) uint64 {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil || n == 0 {
		t.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

// TestThreeDevicesConvergeAndLoseNothing runs the convergence trial (package mergesim): three
// devices with their own data files and keys make random changes and exchange them out of
// order, doubled, dropped and re-delivered late. Every device must fold to the same space,
// holding every change made. Two rounds: the engine's (create, edit, delete and undelete,
// choose after a tie, one person's answer, a signature, on generic records) and the kinds'
// (agreements written, revised, signed and revised at once, check-ins answered, experiences
// noted and deleted, ties chosen, all through their own packages), where every device must
// also read the same agreements (derived "agreed" included), check-ins and experiences, and
// every signature made must still be listed. `make test` runs 30 and 10 schedules; `make
// reliability` sets GOLDSEAM_MERGE_SCHEDULES and GOLDSEAM_MERGE_KIND_SCHEDULES to 1,000 each
// and a seed of its own; the figures count both rounds.
func TestThreeDevicesConvergeAndLoseNothing(t *testing.T) {
	seed := envNumber(t, "GOLDSEAM_MERGE_SEED", 1)
	var total mergesim.Counts
	for _, round := range []struct {
		name      string
		schedules uint64
		kinds     bool
	}{
		{"engine", envNumber(t, "GOLDSEAM_MERGE_SCHEDULES", 30), false},
		{"kinds", envNumber(t, "GOLDSEAM_MERGE_KIND_SCHEDULES", 10), true},
	} {
		_, key := testvault.OpenKey(t, vault.Shared)
		n, err := mergesim.Run(context.Background(), mergesim.Config{Dir: t.TempDir(), Schedules: int(round.schedules), Seed: seed, Key: key, Kinds: round.kinds})
		if err != nil {
			t.Fatalf("%s round, seed %d: %v", round.name, seed, err)
		}
		t.Logf("%s round: seed=%d schedules=%d divergent=%d lost=%d changes=%d ties=%d",
			round.name, seed, n.Schedules, n.Divergent, n.LostWrites, n.Changes, n.Conflicts)
		// A round without ties or with few changes would pass however ties were handled.
		if n.Schedules != int(round.schedules) || n.Conflicts == 0 || n.Changes < 10*n.Schedules {
			t.Fatalf("%s round: %d schedules, %d changes, %d ties: too little to prove anything", round.name, n.Schedules, n.Changes, n.Conflicts)
		}
		total.Schedules += n.Schedules
		total.Divergent += n.Divergent
		total.LostWrites += n.LostWrites
	}
	figures.Record("merge_schedules", total.Schedules)
	figures.Record("merge_divergent", total.Divergent)
	figures.Record("merge_lost_writes", total.LostWrites)
	if total.Divergent != 0 || total.LostWrites != 0 {
		t.Fatalf("seed %d: %d of %d schedules diverged, %d writes lost", seed, total.Divergent, total.Schedules, total.LostWrites)
	}
}
