package mergesim

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
)

// device is one simulated copy of the space, with what the network holds for it.
type device struct {
	log   *space.Log
	inbox []space.Change // sent to it, not yet delivered
	late  []space.Change // dropped on the way; re-delivered once the schedule ends
}

// schedule is one random run: what each device does, and when what it sent arrives.
type schedule struct {
	rng     *rand.Rand
	devices [Devices]*device
	made    []space.Change // every change any device made
	chosen  int            // ties chosen between
	next    int            // makes every value written unique, so a lost one is missed
	kinds   bool           // the kinds' round (kinds.go): changes made through their packages
}

func newSchedule(ctx context.Context, cfg Config, dbs [Devices]*store.DB, seed uint64) (*schedule, error) {
	s := &schedule{rng: newRand(seed), kinds: cfg.Kinds}
	who := people
	if cfg.Kinds {
		who = kindPeople
	}
	for i, db := range dbs {
		// The data files are reused between schedules (opening one is most of the cost);
		// each schedule starts from an empty log.
		if _, err := db.SQL().ExecContext(ctx, `DELETE FROM shared_changes`); err != nil {
			return nil, err
		}
		author := space.Author{Signer: NewSigner(), Person: who[i]}
		s.devices[i] = &device{log: space.NewLog(db, cfg.Key, author)}
	}
	return s, nil
}

// run makes steps random moves (a device changes something, or receives some of what was
// sent to it), then delivers everything still on the way, the dropped changes last.
func (s *schedule) run(ctx context.Context, steps int) error {
	for range steps {
		d := s.rng.IntN(Devices)
		var err error
		e := (d + 1 + s.rng.IntN(Devices-1)) % Devices
		switch op := s.rng.IntN(10); {
		case op == 0 && s.kinds:
			err = s.raceKinds(ctx, d, e)
		case op == 0:
			err = s.race(ctx, d, e)
		case op <= 4 && s.kinds:
			err = s.actKind(ctx, d)
		case op <= 4:
			err = s.act(ctx, d)
		default:
			err = s.deliver(ctx, d, 1+s.rng.IntN(3))
		}
		if err != nil {
			return err
		}
	}
	for _, d := range s.rng.Perm(Devices) {
		dev := s.devices[d]
		for len(dev.inbox) > 0 {
			if err := s.deliver(ctx, d, 1+s.rng.IntN(4)); err != nil {
				return err
			}
		}
		dev.inbox, dev.late = dev.late, nil
		for len(dev.inbox) > 0 {
			if err := s.deliver(ctx, d, 1+s.rng.IntN(4)); err != nil {
				return err
			}
		}
	}
	return nil
}

// race has devices d and e catch up on what was sent to them and then both change the same
// field before either hears of the other's change: with the same clock, that is a true tie.
func (s *schedule) race(ctx context.Context, d, e int) error {
	for _, i := range []int{d, e} {
		if err := s.deliver(ctx, i, len(s.devices[i].inbox)); err != nil {
			return err
		}
	}
	st, err := s.devices[d].log.State(ctx)
	if err != nil {
		return err
	}
	tops := topLevel(st)
	if len(tops) == 0 {
		return nil
	}
	draft := s.edit(s.pickOf(tops), []string{"title", "review"})[0]
	for _, i := range []int{d, e} {
		draft.Value = s.value(i)
		if err := s.send(ctx, i, []space.Draft{draft}); err != nil {
			return err
		}
	}
	return nil
}

// deliver merges up to n changes picked at random from device d's inbox; a delivered change
// is now and then sent again (a duplicate).
func (s *schedule) deliver(ctx context.Context, d, n int) error {
	dev := s.devices[d]
	var batch []space.Change
	for ; n > 0 && len(dev.inbox) > 0; n-- {
		i := s.rng.IntN(len(dev.inbox))
		batch = append(batch, dev.inbox[i])
		dev.inbox = slices.Delete(dev.inbox, i, i+1)
		if s.rng.IntN(8) == 0 {
			dev.late = append(dev.late, batch[len(batch)-1])
		}
	}
	got, err := dev.log.Merge(ctx, batch)
	if err != nil {
		return err
	}
	if got.Refused > 0 {
		return fmt.Errorf("device %d refused %d honest changes", d, got.Refused)
	}
	return nil
}

// act has device d make a change chosen from what its copy shows, and sends it.
func (s *schedule) act(ctx context.Context, d int) error {
	dev := s.devices[d]
	st, err := dev.log.State(ctx)
	if err != nil {
		return err
	}
	return s.send(ctx, d, s.pick(st, d))
}

// send appends drafts on device d and sends the changes to the others.
func (s *schedule) send(ctx context.Context, d int, drafts []space.Draft) error {
	changes, err := s.devices[d].log.Append(ctx, drafts...)
	if err != nil {
		return err
	}
	s.distribute(d, changes)
	return nil
}

// distribute records changes device d made and puts them on the way to the others: one copy
// in ten is dropped (to arrive late, after everything else), one in ten doubled.
func (s *schedule) distribute(d int, changes []space.Change) {
	s.made = append(s.made, changes...)
	for j, other := range s.devices {
		if j == d {
			continue
		}
		for _, c := range changes {
			switch s.rng.IntN(10) {
			case 0:
				other.late = append(other.late, c)
			case 1:
				other.inbox = append(other.inbox, c, c)
			default:
				other.inbox = append(other.inbox, c)
			}
		}
	}
}

// topKinds are the records made at the top level; the others hang under one of them.
var topKinds = []string{"agreement", "checkin"}

// pick chooses what device d does, from what its own copy shows.
func (s *schedule) pick(st space.State, d int) []space.Draft {
	tops := topLevel(st)
	op := s.rng.IntN(7)
	if len(tops) == 0 {
		op = 0
	}
	switch op {
	case 0:
		return s.create()
	case 1, 2:
		return s.edit(s.pickOf(tops), []string{"title", "review"})
	case 3:
		// Delete, now and then undelete: the tombstone merges by clock like any field.
		r := s.pickOf(tops)
		return []space.Draft{{Record: r.ID, Kind: r.Kind, Field: space.FieldDeleted, Value: s.rng.IntN(3) > 0}}
	case 4:
		if draft, ok := s.choose(st); ok {
			return []space.Draft{draft}
		}
		return s.edit(s.pickOf(tops), []string{"title"})
	case 5:
		// One person's answer: a record of its own, derived from the check-in and the person.
		parent := s.pickOf(tops)
		kind := "checkin-answer"
		answer := space.RecordState{ID: space.PersonalRecordID(kind, parent.ID, people[d]), Kind: kind, Parent: parent.ID}
		return s.edit(answer, []string{"rating", "note"})
	default:
		// A signature: one person's, whole, on one record.
		parent := s.pickOf(tops)
		kind := "agreement-signature"
		return []space.Draft{{Record: space.PersonalRecordID(kind, parent.ID, people[d]), Kind: kind, Parent: parent.ID,
			Field: space.FieldWhole, Value: s.value(d)}}
	}
}

func (s *schedule) create() []space.Draft {
	id := fmt.Sprintf("%016x%016x", s.rng.Uint64(), s.rng.Uint64())
	kind := topKinds[s.rng.IntN(len(topKinds))]
	return []space.Draft{
		{Record: id, Kind: kind, Field: space.FieldWhole, Value: s.value(-1)},
		{Record: id, Kind: kind, Field: "title", Value: s.value(-1)},
	}
}

func (s *schedule) edit(r space.RecordState, fields []string) []space.Draft {
	f := fields[s.rng.IntN(len(fields))]
	return []space.Draft{{Record: r.ID, Kind: r.Kind, Parent: r.Parent, Field: f, Value: s.value(-1)}}
}

// choose settles one of the ties the device's copy shows, picking a candidate at random.
func (s *schedule) choose(st space.State) (space.Draft, bool) {
	for _, r := range sortedRecords(st) {
		for _, name := range sortedKeys(r.Fields) {
			f := r.Fields[name]
			if !f.Conflict {
				continue
			}
			draft, err := space.Choose(r, name, f.Current[s.rng.IntN(len(f.Current))].Change)
			s.chosen++
			return draft, err == nil
		}
	}
	return space.Draft{}, false
}

func (s *schedule) value(d int) string {
	s.next++
	return fmt.Sprintf("value %d (%d)", s.next, d)
}

func (s *schedule) pickOf(list []space.RecordState) space.RecordState {
	return list[s.rng.IntN(len(list))]
}

// topLevel lists the top-level records of st by id, so a seed always picks the same one.
func topLevel(st space.State) []space.RecordState {
	var out []space.RecordState
	for _, r := range sortedRecords(st) {
		if r.Parent == "" {
			out = append(out, r)
		}
	}
	return out
}

func sortedRecords(st space.State) []space.RecordState {
	out := make([]space.RecordState, 0, len(st.Records))
	for _, id := range sortedKeys(st.Records) {
		out = append(out, st.Records[id])
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
