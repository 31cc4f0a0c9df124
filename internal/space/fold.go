package space

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"sort"
	"time"

	"github.com/google/uuid"
)

// Entry is one value a field was given, by whom and when.
type Entry struct {
	Change string // the change's id
	Clock  int64
	Device string
	Person Person
	At     time.Time
	Value  json.RawMessage
}

// FieldState is what the fold makes of one field of one record.
type FieldState struct {
	// Current holds the changes with the field's highest clock, by change id. They hold one
	// value, unless Conflict.
	Current []Entry
	// Conflict means Current holds different values: a true tie, which is never broken by
	// which device id sorts first. The people choose (Choose); until then every candidate
	// is kept.
	Conflict bool
	// History is every other change of the field, oldest first: the values that lost, kept
	// so nothing anyone wrote is lost ("earlier wording by Sam, 3 May").
	History []Entry
}

// Value is the field's value, or false during a conflict.
func (f FieldState) Value() (json.RawMessage, bool) {
	if f.Conflict || len(f.Current) == 0 {
		return nil, false
	}
	return f.Current[0].Value, true
}

// Shown is the value a field shows: its value, or during a tie its latest candidate by the
// time it was written (then by change id, as Fold orders them), which every copy picks alike;
// the tie itself stays in the record until the people choose. Nil for a field never set.
func (f FieldState) Shown() json.RawMessage {
	if v, ok := f.Value(); ok {
		return v
	}
	if len(f.Current) == 0 {
		return nil
	}
	latest := f.Current[0]
	for _, e := range f.Current[1:] {
		if !e.At.Before(latest.At) {
			latest = e
		}
	}
	return latest.Value
}

// RecordState is what the fold makes of one record.
type RecordState struct {
	ID, Kind, Parent string
	Fields           map[string]FieldState
	// Deleted is true when the tombstone field's settled value is true.
	Deleted bool
}

// State is the fold of a set of changes: every record, live or deleted.
type State struct {
	Records map[string]RecordState
}

// Fold makes the state a set of opened changes gives. It is a pure function of the set: the
// same changes in any order, with any duplicates, give a deep-equal State, because every
// choice it makes depends only on clocks, values and change ids, and every list it returns
// is sorted by clock then change id.
func Fold(changes []Opened) State {
	byRecord := map[string]map[string][]Opened{}
	seen := map[string]bool{}
	for _, c := range changes {
		if seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		if byRecord[c.Record] == nil {
			byRecord[c.Record] = map[string][]Opened{}
		}
		byRecord[c.Record][c.Field] = append(byRecord[c.Record][c.Field], c)
	}
	st := State{Records: make(map[string]RecordState, len(byRecord))}
	for id, fields := range byRecord {
		st.Records[id] = foldRecord(id, fields)
	}
	return st
}

func foldRecord(id string, fields map[string][]Opened) RecordState {
	rec := RecordState{ID: id, Fields: make(map[string]FieldState, len(fields))}
	var first *Opened
	for name, list := range fields {
		sort.Slice(list, func(i, j int) bool { return byClockThenID(list[i], list[j]) < 0 }) // sort, not slices: see docs/architecture.md, binary size
		// The record's kind and parent are its earliest change's, so every copy names it alike.
		if first == nil || byClockThenID(list[0], *first) < 0 {
			first = &list[0]
		}
		rec.Fields[name] = foldField(list)
	}
	rec.Kind, rec.Parent = first.Kind, first.Parent
	if v, ok := rec.Fields[FieldDeleted].Value(); ok {
		rec.Deleted = bytes.Equal(v, []byte("true"))
	}
	return rec
}

// foldField folds one field's changes, sorted by clock then id.
func foldField(list []Opened) FieldState {
	entries := make([]Entry, len(list))
	for i, c := range list {
		entries[i] = Entry{Change: c.ID, Clock: c.Clock, Device: c.Device, Person: c.Person, At: c.At, Value: c.Value}
	}
	return FieldOf(entries)
}

// FieldOf folds the entries one field was given, sorted by clock then change id, as Fold
// does a field's changes: the highest clock's entries are Current (a Conflict when their
// values differ), every other one History. A kind whose values are themselves sealed
// (internal/reveal) folds what it opened of them with it, so their ties read alike.
func FieldOf(entries []Entry) FieldState {
	if len(entries) == 0 {
		return FieldState{}
	}
	top := entries[len(entries)-1].Clock
	var f FieldState
	for _, e := range entries {
		if e.Clock < top {
			f.History = append(f.History, e)
			continue
		}
		if len(f.Current) > 0 && !bytes.Equal(f.Current[0].Value, e.Value) {
			f.Conflict = true
		}
		f.Current = append(f.Current, e)
	}
	return f
}

func byClockThenID(a, b Opened) int {
	return cmp.Or(cmp.Compare(a.Clock, b.Clock), cmp.Compare(a.ID, b.ID))
}

// Draft is a change about to be written: what to set, not yet when or by whom.
type Draft struct {
	Record, Kind, Parent, Field string
	Value                       any // encoded as JSON
	// By, when set, is the person the change is written for instead of the log's author's
	// (still signed by the log's device): one transaction can then hold each partner's own
	// answer, written at one keyboard.
	By *Person
}

// ErrNotACandidate means Choose was given a change that is not one of the field's tied
// values.
var ErrNotACandidate = errors.New("that change is not one of the tied values")

// Choose returns the change that settles a tie on field of rec with the value of the
// candidate change: an ordinary change of the field, which Append gives a clock above the
// tie, so it wins and every candidate goes to the history.
func Choose(rec RecordState, field, change string) (Draft, error) {
	f := rec.Fields[field]
	for _, e := range f.Current {
		if f.Conflict && e.Change == change {
			return Draft{Record: rec.ID, Kind: rec.Kind, Parent: rec.Parent, Field: field, Value: e.Value}, nil
		}
	}
	return Draft{}, ErrNotACandidate
}

// personalNamespace makes the ids of records that hold one person's own input.
var personalNamespace = uuid.NewSHA1(uuid.NameSpaceOID, []byte("goldseam-personal-record-v1"))

// PersonalRecordID is the id of the record of kind under parent that holds p's own input (a
// check-in answer, how an experience felt, a signature): derived, so the same person writing
// it on two devices lands on one record, merged per field, and two people never share one.
// It is made from the role, not the name, which stays sealed and may be changed.
func PersonalRecordID(kind, parent string, p Person) string {
	return uuid.NewSHA1(personalNamespace, []byte(kind+"\x00"+parent+"\x00"+p.Role)).String()
}
