package journal_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/crashloop"
	"github.com/goldseam/goldseam/internal/testkit/figures"
	"github.com/goldseam/goldseam/internal/vault"
)

var crashPassphrase = []byte("crash test passphrase for the journal")

// TestSavedEntriesSurviveSIGKILL has a child save entries as fast as it can, reporting each
// one only after Save returned, and kills it at a random moment. After each run, every entry
// that run reported must be there and decrypt to exactly what was written; at the end, every
// entry reported by any run is checked again, so a later crash cannot have undone an earlier
// save either. make reliability runs it 1,000 times.
func TestSavedEntriesSurviveSIGKILL(t *testing.T) {
	if crashloop.IsChild("journal-save") {
		saveForever()
		return
	}
	ctx := context.Background()
	reported := map[string]string{} // id -> body, over all runs
	runs, lost := 0, 0
	last := ""
	crashloop.Run(t, "journal-save", crashloop.Options{Runs: crashloop.Runs(20), MinLife: time.Millisecond, KillAfter: 150 * time.Millisecond},
		func(dir string) {
			db, err := store.Open(ctx, filepath.Join(dir, store.FileName))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, _, err := vault.Create(ctx, db, crashPassphrase, vault.Calibrate()); err != nil {
				t.Fatal(err)
			}
		},
		func(run int, dir string, lines []string) {
			runs++
			thisRun := map[string]string{}
			for _, l := range lines {
				if rest, ok := strings.CutPrefix(l, "saved "); ok {
					id, body, _ := strings.Cut(rest, " ")
					reported[id], thisRun[id] = body, body
				}
			}
			lost += checkSaved(t, fmt.Sprintf("run %d", run), dir, thisRun)
			last = dir
		})
	if len(reported) == 0 {
		t.Fatal("no child ever reported a save: the test is not testing anything")
	}
	lost += checkSaved(t, "after every run", last, reported)
	t.Logf("%d runs, %d entries reported saved, %d lost", runs, len(reported), lost)
	figures.Record("crash_runs", runs)
	figures.Record("crash_lost", lost)
}

// checkSaved opens the data file in dir and counts the entries of want (id -> body) that are
// missing or read back differently.
func checkSaved(t *testing.T, when, dir string, want map[string]string) (lost int) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, store.FileName))
	if err != nil {
		t.Fatalf("%s: the data file does not open after the kill: %v", when, err)
	}
	defer db.Close()
	u, err := vault.Unlock(ctx, db, crashPassphrase)
	if err != nil {
		t.Fatalf("%s: the vault does not unlock after the kill: %v", when, err)
	}
	defer u.Wipe()
	entries := journal.NewEntries(db)
	for id, body := range want {
		e, err := entries.Get(ctx, u.Key(vault.Journal), id)
		if err != nil || e.Body != body {
			lost++
			t.Errorf("%s: entry %s was reported saved but reads back %q, %v", when, id, e.Body, err)
		}
	}
	return lost
}

func saveForever() {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(crashloop.Dir(), store.FileName))
	if err != nil {
		panic(err)
	}
	u, err := vault.Unlock(ctx, db, crashPassphrase)
	if err != nil {
		panic(err)
	}
	entries := journal.NewEntries(db)
	crashloop.Ready()
	for i := 0; ; i++ {
		body := fmt.Sprintf("entry-%d-%d", time.Now().UnixNano(), i)
		e, err := entries.Save(ctx, u.Key(vault.Journal), journal.Entry{Date: "2027-01-01", Body: body})
		if err != nil {
			panic(err)
		}
		crashloop.Report("saved %s %s", e.ID, body)
	}
}
