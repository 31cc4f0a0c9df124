package api_test

import (
	"context"
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// TestTheCouplesSettingsMoveOntoTheLogAtUnlock: a data file from before keeps the names and
// rhythm in the old table; the next unlock writes them onto the change log as the first name,
// signed here, once, and every later save goes to the log.
func TestTheCouplesSettingsMoveOntoTheLogAtUnlock(t *testing.T) {
	r := newVaultRig(t)
	r.create(t)
	sp := api.NewSpace(r.db, r.session)
	withShared(t, r, func(ctx context.Context, key *vault.ContentKey) error {
		_, err := space.New(r.db).SaveOldSettings(ctx, key, space.CoupleSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "monthly"})
		return err
	})
	onLog := func() space.RecordState {
		var rec space.RecordState
		withShared(t, r, func(ctx context.Context, key *vault.ContentKey) error {
			var err error
			rec, _, err = space.NewLog(r.db, key, space.Author{}).Record(ctx, space.SettingsID())
			return err
		})
		return rec
	}
	if rec := onLog(); len(rec.Fields) != 0 {
		t.Fatalf("settings on the log before the next unlock: %+v", rec)
	}
	for range 2 { // the second unlock moves nothing more
		if err := r.svc.Lock(); err != nil {
			t.Fatal(err)
		}
		if err := r.svc.Unlock(passphrase); err != nil {
			t.Fatal(err)
		}
		rec := onLog()
		name := rec.Fields[space.FieldName1]
		if len(rec.Fields) != 3 || len(name.Current) != 1 || len(name.History) != 0 || name.Current[0].Person.Name != "Sam" {
			t.Fatalf("after unlocking: %+v", rec.Fields)
		}
	}
	if got, err := sp.Settings(); err != nil || got.Names != [2]string{"Sam", "Alex"} || got.Rhythm != "monthly" {
		t.Fatalf("read after the move %+v %v", got, err)
	}
	if _, err := sp.SaveSettings(api.SpaceSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}); err != nil {
		t.Fatal(err)
	}
	rec := onLog()
	if rhythm := rec.Fields[space.FieldRhythm]; len(rhythm.History) != 1 || len(rec.Fields[space.FieldName1].History) != 0 {
		t.Fatalf("a save wrote more than the changed rhythm: %+v", rec.Fields)
	}
	if got, _ := sp.Settings(); got.Rhythm != "weekly" {
		t.Fatalf("the saved rhythm reads %q", got.Rhythm)
	}
}

// TestANameChangedOnBothComputersIsATieTheSettingsOffer: Sam renames Alex here while Alex
// renames themself on their own computer; both names are kept, SettingsTies offers them with
// who wrote each, and keeping one settles it.
func TestANameChangedOnBothComputersIsATieTheSettingsOffer(t *testing.T) {
	r := newVaultRig(t)
	r.create(t)
	sp := api.NewSpace(r.db, r.session)
	if _, err := sp.SaveSettings(api.SpaceSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}); err != nil {
		t.Fatal(err)
	}
	var theirs *space.Log
	withShared(t, r, func(ctx context.Context, key *vault.ContentKey) error {
		here := space.NewLog(r.db, key, space.Author{})
		theirs = space.NewLog(testvault.OpenStore(t, t.TempDir()), key, space.Author{Signer: mergesim.NewSigner(), Person: space.Person{Role: "partner-2", Name: "Alex"}})
		all, err := here.All(ctx)
		if err == nil {
			_, err = theirs.Merge(ctx, all)
		}
		if err == nil {
			_, err = theirs.SaveSettings(ctx, space.CoupleSettings{Names: [2]string{"Sam", "Al"}, Rhythm: "weekly"})
		}
		return err
	})
	if ties, err := sp.SettingsTies(); err != nil || len(ties) != 0 {
		t.Fatalf("ties before the copies met: %+v %v", ties, err)
	}
	if _, err := sp.SaveSettings(api.SpaceSettings{Names: [2]string{"Sam", "Lex"}, Rhythm: "weekly"}); err != nil {
		t.Fatal(err)
	}
	withShared(t, r, func(ctx context.Context, key *vault.ContentKey) error {
		all, err := theirs.All(ctx)
		if err == nil {
			_, err = space.NewLog(r.db, key, space.Author{}).Merge(ctx, all)
		}
		return err
	})
	ties, err := sp.SettingsTies()
	if err != nil || len(ties) != 1 || ties[0].Field != space.FieldName2 || len(ties[0].Candidates) != 2 {
		t.Fatalf("ties after the copies met: %+v %v", ties, err)
	}
	var al api.Candidate
	for _, c := range ties[0].Candidates {
		if c.Value == "Al" {
			al = c
		}
	}
	if al.By.Name != "Alex" || al.By.Here {
		t.Fatalf("Alex's name for themself: %+v", al)
	}
	if err := sp.Choose(ties[0].Record, ties[0].Field, al.Change); err != nil {
		t.Fatal(err)
	}
	if ties, _ := sp.SettingsTies(); len(ties) != 0 {
		t.Fatalf("still tied after choosing: %+v", ties)
	}
	if got, _ := sp.Settings(); got.Names != [2]string{"Sam", "Al"} {
		t.Fatalf("kept %+v", got.Names)
	}
}
