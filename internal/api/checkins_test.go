package api_test

import (
	"context"
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// withShared runs fn with the rig's shared key.
func withShared(t *testing.T, r *vaultRig, fn func(ctx context.Context, key *vault.ContentKey) error) {
	t.Helper()
	if err := r.session.WithKeys(func(u *vault.Unlocked) error { return fn(context.Background(), u.Key(vault.Shared)) }); err != nil {
		t.Fatal(err)
	}
}

func TestOldCheckInsMoveOntoTheLogAtUnlockAndReadAsBefore(t *testing.T) {
	r := newVaultRig(t)
	r.create(t)
	sp, ci := api.NewSpace(r.db, r.session), api.NewCheckIns(r.db, r.session)
	if _, err := sp.SaveSettings(api.SpaceSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}); err != nil {
		t.Fatal(err)
	}
	six := 6
	withShared(t, r, func(ctx context.Context, key *vault.ContentKey) error {
		_, err := checkins.Old(space.New(r.db)).Save(ctx, key, checkins.OldCheckIn{On: "2026-11-20", Hard: "Sunday evening felt quiet.",
			Ratings: []checkins.Rating{{Name: "Sam", Safety: &six}, {Name: "Alex", Trust: &six}}})
		return err
	})
	if list, err := ci.List(); err != nil || len(list) != 0 {
		t.Fatalf("before the next unlock %+v %v", list, err)
	}
	for range 2 { // the second unlock moves nothing more
		if err := r.svc.Lock(); err != nil {
			t.Fatal(err)
		}
		if err := r.svc.Unlock(passphrase); err != nil {
			t.Fatal(err)
		}
		list, err := ci.List()
		if err != nil || len(list) != 1 || len(list[0].Answers) != 2 || list[0].Together == nil || list[0].Together.Hard != "Sunday evening felt quiet." {
			t.Fatalf("after unlocking %+v %v", list, err)
		}
		if a := list[0].Answers[1]; a.Answer.Name != "Alex" || *a.Answer.Ratings.Trust != 6 || a.Written.By.Name != "Alex" || !a.Written.By.Here {
			t.Fatalf("Alex's moved answer %+v", a)
		}
	}
	if due, err := sp.Due(); err != nil || due.NextCheckIn != "2026-11-27" {
		t.Fatalf("due after the move %+v %v", due, err)
	}
}

func TestAPartnersAnswerFromTheirComputerShowsUnderTheirNameBesideThisOne(t *testing.T) {
	r := newVaultRig(t)
	r.create(t)
	sp, ci := api.NewSpace(r.db, r.session), api.NewCheckIns(r.db, r.session)
	if _, err := sp.SaveSettings(api.SpaceSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}); err != nil {
		t.Fatal(err)
	}
	seven := 7
	mine, err := ci.Save(checkins.CheckIn{On: "2026-11-20", Answers: []checkins.Answer{{Name: "Sam", Ratings: checkins.Ratings{Trust: &seven}}}})
	if err != nil || len(mine.Answers) != 1 || !mine.Answers[0].Written.By.Here || mine.Answers[0].Written.By.Name != "Sam" {
		t.Fatalf("saved %+v %v", mine, err)
	}
	// Alex's computer: its own data file and device, the same shared key, a copy of the space.
	withShared(t, r, func(ctx context.Context, key *vault.ContentKey) error {
		here := space.NewLog(r.db, key, space.Author{})
		alex := space.Person{Role: "partner-2", Name: "Alex"}
		theirs := space.NewLog(testvault.OpenStore(t, t.TempDir()), key, space.Author{Signer: mergesim.NewSigner(), Person: alex})
		all, err := here.All(ctx)
		if err != nil {
			return err
		}
		if _, err := theirs.Merge(ctx, all); err != nil {
			return err
		}
		names := space.CoupleSettings{Names: [2]string{"Sam", "Alex"}}
		if _, err := checkins.Save(ctx, theirs, names, checkins.CheckIn{ID: mine.ID, On: "2026-11-20",
			Answers: []checkins.Answer{{Name: "Alex", Hard: "Alex's own words."}}}); err != nil {
			return err
		}
		all, err = theirs.All(ctx)
		if err != nil {
			return err
		}
		_, err = here.Merge(ctx, all)
		return err
	})
	list, err := ci.List()
	if err != nil || len(list) != 1 || len(list[0].Answers) != 2 {
		t.Fatalf("after Alex's answer came %+v %v", list, err)
	}
	sam, alex := list[0].Answers[0], list[0].Answers[1]
	if sam.Answer.Name != "Sam" || *sam.Answer.Ratings.Trust != 7 || alex.Answer.Hard != "Alex's own words." || alex.Written.By.Name != "Alex" || alex.Written.By.Here {
		t.Fatalf("answers %+v", list[0].Answers)
	}
}
