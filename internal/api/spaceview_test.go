package api

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

var (
	sam  = space.Person{Role: "partner-1", Name: "Sam"}
	alex = space.Person{Role: "partner-2", Name: "Alex"}
)

func entry(id string, clock int64, device string, p space.Person, value string) space.Entry {
	at := time.Date(2026, 5, 3, 10, 0, int(clock), 0, time.UTC)
	return space.Entry{Change: id, Clock: clock, Device: device, Person: p, At: at, Value: json.RawMessage(value)}
}

// A tie shows both values with who wrote each; the earlier values of every field come newest
// first, whichever field they belong to; a record deleted and brought back is not an earlier
// value; By is the first change and Changed the latest.
func TestWrittenOfShowsTiesAndEarlierValues(t *testing.T) {
	rec := space.RecordState{ID: "r", Kind: "agreement", Fields: map[string]space.FieldState{
		"": {Current: []space.Entry{entry("c1", 1, "here", sam, `"we walk"`)}},
		"title": {Conflict: true,
			Current: []space.Entry{entry("c5a", 5, "here", sam, `"Walks"`), entry("c5b", 5, "there", alex, `"Sunday walks"`)},
			History: []space.Entry{entry("c2", 2, "here", sam, `"Walk"`), entry("c4", 4, "there", alex, `"Long walks"`)}},
		"note":             {Current: []space.Entry{entry("c6", 6, "there", alex, `"rain or shine"`)}, History: []space.Entry{entry("c3", 3, "here", sam, `"if dry"`)}},
		space.FieldDeleted: {Current: []space.Entry{entry("c8", 8, "there", alex, `false`)}, History: []space.Entry{entry("c7", 7, "here", sam, `true`)}},
	}}
	w := writtenOf(rec, "here")
	if w.By != (Writer{Role: "partner-1", Name: "Sam", At: "2026-05-03T10:00:01Z", Here: true}) {
		t.Fatalf("by %+v", w.By)
	}
	if w.Changed != (Writer{Role: "partner-2", Name: "Alex", At: "2026-05-03T10:00:08Z"}) {
		t.Fatalf("changed %+v", w.Changed)
	}
	if len(w.Ties) != 1 || w.Ties[0].Record != "r" || w.Ties[0].Field != "title" || len(w.Ties[0].Candidates) != 2 {
		t.Fatalf("ties %+v", w.Ties)
	}
	a, b := w.Ties[0].Candidates[0], w.Ties[0].Candidates[1]
	if a.Change != "c5a" || a.Value != "Walks" || a.By.Name != "Sam" || !a.By.Here ||
		b.Change != "c5b" || b.Value != "Sunday walks" || b.By.Name != "Alex" || b.By.Here {
		t.Fatalf("candidates %+v %+v", a, b)
	}
	var got []string
	for _, e := range w.Earlier {
		got = append(got, e.Field+"="+e.Value.(string)+" by "+e.By.Name)
	}
	want := []string{"title=Long walks by Alex", "note=if dry by Sam", "title=Walk by Sam"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("earlier %q, want %q", got, want)
	}
	if empty := writtenOf(space.RecordState{ID: "e"}, "here"); empty.Ties == nil || empty.Earlier == nil {
		t.Fatalf("an empty view must hold empty lists, not null: %+v", empty)
	}
}

// spaceRig is a vault unlocked in a session, with the Space service over it, and a second
// data file holding a copy of its shared space: Alex's computer.
type spaceRig struct {
	app     *space.Log // the app's log, written as Sam on this computer's identity
	partner *space.Log
	svc     *Space
	here    string
}

func newSpaceRig(t *testing.T) *spaceRig {
	t.Helper()
	ctx := context.Background()
	db, u := testvault.Open(t)
	s := session.New(db, nil)
	s.Open(u)
	svc := NewSpace(db, s)
	if _, err := svc.SaveSettings(SpaceSettings{Names: [2]string{"Sam", "Alex"}}); err != nil {
		t.Fatal(err)
	}
	id, err := u.Device(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(id.Wipe)
	key := u.Key(vault.Shared)
	return &spaceRig{
		app:     space.NewLog(db, key, space.Author{Signer: id, Person: sam}),
		partner: space.NewLog(testvault.OpenStore(t, t.TempDir()), key, space.Author{Signer: mergesim.NewSigner(), Person: alex}),
		svc:     svc, here: id.DeviceID(),
	}
}

func (r *spaceRig) tie(t *testing.T) (mine, theirs string) {
	t.Helper()
	ctx := context.Background()
	made, err := r.app.Append(ctx, space.Draft{Record: "r", Kind: "agreement", Value: "we walk"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.partner.Merge(ctx, made); err != nil {
		t.Fatal(err)
	}
	a, err := r.app.Append(ctx, space.Draft{Record: "r", Kind: "agreement", Field: "title", Value: "Walks"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := r.partner.Append(ctx, space.Draft{Record: "r", Kind: "agreement", Field: "title", Value: "Sunday walks"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.app.Merge(ctx, b); err != nil {
		t.Fatal(err)
	}
	return a[0].ID, b[0].ID
}

func (r *spaceRig) written(t *testing.T) Written {
	t.Helper()
	rec, ok, err := r.app.Record(context.Background(), "r")
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	return writtenOf(rec, r.here)
}

// Sam and Alex change one title at once, each on their own computer; the app shows the
// tie; Sam keeps Alex's wording; the tie is gone, the title is Alex's, and Sam's own
// wording is kept among the earlier ones.
func TestChooseSettlesATieAndKeepsTheOtherValue(t *testing.T) {
	r := newSpaceRig(t)
	mine, theirs := r.tie(t)
	w := r.written(t)
	if len(w.Ties) != 1 || len(w.Ties[0].Candidates) != 2 {
		t.Fatalf("no tie: %+v", w)
	}
	for _, c := range w.Ties[0].Candidates {
		if (c.Change == mine) != (c.By.Name == "Sam" && c.By.Here) || (c.Change == theirs) != (c.By.Name == "Alex" && !c.By.Here) {
			t.Fatalf("candidate %+v: mine %s, theirs %s", c, mine, theirs)
		}
	}
	if err := r.svc.Choose("r", "title", theirs); err != nil {
		t.Fatal(err)
	}
	rec, _, _ := r.app.Record(context.Background(), "r")
	if v, ok := rec.Fields["title"].Value(); !ok || string(v) != `"Sunday walks"` {
		t.Fatalf("title after choosing %s %v", v, ok)
	}
	w = r.written(t)
	if len(w.Ties) != 0 || w.Changed.Name != "Sam" || !w.Changed.Here {
		t.Fatalf("after choosing %+v", w)
	}
	kept := false
	for _, e := range w.Earlier {
		kept = kept || (e.Field == "title" && e.Value == "Walks" && e.By.Name == "Sam")
	}
	if !kept {
		t.Fatalf("Sam's wording is not among the earlier ones: %+v", w.Earlier)
	}
}

// Choosing a value that is not one of a tie's (the tie was settled on the other computer,
// or the window's view is stale) is refused with a sentence for a person, and so is a
// record that is not there.
func TestChooseRefusesWhatIsNotACandidate(t *testing.T) {
	r := newSpaceRig(t)
	mine, _ := r.tie(t)
	if err := r.svc.Choose("r", "title", "not-a-change"); apperr.CodeOf(err) != apperr.Conflict || apperr.MessageOf(err) == "" ||
		!errors.Is(err, space.ErrNotACandidate) {
		t.Fatalf("choosing a stranger: %v", err)
	}
	if err := r.svc.Choose("r", "title", mine); err != nil {
		t.Fatal(err)
	}
	if err := r.svc.Choose("r", "title", mine); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("choosing again once settled: %v", err)
	}
	if err := r.svc.Choose("gone", "title", mine); apperr.CodeOf(err) != apperr.NotFound || apperr.MessageOf(err) == "" {
		t.Fatalf("choosing in a record that is not there: %v", err)
	}
}
