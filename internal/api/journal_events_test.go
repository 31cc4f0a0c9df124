package api_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
)

// An autosave is one round trip: Save answers with the very row the list would show, so
// the list patches it in place instead of asking for itself again.
func TestSaveReturnsTheRowTheListShows(t *testing.T) {
	r := newJournalRig(t)
	row, err := r.journal.Save(api.EntryInput{Date: "2026-11-22", Title: "Kitchen talk", Body: "We talked about the **marigold** evening.", Mood: 3, Feelings: []string{"hope"}, Tags: []string{"home"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, edit := range []string{"", "Now about the lighthouse, and *more*."} {
		if edit != "" {
			if row, err = r.journal.Save(api.EntryInput{ID: row.ID, Date: "2026-11-22", Title: "Kitchen talk", Body: edit}); err != nil {
				t.Fatal(err)
			}
		}
		page, err := r.journal.List(0, 10)
		if err != nil || len(page.Entries) != 1 {
			t.Fatalf("list: %+v %v", page, err)
		}
		if !reflect.DeepEqual(row, page.Entries[0]) {
			t.Fatalf("edit %q: save answered %+v, the list shows %+v", edit, row, page.Entries[0])
		}
	}
}

// servicesRig is every service over one fresh data file, told to a recording window.
func servicesRig(t *testing.T) (*api.Services, *recordingHost, *store.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), store.FileName)
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	h := &recordingHost{}
	svc := api.NewServices(h, api.Storage{DataDir: filepath.Dir(path), DataFile: path, DB: db, Session: session.New(db, nil)})
	if _, err := svc.Vault.Create(passphrase); err != nil {
		t.Fatal(err)
	}
	return svc, h, db
}

// waitTold waits until the window has been told n search events and returns them.
func waitTold(t *testing.T, h *recordingHost, n int) []any {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if told := h.Told(api.SearchEvent); len(told) >= n {
			return told
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the window was told %v, not %d search events", h.Told(api.SearchEvent), n)
	return nil
}

// When the index cannot be built, the window is told once, and search and the emotion log
// say it failed instead of "not ready yet" for the rest of the session.
func TestAFailedIndexBuildIsToldToTheWindow(t *testing.T) {
	svc, h, db := servicesRig(t)
	if told := waitTold(t, h, 1); told[0] != api.SearchReady {
		t.Fatalf("after creating the vault the window was told %v, not ready", told)
	}
	if _, err := svc.Journal.Save(api.EntryInput{Date: "2026-11-22", Body: "a page that will not open"}); err != nil {
		t.Fatal(err)
	}
	// The sealed entry is damaged on disk, so reading it back after the unlock fails.
	if _, err := db.SQL().Exec(`UPDATE journal_entries SET content = x'00010203'`); err != nil {
		t.Fatal(err)
	}
	svc.Vault.Lock()
	if err := svc.Vault.Unlock(passphrase); err != nil {
		t.Fatal(err)
	}
	told := waitTold(t, h, 2)
	if told[1] != api.SearchFailed {
		t.Fatalf("after a failed build the window was told %v", told)
	}
	res, err := svc.Journal.Search("page", 10)
	if err != nil || res.Ready || !res.Failed {
		t.Fatalf("search after a failed build: %+v %v", res, err)
	}
	log, err := svc.Journal.EmotionLog("2026-01-01", "2026-12-31", "month")
	if err != nil || log.Ready || !log.Failed {
		t.Fatalf("emotion log after a failed build: %+v %v", log, err)
	}
	// A lock drops the failure with the index; the next unlock tries again.
	svc.Vault.Lock()
	if res, _ := svc.Journal.Search("page", 10); res.Failed {
		t.Fatal("a locked journal still reports the last session's failure")
	}
}
