package agreements_test

import (
	"errors"
	"testing"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/space"
)

// proposed makes an agreement on a, put forward, and gives b a copy.
func proposed(t *testing.T, a, b copyOf, what string) (id, version string) {
	t.Helper()
	id, err := a.ag.Create(ctx, wording(what), "", sam)
	must(t, err)
	must(t, a.ag.Propose(ctx, id, sam))
	meet(t, a, b)
	return id, get(t, a, id).Current.ID
}

// Two partners signing at the same moment on two computers each write their own record:
// neither stored "agreed", and once the copies meet both say agreed.
func TestTwoSignaturesMadeAtOnceBothCountAndTheMergedAgreementIsAgreed(t *testing.T) {
	a, b := two(t)
	id, v := proposed(t, a, b, "We say where we are going.")
	must(t, a.ag.Sign(ctx, id, v, sam))
	must(t, b.ag.Sign(ctx, id, v, alex))
	for _, c := range []copyOf{a, b} {
		if d := get(t, c, id); d.Status != agreements.Proposed || len(d.Signatures) != 1 {
			t.Fatalf("before meeting %+v", d)
		}
	}
	meet(t, a, b)
	for _, c := range []copyOf{a, b} {
		d := get(t, c, id)
		if d.Status != agreements.Agreed || !d.SignedBy(v, sam.Role) || !d.SignedBy(v, alex.Role) {
			t.Fatalf("after meeting %s %+v", d.Status, d.Signatures)
		}
		if d.Signatures[0].By.Device == d.Signatures[1].By.Device {
			t.Fatal("both signatures say one computer made them")
		}
	}
}

func TestTheSameSignatureMadeOnTwoComputersIsOneOnceMerged(t *testing.T) {
	a, b := two(t)
	id, v := proposed(t, a, b, "We eat together on Sundays.")
	must(t, a.ag.Sign(ctx, id, v, sam))
	must(t, b.ag.Sign(ctx, id, v, sam))
	meet(t, a, b)
	if d := get(t, a, id); len(d.Signatures) != 1 || d.Status != agreements.Proposed {
		t.Fatalf("one person's signature counted %d times (%s)", len(d.Signatures), d.Status)
	}
}

// Two revisions made at once are two versions and a tie on which is current: both wordings
// are kept, nobody can sign until the two choose, and the choice settles it on both copies.
func TestTwoRevisionsMadeAtOnceAreATieWithBothWordingsKept(t *testing.T) {
	a, b := two(t)
	id, v1 := proposed(t, a, b, "We say where we are going.")
	must(t, a.ag.Revise(ctx, id, wording("We say where we are going and when."), "", sam))
	must(t, b.ag.Revise(ctx, id, wording("We text when plans change."), "", alex))
	meet(t, a, b)
	d := get(t, a, id)
	if len(d.Tied) != 2 || len(d.Versions) != 3 || d.Status != agreements.Proposed {
		t.Fatalf("after two revisions at once %+v", d)
	}
	words := map[string]string{}
	for _, v := range d.Versions {
		words[v.ID] = v.Wording.What
		if v.ID != v1 && (v.Revises != v1 || v.Number != 2) {
			t.Fatalf("version %+v", v)
		}
	}
	if words[d.Tied[0]] == words[d.Tied[1]] {
		t.Fatalf("tied wordings %v", words)
	}
	if err := a.ag.Sign(ctx, id, d.Current.ID, sam); !errors.Is(err, agreements.ErrChanged) {
		t.Fatalf("signing during a tie: %v", err)
	}
	invalid(t, a.ag.Revise(ctx, id, wording("A third wording."), "", sam))

	// Alex keeps Sam's wording.
	var sams string
	for _, e := range d.Record.Fields[agreements.FieldCurrent].Current {
		if e.Person == sam {
			sams = e.Change
		}
	}
	choice, err := space.Choose(d.Record, agreements.FieldCurrent, sams)
	must(t, err)
	if _, err := b.log.As(alex).Append(ctx, choice); err != nil {
		t.Fatal(err)
	}
	meet(t, a, b)
	for _, c := range []copyOf{a, b} {
		d := get(t, c, id)
		if len(d.Tied) != 0 || d.Current.Wording.What != "We say where we are going and when." || len(d.Versions) != 3 {
			t.Fatalf("after choosing %+v", d)
		}
		if h := d.Record.Fields[agreements.FieldCurrent].History; len(h) < 3 {
			t.Fatalf("the wording that lost is not in the history: %+v", h)
		}
	}
}

// A signature on words that were since changed stays, shown with those words.
func TestASignatureOnAnEarlierWordingStaysVisibleAsSuch(t *testing.T) {
	a, b := two(t)
	id, v1 := proposed(t, a, b, "We say where we are going.")
	must(t, b.ag.Sign(ctx, id, v1, alex))
	must(t, a.ag.Revise(ctx, id, wording("We say where we are going and when."), "", sam))
	meet(t, a, b)
	d := get(t, a, id)
	if d.Current.ID == v1 || d.SignedBy(d.Current.ID, alex.Role) || !d.SignedBy(v1, alex.Role) {
		t.Fatalf("after revising %+v", d)
	}
	signed := false
	for _, s := range d.History() {
		signed = signed || s.What == "signed" && s.By == "Alex" && s.Version == 1
	}
	if !signed {
		t.Fatalf("history %+v", d.History())
	}
}
