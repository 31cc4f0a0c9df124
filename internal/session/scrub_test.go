package session_test

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
)

// TestLockScrubsAfterEveryListener: a lock listener overwrites a secret (as the journal's
// purge does); when Lock returns, the -wal must be empty and the secret in no file, however
// late the listener was registered.
func TestLockScrubsAfterEveryListener(t *testing.T) {
	s, _, _ := unlockedSession(t)
	db := s.DB()
	secret := bytes.Repeat([]byte("lock-listener-secret."), 6)
	if _, err := db.SQL().Exec(`CREATE TABLE k (id INTEGER PRIMARY KEY, v BLOB)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`INSERT INTO k (id, v) VALUES (1, ?)`, secret); err != nil {
		t.Fatal(err)
	}
	s.OnLock(func(session.Reason) {
		if _, err := db.SQL().Exec(`DELETE FROM k`); err != nil {
			t.Error(err)
		}
	})
	s.Lock(session.ByRequest)
	for _, f := range []string{db.Path(), db.Path() + "-wal", db.Path() + "-shm"} {
		data, err := os.ReadFile(f)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		if bytes.Contains(data, secret) {
			t.Errorf("%s still holds what a lock listener deleted", f)
		}
		if f == db.Path()+"-wal" && len(data) != 0 {
			t.Errorf("the -wal holds %d bytes after the lock, want 0", len(data))
		}
	}
}

// TestAScrubThatCannotFinishIsReported: a reader that keeps the checkpoint from finishing
// makes the lock report it to OnScrubFailed instead of passing over it in silence.
func TestAScrubThatCannotFinishIsReported(t *testing.T) {
	s, _, _ := unlockedSession(t)
	db := s.DB()
	var failures []error
	s.OnScrubFailed(func(err error) { failures = append(failures, err) })
	if _, err := db.SQL().Exec(`CREATE TABLE k (v TEXT)`); err != nil {
		t.Fatal(err)
	}
	rows, err := db.SQL().Query(`SELECT name FROM sqlite_master`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	rows.Next() // holds a read snapshot
	if _, err := db.SQL().Exec(`INSERT INTO k VALUES ('after the snapshot')`); err != nil {
		t.Fatal(err)
	}
	s.Lock(session.ByRequest)
	if len(failures) != 1 || !errors.Is(failures[0], store.ErrCheckpointBusy) {
		t.Fatalf("scrub failures told: %v, want one ErrCheckpointBusy", failures)
	}
}
