//go:build format1fixture

package backup_test

import (
	"os"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/experiences"
	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// This file made testdata/format1.age, once, on the writer of format 1:
//
//	GOLDSEAM_WRITE_FORMAT1=1 go test -tags format1fixture ./internal/backup -run TestWriteTheFormat1Fixture
//
// It is built only with its tag, so later changes to the packages it writes through cannot
// break the ordinary build, and it must not be run again on a later writer.

// fillSmall gives the store a little of everything a format 1 backup holds: two entries, a
// profile, progress, the couple's names, a signed agreement, an experience and a tombstone.
func (r rig) fillSmall(t testing.TB) {
	t.Helper()
	jk, sk := r.u.Key(vault.Journal), r.u.Key(vault.Shared)
	if err := journal.NewEntries(r.db).SaveMany(ctx, jk, []journal.Entry{
		{Date: "2026-10-01", Title: "The first evening", Body: "We talked until late.", Mood: 3},
		{Date: "2026-10-02", Body: "Quiet day, <b>tags</b> and \"quotes\" kept.", Feelings: []string{"hope"}},
	}); err != nil {
		t.Fatal(err)
	}
	sp := space.New(r.db)
	if _, err := sp.SaveOldSettings(ctx, sk, space.CoupleSettings{Names: [2]string{"Sam", "Alex"}}); err != nil {
		t.Fatal(err)
	}
	ag := agreements.New(sp)
	id, err := ag.Create(ctx, sk, agreements.Wording{What: "We say where we are going.", Category: "openness"}, "", "Sam")
	if err != nil {
		t.Fatal(err)
	}
	if err := ag.Propose(ctx, sk, id, "Sam"); err != nil {
		t.Fatal(err)
	}
	if err := ag.Sign(ctx, sk, id, 1, "Sam", [2]string{"Sam", "Alex"}); err != nil {
		t.Fatal(err)
	}
	x := experiences.New(sp)
	if _, err := x.Save(ctx, sk, experiences.Experience{Title: "Dinner by the river", Status: "idea"}); err != nil {
		t.Fatal(err)
	}
	walk, _ := x.Save(ctx, sk, experiences.Experience{Title: "A walk", Status: "idea"})
	if err := x.Delete(ctx, sk, walk.ID); err != nil {
		t.Fatal(err)
	}
}

// TestWriteTheFormat1Fixture (re)writes testdata/format1.age when GOLDSEAM_WRITE_FORMAT1=1.
// It was run once, on the writer of format 1; it is kept to show how the file was made, and
// must not be run again on a later writer.
func TestWriteTheFormat1Fixture(t *testing.T) {
	if os.Getenv("GOLDSEAM_WRITE_FORMAT1") != "1" {
		t.Skip("writes the committed fixture only when asked")
	}
	r := newRig(t)
	r.fillSmall(t)
	at := time.Date(2026, 12, 1, 23, 50, 0, 0, time.UTC)
	if _, err := backup.WriteFile(format1File, r.gather(t), format1Passphrase, "v0.16.0", at, nil); err != nil {
		t.Fatal(err)
	}
}
