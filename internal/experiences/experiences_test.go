package experiences_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/experiences"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	os.Exit(m.Run())
}

var (
	ctx    = context.Background()
	alex   = space.Person{Role: "partner-1", Name: "Alex"}
	sam    = space.Person{Role: "partner-2", Name: "Sam"}
	couple = [2]space.Person{alex, sam}
)

// copyOf is one partner's computer: its own data file and device, the one shared key.
type copyOf struct {
	log *space.Log
	x   *experiences.Experiences
}

func newCopy(t *testing.T, key *vault.ContentKey, me space.Person) copyOf {
	t.Helper()
	log := space.NewLog(testvault.OpenStore(t, t.TempDir()), key, space.Author{Signer: mergesim.NewSigner(), Person: me})
	return copyOf{log: log, x: experiences.New(log, time.Now, experiences.People{Me: me, Couple: couple})}
}

// twoCopies returns Alex's and Sam's computers.
func twoCopies(t *testing.T) (a, b copyOf) {
	t.Helper()
	_, key := testvault.OpenKey(t, vault.Shared)
	return newCopy(t, key, alex), newCopy(t, key, sam)
}

// exchange gives each copy every change the other has, as carrying them between computers
// will.
func exchange(t *testing.T, copies ...copyOf) {
	t.Helper()
	for _, from := range copies {
		all, err := from.log.All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, to := range copies {
			if n, err := to.log.Merge(ctx, all); err != nil || n.Refused != 0 {
				t.Fatalf("merge: %+v %v", n, err)
			}
		}
	}
}

func mustList(t *testing.T, c copyOf) []experiences.Item {
	t.Helper()
	list, err := c.x.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func mustSave(t *testing.T, c copyOf, e experiences.Experience) experiences.Experience {
	t.Helper()
	out, err := c.x.Save(ctx, e)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestAnExperienceGoesFromIdeaToPlannedToDone(t *testing.T) {
	a, _ := twoCopies(t)
	walk := mustSave(t, a, experiences.Experience{Title: "A walk by the river", Status: experiences.Idea, Together: "Not ours.", FromBefore: true})
	if walk.Together != "" || walk.FromBefore {
		t.Fatalf("Save wrote the move's fields: %+v", walk)
	}
	cook := mustSave(t, a, experiences.Experience{Title: "Cook something new", Status: experiences.Idea})
	walk.Status = experiences.Planned
	if _, err := a.x.Save(ctx, walk); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("planned without a day: %v", err)
	}
	walk.PlannedOn = "2027-03-06"
	walk = mustSave(t, a, walk)
	list := mustList(t, a)
	if len(list) != 2 || list[0].ID != walk.ID || list[1].ID != cook.ID {
		t.Fatalf("planned should come first: %+v", list)
	}
	walk.Status, walk.DoneOn, walk.HowItFelt = experiences.Done, "2027-03-06", "Quiet, in a good way."
	mustSave(t, a, walk)
	list = mustList(t, a)
	if got := list[1]; got.HowItFelt != "Quiet, in a good way." || got.AddedAt == "" || got.Together != "" || got.FromBefore ||
		got.Feelings[0].Text != got.HowItFelt || got.Feelings[0].Person != alex || got.Feelings[1].Written {
		t.Fatalf("done %+v", got)
	}
	if _, err := a.x.Save(ctx, experiences.Experience{Title: " ", Status: experiences.Idea}); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("an empty title: %v", err)
	}
	if err := a.x.Delete(ctx, cook.ID); err != nil {
		t.Fatal(err)
	}
	if list = mustList(t, a); len(list) != 1 {
		t.Fatalf("after delete %+v", list)
	}
	if err := a.x.Delete(ctx, cook.ID); !errors.Is(err, space.ErrNotFound) {
		t.Fatalf("deleting twice: %v", err)
	}
}

// Saving writes only the fields that changed, so a partner's edit of another field made at
// the same time is never overwritten by a stale copy of it.
func TestSaveWritesOnlyWhatChanged(t *testing.T) {
	a, b := twoCopies(t)
	walk := mustSave(t, a, experiences.Experience{Title: "A walk", Note: "by the river", Status: experiences.Idea})
	exchange(t, a, b)
	before, _ := a.log.All(ctx)
	mustSave(t, a, walk)
	if after, _ := a.log.All(ctx); len(after) != len(before) {
		t.Fatalf("saving it unchanged wrote %d changes", len(after)-len(before))
	}
	seen := mustList(t, b)[0].Experience
	walk.Title = "A long walk"
	mustSave(t, a, walk)
	seen.Note = "by the sea"
	mustSave(t, b, seen)
	exchange(t, a, b)
	for _, c := range []copyOf{a, b} {
		got := mustList(t, c)[0]
		if got.Title != "A long walk" || got.Note != "by the sea" {
			t.Fatalf("both edits should stand: %+v", got.Experience)
		}
	}
}
