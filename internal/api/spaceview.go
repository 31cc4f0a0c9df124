package api

import (
	"cmp"
	"context"
	"encoding/json"
	"github.com/goldseam/goldseam/internal/apperr"
	"sort"
	"time"

	"github.com/goldseam/goldseam/internal/sharing"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// This file is the view of who wrote what in the shared space, which every kind's screen
// shows the same way: who began a record and who changed it last, the fields the two of
// them changed at once (a tie, which only they settle: Space.Choose), and the earlier
// values of every field, so nothing either of them wrote is lost. The fold
// (space.Fold) keeps all of it; this turns it into what the window reads.

// Writer is who made one change and when, as the window shows it ("by Sam, 3 May").
type Writer struct {
	Role string `json:"role"` // partner-1 or partner-2: the place of the name in the couple's settings
	Name string `json:"name"`
	At   string `json:"at"`   // RFC 3339, UTC
	Here bool   `json:"here"` // made on this computer
}

// Candidate is one of the values of a tied field, and who wrote it.
type Candidate struct {
	Change string `json:"change"` // the change's id: what Space.Choose takes to keep this value
	Value  any    `json:"value"`
	By     Writer `json:"by"`
}

// Tie is a field of a record the two changed at once to different values. Until one of them
// chooses, the record shows every candidate and no value for the field.
type Tie struct {
	Record     string      `json:"record"`
	Field      string      `json:"field"`
	Candidates []Candidate `json:"candidates"`
}

// Earlier is a value a field held before, kept so nothing anyone wrote is lost.
type Earlier struct {
	Field string `json:"field"`
	Value any    `json:"value"`
	By    Writer `json:"by"`
}

// Written is the view of who wrote what of one record.
type Written struct {
	By      Writer    `json:"by"`      // the record's first change
	Changed Writer    `json:"changed"` // its latest change
	Ties    []Tie     `json:"ties"`    // fields in a tie, by field name
	Earlier []Earlier `json:"earlier"` // every field's earlier values, newest first
}

// writerOf is who made e; here is this computer's device id.
func writerOf(e space.Entry, here string) Writer {
	return Writer{Role: e.Person.Role, Name: e.Person.Name, At: e.At.UTC().Format(time.RFC3339), Here: e.Device == here}
}

// writtenOf is the view of rec; here is this computer's device id. The tombstone field's
// earlier values are left out: a record brought back is not "earlier wording".
func writtenOf(rec space.RecordState, here string) Written {
	out := Written{Ties: []Tie{}, Earlier: []Earlier{}}
	var first, last *space.Entry
	var earlier []fieldEntry
	for _, name := range sortedFields(rec) {
		f := rec.Fields[name]
		for i := range f.Current {
			e := &f.Current[i]
			if first == nil || entryOrder(*e, *first) < 0 {
				first = e
			}
			if last == nil || entryOrder(*e, *last) > 0 {
				last = e
			}
		}
		for i := range f.History {
			if first == nil || entryOrder(f.History[i], *first) < 0 {
				first = &f.History[i]
			}
			if name != space.FieldDeleted {
				earlier = append(earlier, fieldEntry{name, f.History[i]})
			}
		}
		if f.Conflict {
			out.Ties = append(out.Ties, tieOf(rec.ID, name, f, here))
		}
	}
	if first != nil {
		out.By, out.Changed = writerOf(*first, here), writerOf(*last, here)
	}
	sort.Slice(earlier, func(i, j int) bool { return entryOrder(earlier[i].e, earlier[j].e) > 0 })
	for _, fe := range earlier {
		out.Earlier = append(out.Earlier, Earlier{Field: fe.field, Value: valueOf(fe.e.Value), By: writerOf(fe.e, here)})
	}
	return out
}

type fieldEntry struct {
	field string
	e     space.Entry
}

func tieOf(record, field string, f space.FieldState, here string) Tie {
	t := Tie{Record: record, Field: field, Candidates: make([]Candidate, 0, len(f.Current))}
	for _, e := range f.Current {
		t.Candidates = append(t.Candidates, Candidate{Change: e.Change, Value: valueOf(e.Value), By: writerOf(e, here)})
	}
	return t
}

// sortedFields names rec's fields in order, so the view is the same on every copy.
func sortedFields(rec space.RecordState) []string {
	names := make([]string, 0, len(rec.Fields))
	for name := range rec.Fields {
		names = append(names, name)
	}
	sort.Strings(names) // sort, not slices: see docs/architecture.md, binary size
	return names
}

// entryOrder orders changes as the fold does: by clock, then by change id.
func entryOrder(a, b space.Entry) int {
	return cmp.Or(cmp.Compare(a.Clock, b.Clock), cmp.Compare(a.Change, b.Change))
}

// valueOf decodes a value as the window will read it; the fold only ever holds values that
// were encoded from Go, so one that does not decode is shown as nothing rather than failing
// the whole record.
func valueOf(raw json.RawMessage) any {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	return v
}

// me is the person at this computer (see personHere) as the couple's settings name them.
func (k sharedKey) me(ctx context.Context, key *vault.ContentKey) (space.Person, error) {
	set, err := k.space.Settings(ctx, key)
	if err != nil {
		return space.Person{}, err
	}
	return k.personHere(ctx, key, set)
}

// actingAs refuses p acting from this computer once it is paired with the partner's: then
// each person signs, answers and acts on their own computer, and a device is bound to the
// person the pairing gave it (before pairing, one keyboard serves both, and the page says who
// is acting).
func (k sharedKey) actingAs(ctx context.Context, key *vault.ContentKey, set space.CoupleSettings, p space.Person) error {
	if _, paired, err := sharing.Here(ctx, k.db.SQL(), key); err != nil || !paired {
		return err
	}
	me, err := k.personHere(ctx, key, set)
	if err != nil || me.Role == p.Role {
		return err
	}
	return apperr.Errorf(apperr.Invalid, "%s does this on their own computer, which your space is shared with. Here, you act as %s.", p.Name, me.Name)
}

// personHere is which of set's two people is at this computer: once this copy is paired,
// the place the pairing gave it (sharing.Here); before, the first name, the one given at the
// first run as "your name".
func (k sharedKey) personHere(ctx context.Context, key *vault.ContentKey, set space.CoupleSettings) (space.Person, error) {
	place, ok, err := sharing.Here(ctx, k.db.SQL(), key)
	if err != nil || !ok {
		return set.Partner(0), err
	}
	for i := range 2 {
		if p := set.Partner(i); p.Role == place.Role {
			return p, nil
		}
	}
	return set.Partner(0), nil
}

// here is this computer's device id, which marks the changes made on it.
func (k sharedKey) here(ctx context.Context) (string, error) {
	return vault.DeviceID(ctx, k.db.SQL())
}

// Choose settles a tie on field of record by keeping the value of the candidate change: a
// new change of the field, written as the person at this computer, which every copy then
// shows in place of the tie, the other value kept among the earlier ones.
func (s *Space) Choose(record, field, change string) error {
	me, err := withKey(s.k.keyed, s.k.me)
	if err != nil {
		return err
	}
	_, err = withLog(s.k, me, func(ctx context.Context, log *space.Log) ([]space.Change, error) {
		rec, ok, err := log.Record(ctx, record)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, space.ErrNotFound
		}
		d, err := space.Choose(rec, field, change)
		if err != nil {
			return nil, err
		}
		return log.Append(ctx, d)
	})
	return err
}
