package experiences_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/experiences"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	os.Exit(m.Run())
}

func TestAnExperienceGoesFromIdeaToPlannedToDone(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Shared)
	x := experiences.New(space.New(db))
	walk, err := x.Save(ctx, key, experiences.Experience{Title: "A walk by the river", Status: experiences.Idea})
	if err != nil {
		t.Fatal(err)
	}
	cook, _ := x.Save(ctx, key, experiences.Experience{Title: "Cook something new", Status: experiences.Idea})
	walk.Status = experiences.Planned
	if _, err := x.Save(ctx, key, walk); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("planned without a day: %v", err)
	}
	walk.PlannedOn = "2027-03-06"
	if walk, err = x.Save(ctx, key, walk); err != nil {
		t.Fatal(err)
	}
	list, _ := x.List(ctx, key)
	if len(list) != 2 || list[0].ID != walk.ID || list[1].ID != cook.ID {
		t.Fatalf("planned should come first: %+v", list)
	}
	walk.Status, walk.DoneOn, walk.HowItFelt = experiences.Done, "2027-03-06", "Quiet, in a good way."
	if _, err := x.Save(ctx, key, walk); err != nil {
		t.Fatal(err)
	}
	list, _ = x.List(ctx, key)
	if list[1].HowItFelt != "Quiet, in a good way." || list[1].AddedAt == "" {
		t.Fatalf("done %+v", list[1])
	}
	if _, err := x.Save(ctx, key, experiences.Experience{Title: " ", Status: experiences.Idea}); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("an empty title: %v", err)
	}
	if err := x.Delete(ctx, key, cook.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ = x.List(ctx, key); len(list) != 1 {
		t.Fatalf("after delete %+v", list)
	}
	if err := x.Delete(ctx, key, cook.ID); !errors.Is(err, space.ErrNotFound) {
		t.Fatalf("deleting twice: %v", err)
	}
}
