// Package mergesim owns the convergence trial of the shared space's change log: simulated
// devices, each with its own data file and Ed25519 key and the one shared key, make random
// changes and exchange them in a random order, with duplicates, drops and late re-delivery;
// once everything has been delivered, every device must fold to the same space and no change
// anyone made may be missing from it (as a current value, a tied candidate or history). The
// test in internal/space runs a short round; `make reliability` runs it at 1,000 schedules
// and prints the counts (merge_schedules, merge_divergent, merge_lost_writes).
package mergesim

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Config says how to run the trial.
type Config struct {
	Dir       string            // a scratch folder for the devices' data files
	Schedules int               // how many random schedules to run
	Seed      uint64            // the first schedule's seed; schedule i uses Seed+i
	Key       *vault.ContentKey // the shared key every device holds
	Steps     int               // operations and deliveries per schedule; 0 means 40
	// Kinds runs the kinds' round (kinds.go): agreements, check-ins and experiences made
	// through their own packages, judged by what their screens read as well.
	Kinds bool
}

// Counts is what the trial found.
type Counts struct {
	Schedules  int // schedules run to the end
	Divergent  int // schedules after which two devices folded to different spaces
	LostWrites int // changes made, over all schedules, missing from some device's space
	Conflicts  int // true ties seen at the end or chosen between during schedules
	Changes    int // changes made, over all schedules
}

// Devices is how many devices each schedule simulates: two people, one of them on two
// devices, so the same person's answer is written on two devices too.
const Devices = 3

var people = [Devices]space.Person{{Role: "a", Name: "Alex"}, {Role: "b", Name: "Sam"}, {Role: "a", Name: "Alex"}}

// Run runs cfg.Schedules schedules and counts what they found. An error is a failure of the
// machinery (a data file that cannot be written, a change refused that should not be), not
// a divergence.
func Run(ctx context.Context, cfg Config) (Counts, error) {
	var n Counts
	var dbs [Devices]*store.DB
	for i := range dbs {
		db, err := store.Open(ctx, filepath.Join(cfg.Dir, fmt.Sprintf("device-%d.db", i)))
		if err != nil {
			return n, err
		}
		defer db.Close()
		dbs[i] = db
	}
	if cfg.Steps == 0 {
		cfg.Steps = 40
	}
	for i := 0; i < cfg.Schedules; i++ {
		s, err := newSchedule(ctx, cfg, dbs, cfg.Seed+uint64(i))
		if err != nil {
			return n, err
		}
		if err := s.run(ctx, cfg.Steps); err != nil {
			return n, fmt.Errorf("schedule %d: %w", cfg.Seed+uint64(i), err)
		}
		if err := s.judge(ctx, &n); err != nil {
			return n, fmt.Errorf("schedule %d: %w", cfg.Seed+uint64(i), err)
		}
		n.Schedules++
	}
	return n, nil
}

// judge compares every device's space with the first's and looks for every change made.
func (s *schedule) judge(ctx context.Context, n *Counts) error {
	var states [Devices]space.State
	for i, d := range s.devices {
		st, err := d.log.State(ctx)
		if err != nil {
			return err
		}
		states[i] = st
		n.LostWrites += missing(st, s.made)
	}
	diverged := false
	for _, st := range states[1:] {
		diverged = diverged || !reflect.DeepEqual(st, states[0])
	}
	if s.kinds {
		differ, err := s.judgeKinds(ctx, n)
		if err != nil {
			return err
		}
		diverged = diverged || differ
	}
	if diverged {
		n.Divergent++
	}
	n.Conflicts += s.chosen + conflicts(states[0])
	n.Changes += len(s.made)
	return nil
}

// missing counts the changes of made that st holds nowhere: not current, not history.
func missing(st space.State, made []space.Change) int {
	lost := 0
	for _, c := range made {
		f := st.Records[c.Record].Fields[c.Field]
		if !holds(f.Current, c.ID) && !holds(f.History, c.ID) {
			lost++
		}
	}
	return lost
}

func holds(list []space.Entry, id string) bool {
	for _, e := range list {
		if e.Change == id {
			return true
		}
	}
	return false
}

func conflicts(st space.State) int {
	n := 0
	for _, r := range st.Records {
		for _, f := range r.Fields {
			if f.Conflict {
				n++
			}
		}
	}
	return n
}

// newRand is a schedule's source of choices: the same seed gives the same schedule.
func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x676f6c647365616d)) }
