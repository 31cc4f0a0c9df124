package api_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/figures"
	"github.com/goldseam/goldseam/internal/vault"
)

// TestAFullDiskDamagesNothing saves an entry, exports a backup over an earlier one and
// changes the passphrase on a file system
// filled to within a few kilobytes of full (a different margin each trial), then frees the
// space and checks: the data file passes quick_check, the passphrase that was reported in
// force opens it, every earlier entry is there, and each refusal said plainly that the disk
// is full. It needs a small file system of its own: make reliability mounts a tmpfs and
// names it in GOLDSEAM_DISKFULL_DIR.
func TestAFullDiskDamagesNothing(t *testing.T) {
	root := os.Getenv("GOLDSEAM_DISKFULL_DIR")
	if root == "" {
		t.Skip("GOLDSEAM_DISKFULL_DIR names no small file system to fill (make reliability mounts one)")
	}
	backup.UseCheapWorkFactorForTests()
	trials, _ := strconv.Atoi(os.Getenv("GOLDSEAM_DISKFULL_TRIALS"))
	if trials <= 0 {
		trials = 10
	}
	damaged, refusals := 0, 0
	for trial := 0; trial < trials; trial++ {
		dir := filepath.Join(root, fmt.Sprintf("trial-%d", trial))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		ok, refused := diskFullTrial(t, dir, int64(trial)*8<<10)
		refusals += refused
		if !ok {
			damaged++
		}
		os.RemoveAll(dir)
	}
	t.Logf("disk full: %d trials, %d refused for lack of space, %d damaged", trials, refusals, damaged)
	figures.Record("disk_full_trials", trials)
	figures.Record("disk_full_damaged", damaged)
	if refusals == 0 {
		t.Fatal("no operation ever met a full disk: the test is not filling it")
	}
	if damaged > 0 {
		t.Fatalf("%d of %d trials left damage", damaged, trials)
	}
}

// diskFullTrial returns whether everything was intact afterwards and how many operations
// were refused for lack of space.
func diskFullTrial(t *testing.T, dir string, margin int64) (intact bool, refused int) {
	r := newVaultRigIn(t, dir)
	r.create(t)
	j := api.NewJournal(r.db, r.session, nil)
	earlier := map[string]string{}
	for i := 0; i < 5; i++ {
		body := fmt.Sprintf("earlier entry %d %s", i, strings.Repeat("words ", 200))
		e, err := j.Save(api.EntryInput{Date: "2027-01-02", Body: body})
		if err != nil {
			t.Fatal(err)
		}
		earlier[e.ID] = body
	}
	b := api.NewBackupFiles(r.host, r.db, r.session)
	earlierBackup := filepath.Join(dir, "earlier.age")
	if _, err := b.ExportTo(earlierBackup, "backup passphrase"); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(earlierBackup)
	ballast := filepath.Join(dir, "..", "ballast-"+filepath.Base(dir))
	fill(t, ballast, margin)
	defer os.Remove(ballast)

	intact = true
	check := func(what string, err error) bool {
		if err == nil {
			return true
		}
		refused++
		if apperr.CodeOf(err) != apperr.Unavailable || !strings.Contains(apperr.MessageOf(err), "no space left") {
			t.Errorf("%s on a full disk said %q (%v), not that the disk is full", what, apperr.MessageOf(err), err)
			intact = false
		}
		return false
	}
	big := strings.Repeat("a long entry written as the disk fills up. ", 6000)
	saved, err := j.Save(api.EntryInput{Date: "2027-01-03", Body: big})
	if check("saving an entry", err) {
		earlier[saved.ID] = big
	}
	exported := check("exporting a backup over the earlier one", func() error {
		_, err := b.ExportTo(earlierBackup, "backup passphrase")
		return err
	}())
	if after, _ := os.ReadFile(earlierBackup); !exported && !bytes.Equal(before, after) {
		t.Errorf("margin %d: a refused export changed the earlier backup", margin)
		intact = false
	}
	if _, _, err := backup.ReadFile(earlierBackup, "backup passphrase"); err != nil {
		t.Errorf("margin %d: the backup on disk no longer opens: %v", margin, err)
		intact = false
	}
	current := passphrase
	if check("changing the passphrase", errOnly(r.svc.ChangePassphrase(passphrase, "a new passphrase for a full disk"))) {
		current = "a new passphrase for a full disk"
	}
	r.svc.Lock()
	r.db.Close()
	os.Remove(ballast)

	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, store.FileName))
	if err != nil {
		t.Errorf("margin %d: the data file does not open once space is free: %v", margin, err)
		return false, refused
	}
	defer db.Close()
	if err := db.QuickCheck(ctx); err != nil {
		t.Errorf("margin %d: quick_check: %v", margin, err)
		intact = false
	}
	u, err := vault.Unlock(ctx, db, []byte(current))
	if err != nil {
		t.Errorf("margin %d: the passphrase in force does not open the vault: %v", margin, err)
		return false, refused
	}
	defer u.Wipe()
	entries := journal.NewEntries(db)
	for id, body := range earlier {
		if e, err := entries.Get(ctx, u.Key(vault.Journal), id); err != nil || e.Body != body {
			t.Errorf("margin %d: entry %s is missing or changed: %v", margin, id, err)
			intact = false
		}
	}
	return intact, refused
}

// fill writes path until the file system is full, then gives back margin bytes.
func fill(t *testing.T, path string, margin int64) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	var size int64
	for {
		n, err := f.Write(chunk)
		size += int64(n)
		if errors.Is(err, syscall.ENOSPC) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Truncate(max(size-margin, 0)); err != nil {
		t.Fatal(err)
	}
}
