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
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	os.Exit(m.Run())
}

var (
	couple   = space.CoupleSettings{Names: [2]string{"Sam", "Alex"}}
	sam      = couple.Partner(0)
	alex     = couple.Partner(1)
	stranger = space.Person{Role: "someone", Name: "Jordan"}
	ctx      = context.Background()
)

func wording(what string) agreements.Wording {
	return agreements.Wording{What: what, Why: "So neither of us has to guess.", Actions: []string{"Text before leaving work", "  "}, Category: "openness"}
}

func invalid(t *testing.T, err error) {
	t.Helper()
	if apperr.CodeOf(err) != apperr.Invalid || apperr.MessageOf(err) == "" {
		t.Fatalf("want a message for the person, got %v", err)
	}
}

// copyOf is one computer's copy of the space: its data file, its device, its log.
type copyOf struct {
	db  *store.DB
	key *vault.ContentKey
	log *space.Log
	ag  *agreements.Agreements
}

func newCopy(t *testing.T, db *store.DB, key *vault.ContentKey) copyOf {
	log := space.NewLog(db, key, space.Author{Signer: mergesim.NewSigner()})
	return copyOf{db: db, key: key, log: log, ag: agreements.New(log)}
}

// one returns one copy of a space whose clock moves a minute at each change.
func one(t *testing.T) copyOf {
	db, key := testvault.OpenKey(t, vault.Shared)
	now := time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { now = now.Add(time.Minute); return now }
	return newCopy(t, db, key)
}

// two returns two computers' copies of one space, holding one shared key.
func two(t *testing.T) (copyOf, copyOf) {
	_, key := testvault.OpenKey(t, vault.Shared)
	return newCopy(t, testvault.OpenStore(t, t.TempDir()), key), newCopy(t, testvault.OpenStore(t, t.TempDir()), key)
}

// meet merges each copy's changes into the other.
func meet(t *testing.T, a, b copyOf) {
	t.Helper()
	for _, p := range [][2]copyOf{{a, b}, {b, a}} {
		all, err := p[0].log.All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p[1].log.Merge(ctx, all); err != nil {
			t.Fatal(err)
		}
	}
}

func get(t *testing.T, c copyOf, id string) agreements.Detail {
	t.Helper()
	d, err := c.ag.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// begun takes an agreement from its first draft to being kept, checking each step, and
// returns it and its first version.
func begun(t *testing.T) (copyOf, string, string) {
	t.Helper()
	c := one(t)
	id, err := c.ag.Create(ctx, wording("We say where we are going when we go out."), "2027-04-01", sam)
	must(t, err)
	d := get(t, c, id)
	if d.Status != agreements.Draft || d.Current.Number != 1 || d.ProposedBy != sam || len(d.Current.Wording.Actions) != 1 {
		t.Fatalf("new agreement %+v", d)
	}
	v1 := d.Current.ID
	invalid(t, c.ag.Sign(ctx, id, v1, stranger)) // not one of the two
	must(t, c.ag.Propose(ctx, id, sam))
	invalid(t, c.ag.Propose(ctx, id, sam))
	invalid(t, c.ag.Begin(ctx, id, sam)) // nobody has signed yet

	must(t, c.ag.Sign(ctx, id, v1, sam))
	invalid(t, c.ag.Sign(ctx, id, v1, sam)) // the same person twice
	if d = get(t, c, id); d.Status != agreements.Proposed || len(d.Signatures) != 1 {
		t.Fatalf("after one signature %+v", d)
	}
	must(t, c.ag.Sign(ctx, id, v1, alex))
	if d = get(t, c, id); d.Status != agreements.Agreed || len(d.Signatures) != 2 {
		t.Fatalf("after both signed %+v", d)
	}
	must(t, c.ag.Begin(ctx, id, alex))
	if d = get(t, c, id); d.Shown("2027-03-31") != agreements.Active || d.Shown("2027-04-01") != agreements.UpForReview {
		t.Fatalf("shown %q / %q", d.Shown("2027-03-31"), d.Shown("2027-04-01"))
	}
	return c, id, v1
}

func TestAnAgreementLivesFromDraftToRetiredWithEveryVersionAndSignature(t *testing.T) {
	c, id, v1 := begun(t)

	// Changing the wording of an active agreement makes version 2, which nobody has signed.
	invalid(t, c.ag.Revise(ctx, id, wording("We say where we are going when we go out."), "2027-04-01", alex))
	must(t, c.ag.Revise(ctx, id, wording("We say where we are going, and roughly when we will be back."), "2027-06-01", alex))
	d := get(t, c, id)
	v2 := d.Current.ID
	if d.Status != agreements.Proposed || d.Current.Number != 2 || d.Current.Revises != v1 || len(d.Versions) != 2 ||
		d.Versions[0].Wording.What != "We say where we are going when we go out." || d.Current.By.Person != alex || d.ReviewOn != "2027-06-01" {
		t.Fatalf("after revising %+v", d)
	}
	// The signatures on the first wording stay, as signatures on that wording.
	if d.SignedBy(v2, sam.Role) || !d.SignedBy(v1, sam.Role) || !d.SignedBy(v1, alex.Role) {
		t.Fatalf("signatures after revising %+v", d.Signatures)
	}
	if err := c.ag.Sign(ctx, id, v1, sam); !errors.Is(err, agreements.ErrChanged) {
		t.Fatalf("signing an old version: %v", err)
	}
	for _, p := range []space.Person{sam, alex} {
		must(t, c.ag.Sign(ctx, id, v2, p))
	}
	must(t, c.ag.Begin(ctx, id, sam))
	must(t, c.ag.Renew(ctx, id, sam, "2027-09-01"))
	must(t, c.ag.Retire(ctx, id, alex, "We do this without thinking now."))
	invalid(t, c.ag.Revise(ctx, id, wording("Something new"), "", sam))
	invalid(t, c.ag.Retire(ctx, id, sam, ""))

	d = get(t, c, id)
	var whats []string
	for _, e := range d.History() {
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
	if h := d.History(); d.Status != agreements.Retired || d.ReviewOn != "2027-09-01" || h[len(h)-1].Note != "We do this without thinking now." {
		t.Fatalf("retired %+v", d)
	}
}

func TestBadInputGetsAMessageAndChangesNothing(t *testing.T) {
	c := one(t)
	_, err := c.ag.Create(ctx, agreements.Wording{What: "   "}, "", sam)
	invalid(t, err)
	_, err = c.ag.Create(ctx, wording("ok"), "next spring", sam)
	invalid(t, err)
	if list, _ := c.ag.List(ctx); len(list) != 0 {
		t.Fatalf("refused input was kept: %+v", list)
	}
	if _, err := c.ag.Get(ctx, "7b8f1f66-0000-4000-8000-000000000000"); !errors.Is(err, agreements.ErrNotFound) {
		t.Fatalf("missing agreement: %v", err)
	}
}

func TestADiscardedDraftIsGoneAndOnlyADraftCanBe(t *testing.T) {
	c := one(t)
	keep, _ := c.ag.Create(ctx, wording("We keep this one."), "", sam)
	gone, _ := c.ag.Create(ctx, wording("We throw this one away."), "", sam)
	must(t, c.ag.Propose(ctx, keep, sam))
	invalid(t, c.ag.Discard(ctx, keep, sam))
	must(t, c.ag.Discard(ctx, gone, sam))
	list, _ := c.ag.List(ctx)
	if len(list) != 1 || list[0].ID != keep {
		t.Fatalf("left %+v", list)
	}
	if _, err := c.ag.Get(ctx, gone); !errors.Is(err, agreements.ErrNotFound) {
		t.Fatalf("discarded: %v", err)
	}
}

func TestAWithdrawnSignatureNoLongerCountsAndCanBeGivenAgain(t *testing.T) {
	c := one(t)
	id, _ := c.ag.Create(ctx, wording("We eat together on Sundays."), "", sam)
	v := get(t, c, id).Current.ID
	must(t, c.ag.Sign(ctx, id, v, sam))
	must(t, c.ag.Sign(ctx, id, v, alex))
	must(t, c.ag.Withdraw(ctx, id, v, alex))
	if d := get(t, c, id); d.Status != agreements.Proposed || d.SignedBy(v, alex.Role) {
		t.Fatalf("after withdrawing %+v", d)
	}
	invalid(t, c.ag.Withdraw(ctx, id, v, alex))
	must(t, c.ag.Sign(ctx, id, v, alex))
	if d := get(t, c, id); d.Status != agreements.Agreed {
		t.Fatalf("signed again: %s", d.Status)
	}
}
