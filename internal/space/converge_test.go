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
// devices with their own data files and keys make random changes (create, edit, delete and
// undelete, choose after a tie, one person's answer, a signature) and exchange them out of
// order, doubled, dropped and re-delivered late. Every device must fold to the same space,
// holding every change made. `make test` runs 30 schedules; `make reliability` sets
// GOLDSEAM_MERGE_SCHEDULES=1000 and a seed of its own.
func TestThreeDevicesConvergeAndLoseNothing(t *testing.T) {
	schedules := envNumber(t, "GOLDSEAM_MERGE_SCHEDULES", 30)
	seed := envNumber(t, "GOLDSEAM_MERGE_SEED", 1)
	_, key := testvault.OpenKey(t, vault.Shared)
	n, err := mergesim.Run(context.Background(), mergesim.Config{Dir: t.TempDir(), Schedules: int(schedules), Seed: seed, Key: key})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("seed=%d merge_schedules=%d merge_divergent=%d merge_lost_writes=%d changes=%d ties=%d",
		seed, n.Schedules, n.Divergent, n.LostWrites, n.Changes, n.Conflicts)
	figures.Record("merge_schedules", n.Schedules)
	figures.Record("merge_divergent", n.Divergent)
	figures.Record("merge_lost_writes", n.LostWrites)
	if n.Divergent != 0 || n.LostWrites != 0 {
		t.Fatalf("seed %d: %d of %d schedules diverged, %d writes lost", seed, n.Divergent, n.Schedules, n.LostWrites)
	}
	// A trial without ties or with few changes would pass however ties were handled.
	if n.Schedules != int(schedules) || n.Conflicts == 0 || n.Changes < 10*n.Schedules {
		t.Fatalf("the trial ran %d schedules, %d changes, %d ties: too little to prove anything", n.Schedules, n.Changes, n.Conflicts)
	}
}

// TestThreeDevicesReadTheKindsAlike runs the kinds' round of the trial: the same devices and
// network, every change made through the agreements, check-ins and experiences packages
// (write, revise and sign an agreement, two revisions at once, answer a check-in, note how an
// experience felt, delete, choose after a tie). Every device must read the same agreements
// (their derived "agreed" included), check-ins and experiences, and every signature made must
// still be listed. `make test` runs 10 schedules; `make reliability` sets
// GOLDSEAM_MERGE_KIND_SCHEDULES.
func TestThreeDevicesReadTheKindsAlike(t *testing.T) {
	schedules := envNumber(t, "GOLDSEAM_MERGE_KIND_SCHEDULES", 10)
	seed := envNumber(t, "GOLDSEAM_MERGE_SEED", 1)
	_, key := testvault.OpenKey(t, vault.Shared)
	n, err := mergesim.Run(context.Background(), mergesim.Config{Dir: t.TempDir(), Schedules: int(schedules), Seed: seed, Key: key, Kinds: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("seed=%d merge_kind_schedules=%d divergent=%d lost=%d changes=%d ties=%d",
		seed, n.Schedules, n.Divergent, n.LostWrites, n.Changes, n.Conflicts)
	figures.Record("merge_kind_schedules", n.Schedules)
	figures.Record("merge_kind_divergent", n.Divergent)
	figures.Record("merge_kind_lost_writes", n.LostWrites)
	if n.Divergent != 0 || n.LostWrites != 0 {
		t.Fatalf("seed %d: %d of %d schedules read differently, %d writes lost", seed, n.Divergent, n.Schedules, n.LostWrites)
	}
	if n.Schedules != int(schedules) || n.Conflicts == 0 || n.Changes < 10*n.Schedules {
		t.Fatalf("the round ran %d schedules, %d changes, %d ties: too little to prove anything", n.Schedules, n.Changes, n.Conflicts)
	}
}
