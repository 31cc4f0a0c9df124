package reveal_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/figures"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	os.Exit(m.Run())
}

// trialsPerPair is how many questions one pair of data files answers before the trial starts
// a fresh pair, so each copy's log stays small and every schedule still runs on real files.
const trialsPerPair = 25

// TestNoOneOpensThePartnersAnswerBeforeCommittingTheirOwn runs random schedules of two paired
// computers answering one question: each side answers or changes its answer, deliveries go
// either way (each followed by the release pass a sharing pass runs), a rebuilt Goldseam on
// either side forges a release with a random key or writes an "answer" as a third person, and
// after every step each side tries to open the other's answer. Every open of the partner's answer by a side that had not yet
// written its own is counted (reveal_early_opens; must be 0). Once both answered and the
// copies met twice, each must read the other's (a schedule that leaves one locked is counted
// as stuck; must be 0). `go test` runs 12 schedules (it runs under the race detector in make
// test, where each costs seconds); make test's quick reliability run sets
// GOLDSEAM_REVEAL_TRIALS to 60 and `make reliability` to 1,000.
func TestNoOneOpensThePartnersAnswerBeforeCommittingTheirOwn(t *testing.T) {
	trials := 12
	if s := os.Getenv("GOLDSEAM_REVEAL_TRIALS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("GOLDSEAM_REVEAL_TRIALS=%q", s)
		}
		trials = n
	}
	seed := uint64(1)
	if s := os.Getenv("GOLDSEAM_REVEAL_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (replay with GOLDSEAM_REVEAL_SEED)", seed)
	rng := rand.New(rand.NewPCG(seed, 0x72657665616c))
	_, key := testvault.OpenKey(t, vault.Shared)
	var c computers
	early, stuck, attempts := 0, 0, 0
	for i := range trials {
		if i%trialsPerPair == 0 {
			c = pair(t, key)
		}
		e, s, a := schedule(t, c, fmt.Sprintf("trial-%d-%d", seed, i), rng)
		early, stuck, attempts = early+e, stuck+s, attempts+a
	}
	t.Logf("%d schedules, %d attempts to open the partner's answer, %d early opens, %d stuck", trials, attempts, early, stuck)
	if err := figures.Record("reveal_trials", trials); err != nil {
		t.Fatal(err)
	}
	if err := figures.Record("reveal_early_opens", early); err != nil {
		t.Fatal(err)
	}
	if early > 0 || stuck > 0 {
		t.Fatalf("%d early opens, %d schedules left an answer locked after both answered", early, stuck)
	}
}

// schedule runs one random schedule on question q and returns its early opens, whether it
// ended stuck (0 or 1), and its attempts to open.
func schedule(t *testing.T, c computers, q string, rng *rand.Rand) (early, stuck, attempts int) {
	sides := [2]*space.Log{c.sams, c.alexs}
	people := [2]space.Person{sam, alex}
	answered := [2]bool{}
	for step := range 4 + rng.IntN(10) {
		me := rng.IntN(2)
		other := 1 - me
		switch rng.IntN(5) {
		case 0: // answer, or change the answer
			answer(t, sides[me], q, fmt.Sprintf("%s, step %d", people[me].Name, step))
			answered[me] = true
		case 1, 2: // a sharing pass brings one copy's changes to the other
			deliver(t, sides[other], sides[me])
		case 3: // a rebuilt Goldseam forges a release of the partner's answer, if it is there
			if rec, ok, _ := sides[me].Record(context.Background(), space.PersonalRecordID(kind, q, people[other])); ok && len(rec.Fields) > 0 {
				key := make([]byte, 32)
				for i := range key {
					key[i] = byte(rng.Uint32())
				}
				forgeT(t, sides[me], q, people[other], people[rng.IntN(2)], sealed(t, sides[me], q, people[other]).Commit, key)
			}
		case 4: // a rebuilt Goldseam writes an "answer" as a third person, to look like a commitment
			stranger := space.Person{Role: "partner-3", Name: "Nobody"}
			if _, err := sides[me].Append(context.Background(), space.Draft{Record: space.PersonalRecordID(kind, q, stranger),
				Kind: kind, Parent: q, Field: "hard", Value: "anything", By: &stranger}); err != nil {
				t.Fatal(err)
			}
		}
		// Every side tries to open the other's answer after every step.
		for s := range 2 {
			attempts++
			if words, hidden, _ := read(t, sides[s], q, people[1-s]); !hidden && words != "" && !answered[s] {
				early++
			}
		}
	}
	if answered[0] && answered[1] {
		deliver(t, sides[0], sides[1])
		deliver(t, sides[1], sides[0])
		deliver(t, sides[0], sides[1])
		for s := range 2 {
			if _, hidden, _ := read(t, sides[s], q, people[1-s]); hidden {
				return early, 1, attempts
			}
		}
	}
	return early, 0, attempts
}
