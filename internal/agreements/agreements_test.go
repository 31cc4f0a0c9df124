package agreements_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	os.Exit(m.Run())
}

var partners = [2]string{"Sam", "Alex"}

func wording(what string) agreements.Wording {
	return agreements.Wording{What: what, Why: "So neither of us has to guess.", Actions: []string{"Text before leaving work", "  "}, Category: "openness"}
}

func invalid(t *testing.T, err error) {
	t.Helper()
	if apperr.CodeOf(err) != apperr.Invalid || apperr.MessageOf(err) == "" {
		t.Fatalf("want a message for the person, got %v", err)
	}
}

func TestAnAgreementLivesFromDraftToRetiredWithEveryVersionAndSignature(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Shared)
	now := time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { now = now.Add(time.Minute); return now }
	a := agreements.New(space.New(db))

	id, err := a.Create(ctx, key, wording("We say where we are going when we go out."), "2027-04-01", "Sam")
	if err != nil {
		t.Fatal(err)
	}
	d, _ := a.Get(ctx, key, id)
	if d.Status != agreements.Draft || d.Version != 1 || d.ProposedBy != "Sam" || len(d.Current.Wording.Actions) != 1 {
		t.Fatalf("new agreement %+v", d)
	}
	invalid(t, a.Sign(ctx, key, id, 1, "Jordan", partners)) // not one of the two names
	if err := a.Propose(ctx, key, id, "Sam"); err != nil {
		t.Fatal(err)
	}
	invalid(t, a.Propose(ctx, key, id, "Sam"))
	invalid(t, a.Begin(ctx, key, id, "Sam")) // nobody has signed yet

	// Both sign version 1 in turn, on this one device.
	if err := a.Sign(ctx, key, id, 1, "Sam", partners); err != nil {
		t.Fatal(err)
	}
	invalid(t, a.Sign(ctx, key, id, 1, "sam", partners)) // the same person twice
	if d, _ = a.Get(ctx, key, id); d.Status != agreements.Proposed || len(d.Signatures) != 1 {
		t.Fatalf("after one signature %+v", d)
	}
	if err := a.Sign(ctx, key, id, 1, "Alex", partners); err != nil {
		t.Fatal(err)
	}
	if d, _ = a.Get(ctx, key, id); d.Status != agreements.Agreed || len(d.Signatures) != 2 {
		t.Fatalf("after both signed %+v", d)
	}
	if err := a.Begin(ctx, key, id, "Alex"); err != nil {
		t.Fatal(err)
	}
	if d, _ = a.Get(ctx, key, id); d.Shown("2027-03-31") != agreements.Active || d.Shown("2027-04-01") != agreements.UpForReview {
		t.Fatalf("shown %q / %q", d.Shown("2027-03-31"), d.Shown("2027-04-01"))
	}

	// Changing the wording of an active agreement makes version 2 and clears the signatures.
	invalid(t, a.Revise(ctx, key, id, wording("We say where we are going when we go out."), "2027-04-01", "Alex"))
	changed := wording("We say where we are going, and roughly when we will be back.")
	if err := a.Revise(ctx, key, id, changed, "2027-06-01", "Alex"); err != nil {
		t.Fatal(err)
	}
	d, _ = a.Get(ctx, key, id)
	if d.Status != agreements.Proposed || d.Version != 2 || len(d.Signatures) != 0 || len(d.Versions) != 2 ||
		d.Versions[0].Wording.What != "We say where we are going when we go out." || d.Current.ChangedBy != "Alex" {
		t.Fatalf("after revising %+v", d)
	}
	// A signature on the old version is refused: the reader must see the new wording first.
	if err := a.Sign(ctx, key, id, 1, "Sam", partners); !errors.Is(err, agreements.ErrChanged) {
		t.Fatalf("signing an old version: %v", err)
	}
	for _, p := range partners {
		if err := a.Sign(ctx, key, id, 2, p, partners); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Begin(ctx, key, id, "Sam"); err != nil {
		t.Fatal(err)
	}
	if err := a.Renew(ctx, key, id, "Sam", "2027-09-01"); err != nil {
		t.Fatal(err)
	}
	if err := a.Retire(ctx, key, id, "Alex", "We do this without thinking now."); err != nil {
		t.Fatal(err)
	}
	invalid(t, a.Revise(ctx, key, id, wording("Something new"), "", "Sam"))
	invalid(t, a.Retire(ctx, key, id, "Sam", ""))

	d, _ = a.Get(ctx, key, id)
	var whats []string
	for _, e := range d.History {
		whats = append(whats, e.What+":"+e.By)
	}
	want := []string{"wrote:Sam", "proposed:Sam", "signed:Sam", "signed:Alex", "agreed:", "began:Alex", "revised:Alex",
		"signed:Sam", "signed:Alex", "agreed:", "began:Sam", "reviewed and kept:Sam", "retired:Alex"}
	if len(whats) != len(want) {
		t.Fatalf("history %v", whats)
	}
	for i := range want {
		if whats[i] != want[i] {
			t.Fatalf("history %v, want %v", whats, want)
		}
	}
	if d.Status != agreements.Retired || d.ReviewOn != "2027-09-01" || d.History[len(d.History)-1].Note != "We do this without thinking now." {
		t.Fatalf("retired %+v", d.Agreement)
	}
}

func TestBadInputGetsAMessageAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Shared)
	a := agreements.New(space.New(db))
	_, err := a.Create(ctx, key, agreements.Wording{What: "   "}, "", "Sam")
	invalid(t, err)
	_, err = a.Create(ctx, key, wording("ok"), "next spring", "Sam")
	invalid(t, err)
	_, err = a.Create(ctx, key, wording("ok"), "", " ")
	invalid(t, err)
	if list, _ := a.List(ctx, key); len(list) != 0 {
		t.Fatalf("refused input was kept: %+v", list)
	}
	if _, err := a.Get(ctx, key, "7b8f1f66-0000-4000-8000-000000000000"); !errors.Is(err, agreements.ErrNotFound) {
		t.Fatalf("missing agreement: %v", err)
	}
}

func TestADiscardedDraftLeavesOnlyTombstones(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Shared)
	sp := space.New(db)
	a := agreements.New(sp)
	keep, _ := a.Create(ctx, key, wording("We keep this one."), "", "Sam")
	gone, _ := a.Create(ctx, key, wording("We throw this one away."), "", "Sam")
	a.Propose(ctx, key, keep, "Sam")
	invalid(t, a.Discard(ctx, key, keep))
	if err := a.Discard(ctx, key, gone); err != nil {
		t.Fatal(err)
	}
	list, _ := a.List(ctx, key)
	if len(list) != 1 || list[0].ID != keep {
		t.Fatalf("left %+v", list)
	}
	all, _ := sp.All(ctx, key)
	tombs := 0
	var last int64
	for _, r := range all {
		if r.Clock <= last {
			t.Fatalf("clocks should rise with every change: %d after %d", r.Clock, last)
		}
		last = r.Clock
		if r.Deleted {
			tombs++
			if r.ParentID != gone && r.ID != gone {
				t.Fatalf("tombstone of the wrong record %+v", r)
			}
		}
	}
	if tombs != 3 { // the agreement, its version, its "wrote" event
		t.Fatalf("%d tombstones, want 3", tombs)
	}
}

func TestTheSameSignatureMadeOnTwoDevicesIsOneOnceMerged(t *testing.T) {
	ctx := context.Background()
	dbA, keyA := testvault.OpenKey(t, vault.Shared)
	spaceA := space.New(dbA)
	a := agreements.New(spaceA)
	id, _ := a.Create(ctx, keyA, wording("We eat together on Sundays."), "", "Sam")
	a.Propose(ctx, keyA, id, "Sam")
	all, _ := spaceA.All(ctx, keyA)

	dbB, keyB := testvault.OpenKey(t, vault.Shared)
	spaceB := space.New(dbB)
	b := agreements.New(spaceB)
	if _, err := spaceB.Merge(ctx, keyB, all); err != nil {
		t.Fatal(err)
	}
	// Sam signs on both devices before they are merged again.
	if err := a.Sign(ctx, keyA, id, 1, "Sam", partners); err != nil {
		t.Fatal(err)
	}
	if err := b.Sign(ctx, keyB, id, 1, "Sam", partners); err != nil {
		t.Fatal(err)
	}
	fromB, _ := spaceB.All(ctx, keyB)
	if _, err := spaceA.Merge(ctx, keyA, fromB); err != nil {
		t.Fatal(err)
	}
	d, _ := a.Get(ctx, keyA, id)
	if len(d.Signatures) != 1 {
		t.Fatalf("one person's signature counted %d times", len(d.Signatures))
	}
}
