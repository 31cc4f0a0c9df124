package api_test

import (
	"context"
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/experiences"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// An experience kept in the old table moves onto the change log at the next unlock, with its
// joint words as "written together before", and the person at this computer then writes
// their own.
func TestExperiencesMoveAtUnlockAndKeepEachPersonsWords(t *testing.T) {
	r := newVaultRig(t)
	r.create(t)
	sp, x := api.NewSpace(r.db, r.session), api.NewExperiences(r.db, r.session)
	if _, err := sp.SaveSettings(api.SpaceSettings{Names: [2]string{"Alex", "Sam"}}); err != nil {
		t.Fatal(err)
	}
	var oldID string
	err := r.session.WithKeys(func(u *vault.Unlocked) error {
		var err error
		oldID, err = space.New(r.db).Put(context.Background(), u.Key(vault.Shared), experiences.Kind, "",
			map[string]string{"title": "Cook something new", "status": "done", "doneOn": "2027-02-01", "howItFelt": "We laughed a lot."})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if list, err := x.List(); err != nil || len(list) != 0 {
		t.Fatalf("before the move: %+v %v", list, err)
	}
	r.svc.Lock()
	if err := r.svc.Unlock(passphrase); err != nil {
		t.Fatal(err)
	}
	list, err := x.List()
	if err != nil || len(list) != 1 {
		t.Fatalf("after the move: %+v %v", list, err)
	}
	got := list[0]
	if got.ID != oldID || got.Together != "We laughed a lot." || !got.FromBefore || got.HowItFelt != "" ||
		got.Written.By.Name != "Alex" || !got.Written.By.Here {
		t.Fatalf("moved %+v", got)
	}
	in := experiences.Experience{ID: got.ID, Title: got.Title, Status: got.Status, DoneOn: got.DoneOn, HowItFelt: "Warm."}
	if _, err := x.Save(in); err != nil {
		t.Fatal(err)
	}
	got = mustOne(t, x)
	f := got.Feelings
	if len(f) != 2 || f[0].Name != "Alex" || !f[0].Mine || f[0].Text != "Warm." || f[0].By.Name != "Alex" ||
		f[1].Name != "Sam" || f[1].Mine || f[1].Text != "" || got.HowItFelt != "Warm." || got.Together != "We laughed a lot." {
		t.Fatalf("feelings %+v", got)
	}
	if err := x.Delete(got.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := x.List(); len(list) != 0 {
		t.Fatalf("after delete %+v", list)
	}
	// Unlocking again moves nothing twice: the old record is still there, and still deleted here.
	r.svc.Lock()
	if err := r.svc.Unlock(passphrase); err != nil {
		t.Fatal(err)
	}
	if list, _ := x.List(); len(list) != 0 {
		t.Fatalf("a second unlock brought it back: %+v", list)
	}
}

func mustOne(t *testing.T, x *api.Experiences) api.ExperienceView {
	t.Helper()
	list, err := x.List()
	if err != nil || len(list) != 1 {
		t.Fatalf("%+v %v", list, err)
	}
	return list[0]
}
