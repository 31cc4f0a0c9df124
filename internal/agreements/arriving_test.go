package agreements_test

import (
	"testing"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/space"
)

// TestAnAgreementWhoseWordingIsStillOnItsWayIsWaitedFor: changes reach a partner's copy one by
// one and in any order, so the agreement's record (and a signature) can arrive before the
// version it names. Before, the copy refused to read any agreement at all, calling that
// tampering; now the agreement waits, unseen, until its wording arrives, and then reads whole.
func TestAnAgreementWhoseWordingIsStillOnItsWayIsWaitedFor(t *testing.T) {
	a, b := two(t)
	sam := space.Person{Role: "partner-1", Name: "Sam"}
	id, err := a.ag.Create(ctx, wording("We talk before we spend over 200."), "", sam)
	must(t, err)
	must(t, a.ag.Sign(ctx, id, get(t, a, id).Current.ID, sam))
	all, err := a.log.All(ctx)
	must(t, err)
	var first, versions []space.Change
	for _, c := range all {
		if c.Kind == agreements.KindVersion {
			versions = append(versions, c)
		} else {
			first = append(first, c)
		}
	}
	if len(versions) != 1 || len(first) < 3 {
		t.Fatalf("%d versions, %d other changes", len(versions), len(first))
	}
	if _, err := b.log.Merge(ctx, first); err != nil {
		t.Fatal(err)
	}
	list, err := b.ag.List(ctx)
	if err != nil || len(list) != 0 {
		t.Fatalf("before its wording arrived: %+v %v", list, err)
	}
	if _, err := b.log.Merge(ctx, versions); err != nil {
		t.Fatal(err)
	}
	list, err = b.ag.List(ctx)
	if err != nil || len(list) != 1 || list[0].Current.Wording.What != "We talk before we spend over 200." || len(list[0].Signatures) != 1 {
		t.Fatalf("once it arrived: %+v %v", list, err)
	}
}
