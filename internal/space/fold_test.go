package space_test

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/space"
)

var (
	alex = space.Person{Role: "a", Name: "Alex"}
	sam  = space.Person{Role: "b", Name: "Sam"}
)

// opened is a change as the fold sees it; the fold needs no keys, so these tests need none.
func opened(id, record, field string, clock int64, device string, p space.Person, value string) space.Opened {
	v, _ := json.Marshal(value)
	return space.Opened{ID: id, Person: p, Value: v, Header: space.Header{Record: record, Kind: "agreement",
		Field: field, Clock: clock, Device: device, At: time.Date(2026, 5, 3, 10, 0, int(clock), 0, time.UTC)}}
}

func values(list []space.Entry) []string {
	var out []string
	for _, e := range list {
		var s string
		json.Unmarshal(e.Value, &s)
		out = append(out, s)
	}
	return out
}

// A tie between two devices at one clock keeps both values and chooses neither: a fold that
// let the higher device id win (as shared_records does) fails here, whichever way round.
func TestATrueTieIsKeptForThePeopleToChoose(t *testing.T) {
	for _, devices := range [][2]string{{"aaaa", "ffff"}, {"ffff", "aaaa"}} {
		st := space.Fold([]space.Opened{
			opened("c1", "r", "review", 4, devices[0], alex, "1 June"),
			opened("c2", "r", "review", 4, devices[1], sam, "1 July"),
			opened("c0", "r", "review", 2, devices[1], sam, "1 May"),
		})
		f := st.Records["r"].Fields["review"]
		if _, ok := f.Value(); ok || !f.Conflict {
			t.Fatalf("devices %v: the tie was settled: %+v", devices, f)
		}
		if got := values(f.Current); !reflect.DeepEqual(got, []string{"1 June", "1 July"}) {
			t.Fatalf("devices %v: candidates %v, want both, by change id", devices, got)
		}
		if got := values(f.History); !reflect.DeepEqual(got, []string{"1 May"}) {
			t.Fatalf("devices %v: history %v", devices, got)
		}
	}
}

// The later clock wins whichever device made it, and the value it replaced is kept in the
// history with who wrote it, on which device and when.
func TestTheLaterClockWinsAndTheLoserGoesToHistory(t *testing.T) {
	st := space.Fold([]space.Opened{
		opened("z", "r", "title", 1, "ffff", sam, "Our words"),
		opened("a", "r", "title", 2, "0000", alex, "Our kinder words"),
	})
	f := st.Records["r"].Fields["title"]
	v, ok := f.Value()
	if !ok || string(v) != `"Our kinder words"` {
		t.Fatalf("value %s %v", v, ok)
	}
	want := space.Entry{Change: "z", Clock: 1, Device: "ffff", Person: sam, At: time.Date(2026, 5, 3, 10, 0, 1, 0, time.UTC), Value: json.RawMessage(`"Our words"`)}
	if len(f.History) != 1 || !reflect.DeepEqual(f.History[0], want) {
		t.Fatalf("history %+v, want %+v", f.History, want)
	}
}

// Two devices writing the same value at the same clock agree: no tie to choose, both kept.
func TestTheSameValueAtOneClockIsNoConflict(t *testing.T) {
	st := space.Fold([]space.Opened{
		opened("c1", "r", "title", 3, "aaaa", alex, "same"),
		opened("c2", "r", "title", 3, "bbbb", alex, "same"),
	})
	f := st.Records["r"].Fields["title"]
	if v, ok := f.Value(); !ok || string(v) != `"same"` || len(f.Current) != 2 {
		t.Fatalf("field %+v", f)
	}
}

// A tombstone wins by clock like any field; a later change brings the record back, and the
// other fields stay through both.
func TestDeletingIsAFieldAndKeepsTheRest(t *testing.T) {
	del := func(id string, clock int64, v bool) space.Opened {
		o := opened(id, "r", space.FieldDeleted, clock, "aaaa", alex, "")
		o.Value, _ = json.Marshal(v)
		return o
	}
	base := []space.Opened{opened("t", "r", "title", 1, "aaaa", alex, "kept"), del("d1", 2, true)}
	st := space.Fold(base)
	if r := st.Records["r"]; !r.Deleted || len(r.Fields["title"].Current) != 1 {
		t.Fatalf("after the delete %+v", r)
	}
	if r := space.Fold(append(base, del("d2", 3, false))).Records["r"]; r.Deleted {
		t.Fatalf("a later undelete lost: %+v", r)
	}
}

// The fold of a set does not depend on the order it is given in, nor on duplicates.
func TestTheFoldIgnoresOrderAndDuplicates(t *testing.T) {
	var set []space.Opened
	for i := range 40 {
		dev := []string{"aaaa", "bbbb", "cccc"}[i%3]
		rec := []string{"r1", "r2"}[i%2]
		field := []string{"title", "review", space.FieldWhole}[i%3]
		set = append(set, opened(string(rune('A'+i)), rec, field, int64(i/4), dev, alex, dev+field))
	}
	want := space.Fold(set)
	rng := rand.New(rand.NewPCG(7, 7))
	for range 50 {
		shuffled := append([]space.Opened{}, set...)
		shuffled = append(shuffled, set[rng.IntN(len(set))], set[rng.IntN(len(set))])
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := space.Fold(shuffled); !reflect.DeepEqual(got, want) {
			t.Fatal("the same set in another order folded differently")
		}
	}
}

// One person's input has a record of its own: the same on every device, another per person.
func TestAPersonalRecordIsOnePerPerson(t *testing.T) {
	a1 := space.PersonalRecordID("checkin-answer", "c", alex)
	if a1 != space.PersonalRecordID("checkin-answer", "c", space.Person{Role: "a", Name: "Al"}) {
		t.Fatal("the same person's record moved when their name changed")
	}
	for _, other := range []string{space.PersonalRecordID("checkin-answer", "c", sam),
		space.PersonalRecordID("checkin-answer", "d", alex), space.PersonalRecordID("experience-feeling", "c", alex)} {
		if other == a1 {
			t.Fatal("two people, parents or kinds share one record")
		}
	}
}
