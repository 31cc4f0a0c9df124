package backup_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// format1File is a real format 1 backup, made by the Goldseam of issue 16 (before the change
// log was carried) with format1_fixture_test.go, and kept so every later Goldseam is shown to
// restore it: two entries, the couple's names, a proposed agreement signed by one of them,
// an experience and a deleted one.
var format1File = filepath.Join("testdata", "format1.age")

const format1Passphrase = "an old backup from before the change log"

// TestAFormat1BackupStillRestores restores the committed format 1 backup into a new vault:
// every part as it was written, the shared records into the old table, from where the
// unlock-time move carries them onto the change log (internal/api tests that step).
func TestAFormat1BackupStillRestores(t *testing.T) {
	s, m, err := backup.ReadFile(format1File, format1Passphrase)
	if err != nil {
		t.Fatal(err)
	}
	if m.Format != 1 || m.AppVersion != "v0.16.0" || m.Count("journal.jsonl") != 2 || m.Count("shared.jsonl") != 9 {
		t.Fatalf("manifest %+v", m)
	}
	to := newRig(t)
	to.fillChanges(t)
	if res, err := backup.Apply(ctx, to.db, to.u, s, backup.Merge); err != nil || res.ChangesAdded != 0 || len(to.gather(t).Changes) != 6 {
		t.Fatalf("merging kept %d changes (%+v %v), want the 6 here", len(to.gather(t).Changes), res, err)
	}
	res, err := backup.Apply(ctx, to.db, to.u, s, backup.Replace)
	if err != nil || res.EntriesAdded != 2 || res.SharedAdded != 9 || !res.ProfileRestored && s.Profile != nil {
		t.Fatalf("restore %+v %v", res, err)
	}
	// Replacing gives exactly the backup's change log, which format 1 did not have: empty,
	// until the move at unlock carries the old records onto it.
	if n := len(to.gather(t).Changes); n != 0 {
		t.Fatalf("%d changes after replacing with a format 1 backup", n)
	}
	sk := to.u.Key(vault.Shared)
	sp := space.New(to.db)
	names, err := sp.Settings(ctx, sk)
	if err != nil || names.Names != [2]string{"Sam", "Alex"} {
		t.Fatalf("names %+v %v", names, err)
	}
	all, err := sp.All(ctx, sk)
	kinds := map[string]int{}
	for _, r := range all {
		if !r.Deleted {
			kinds[r.Kind]++
		}
	}
	want := map[string]int{"space-settings": 1, "agreement": 1, "agreement-version": 1, "agreement-signature": 1, "agreement-event": 3, "experience": 1}
	if err != nil || len(all) != 9 || fmt.Sprint(kinds) != fmt.Sprint(want) {
		t.Fatalf("shared records by kind %v, want %v (%v)", kinds, want, err)
	}
	var bodies []string
	journal.NewEntries(to.db).Each(ctx, to.u.Key(vault.Journal), func(e journal.Entry) error {
		bodies = append(bodies, e.Body)
		return nil
	})
	if len(bodies) != 2 {
		t.Fatalf("entries %q", bodies)
	}
}
