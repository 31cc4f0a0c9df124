package experiences_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/experiences"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// oldRecord is an experience as the old table kept it, how it felt included.
type oldRecord struct {
	Title     string `json:"title"`
	Note      string `json:"note"`
	Status    string `json:"status"`
	PlannedOn string `json:"plannedOn"`
	DoneOn    string `json:"doneOn"`
	HowItFelt string `json:"howItFelt"`
	AddedAt   string `json:"addedAt"`
}

func TestTheMoveCarriesEveryOldExperienceOverOnce(t *testing.T) {
	db, u := testvault.Open(t)
	key := u.Key(vault.Shared)
	old := space.New(db)
	put := func(r oldRecord) string {
		id, err := old.Put(ctx, key, experiences.Kind, "", r)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	done := oldRecord{Title: "Cook something new", Note: "Thai", Status: "done", DoneOn: "2027-02-01",
		HowItFelt: "We laughed a lot.", AddedAt: "2027-01-20T10:00:00Z"}
	planned := oldRecord{Title: "A walk", Status: "planned", PlannedOn: "2027-03-06", AddedAt: "2027-01-21T10:00:00Z"}
	doneID, plannedID, goneID := put(done), put(planned), put(oldRecord{Title: "Skating", Status: "idea"})
	if err := old.Delete(ctx, key, goneID); err != nil {
		t.Fatal(err)
	}
	if _, err := old.Put(ctx, key, "checkin", "", map[string]string{"on": "2027-02-02"}); err != nil {
		t.Fatal(err)
	}
	before, _ := old.All(ctx, key)

	log := space.NewLog(db, key, space.Author{Signer: mergesim.NewSigner(), Person: alex})
	x := experiences.New(log, time.Now, experiences.People{Me: alex, Couple: couple})
	if err := experiences.Move(ctx, old, key, log); err != nil {
		t.Fatal(err)
	}
	moved, _ := log.All(ctx)
	if err := experiences.Move(ctx, old, key, log); err != nil {
		t.Fatal(err)
	}
	if again, _ := log.All(ctx); len(again) != len(moved) {
		t.Fatalf("a second move wrote %d more changes", len(again)-len(moved))
	}
	if after, _ := old.All(ctx, key); !reflect.DeepEqual(after, before) {
		t.Fatal("the move changed the old table")
	}

	list, err := x.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []experiences.Experience{
		{ID: plannedID, Title: planned.Title, Status: planned.Status, PlannedOn: planned.PlannedOn, AddedAt: planned.AddedAt, FromBefore: true},
		{ID: doneID, Title: done.Title, Note: done.Note, Status: done.Status, DoneOn: done.DoneOn, AddedAt: done.AddedAt,
			Together: done.HowItFelt, FromBefore: true},
	}
	if len(list) != 2 || list[0].Experience != want[0] || list[1].Experience != want[1] {
		t.Fatalf("moved:\n%+v\nwant\n%+v", list, want)
	}
	// The joint words are nobody's own: neither partner's feeling claims them.
	if list[1].Feelings[0].Written || list[1].Feelings[1].Written || list[1].HowItFelt != "" {
		t.Fatalf("the joint words were given to one person: %+v", list[1].Feelings)
	}
	gone, ok, err := log.Record(ctx, goneID)
	if err != nil || !ok || !gone.Deleted {
		t.Fatalf("the deleted one should move as deleted: %+v %v %v", gone, ok, err)
	}
}
