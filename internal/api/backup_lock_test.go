package api_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/testkit/journalgen"
	"github.com/goldseam/goldseam/internal/vault"
)

// entries is enough for a lock to land mid-way; the bench times 10,000 at the real work
// factor (lock_during_export_ms).
const entries = 2_000

// newFullRig is an unlocked vault holding n generated journal entries.
func newFullRig(t *testing.T, n int) *vaultRig {
	t.Helper()
	backup.UseCheapWorkFactorForTests()
	r := newVaultRig(t)
	r.create(t)
	entries := journalgen.Make(journalgen.Options{Entries: n, Seed: 16})
	err := r.session.WithKeys(func(u *vault.Unlocked) error {
		return journal.NewEntries(r.db).SaveMany(context.Background(), u.Key(vault.Journal), entries)
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// How promptly a lock stops a backup is a figure, not a timed test (timings on a busy
// machine under the race detector say little): BENCH lock_during_export_ms. These tests
// hold what a stop must leave behind.

func TestALockStopsAnExportAndLeavesNoFile(t *testing.T) {
	r := newFullRig(t, entries)
	files := api.NewBackupFiles(r.host, r.db, r.session)
	dir := t.TempDir()
	path := filepath.Join(dir, "backup.age")
	done := make(chan error, 1)
	go func() { _, err := files.ExportTo(path, "backup passphrase"); done <- err }()
	// The first progress event comes once 1,000 records are written: the export is under way.
	for !slices.Contains(r.host.Events(), "backup:progress") {
		select {
		case err := <-done:
			t.Fatalf("the export ended before it could be interrupted: %v", err)
		case <-time.After(time.Millisecond):
		}
	}
	r.session.Lock(session.ByRequest)
	err := <-done
	wantCode(t, err, apperr.Locked)
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Fatalf("a stopped export left %d files behind, want none (first: %s)", len(left), left[0].Name())
	}

	// After unlocking, the next export is whole.
	if err := r.svc.Unlock(passphrase); err != nil {
		t.Fatal(err)
	}
	got, err := files.ExportTo(path, "backup passphrase")
	if err != nil || got.Entries != entries {
		t.Fatalf("the export after the lock: %+v %v", got, err)
	}
}

func TestALockStopsARestoreAndLeavesTheVaultAsItWas(t *testing.T) {
	r := newFullRig(t, entries)
	files := api.NewBackupFiles(r.host, r.db, r.session)
	path := filepath.Join(t.TempDir(), "backup.age")
	if _, err := files.ExportTo(path, "backup passphrase"); err != nil {
		t.Fatal(err)
	}
	// Written after the backup: a replace that ran to the end would remove it.
	j := api.NewJournal(r.db, r.session, nil)
	if _, err := j.Save(api.EntryInput{Date: "2027-01-06", Body: "written after the backup"}); err != nil {
		t.Fatal(err)
	}
	// Reading and verifying the file happens before the keys are held; the lock must land
	// while the restore writes, so it waits for the reading to be over first.
	start := time.Now()
	if _, _, err := backup.ReadFile(path, "backup passphrase"); err != nil {
		t.Fatal(err)
	}
	reading := time.Since(start)

	done := make(chan error, 1)
	go func() { _, err := files.Restore(path, "backup passphrase", "replace"); done <- err }()
	time.Sleep(reading + reading/2)
	r.session.Lock(session.ByRequest)
	wantCode(t, <-done, apperr.Locked)

	if err := r.svc.Unlock(passphrase); err != nil {
		t.Fatal(err)
	}
	list, err := j.List(0, 1)
	if err != nil || list.Total != entries+1 {
		t.Fatalf("after a stopped restore the vault holds %d entries (%v), want the %d it had", list.Total, err, entries+1)
	}
	// The next restore runs to the end.
	if _, err := files.Restore(path, "backup passphrase", "replace"); err != nil {
		t.Fatal(err)
	}
	if list, _ := j.List(0, 1); list.Total != entries {
		t.Fatalf("after the restore, %d entries, want the backup's %d", list.Total, entries)
	}
}
