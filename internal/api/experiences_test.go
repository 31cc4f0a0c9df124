package api_test

import (
	"context"
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/backup"
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

// The format 1 backup (made before the change log) holds one experience and one deleted: a
// restore moves both onto the log through the experiences' own move, and the screen lists
// the live one as from before; restoring again (merge) adds nothing.
func TestAFormat1BackupsExperiencesReachTheLog(t *testing.T) {
	backup.UseCheapWorkFactorForTests()
	r := newVaultRig(t)
	r.create(t)
	b, x := api.NewBackup(r.host, r.db, r.session, nil), api.NewExperiences(r.db, r.session)
	r.host.savePath = format1Backup
	if _, err := b.Inspect(format1Passphrase); err != nil {
		t.Fatal(err)
	}
	var first []api.ExperienceView
	for i, mode := range []string{"replace", "merge"} {
		if _, err := b.Restore(format1Passphrase, mode); err != nil {
			t.Fatalf("restore %d: %v", i, err)
		}
		list, err := x.List()
		if err != nil || len(list) != 1 || !list[0].FromBefore || list[0].Title == "" {
			t.Fatalf("after restore %d: %+v %v", i, list, err)
		}
		if i == 0 {
			first = list
		} else if list[0].Written.Changed != first[0].Written.Changed {
			t.Fatalf("restoring again wrote to it: %+v, then %+v", first[0].Written, list[0].Written)
		}
	}
	n := 0
	r.session.WithKeys(func(u *vault.Unlocked) error {
		all, err := space.NewLog(r.db, u.Key(vault.Shared), space.Author{}).Kind(context.Background(), experiences.Kind)
		n = len(all.Records)
		return err
	})
	if n != 2 {
		t.Fatalf("%d experiences on the log, want the backup's 2 (one deleted)", n)
	}
}
