package api_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/figures"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
)

// walRig is a whole running Goldseam over a real data file, the way App builds it.
type walRig struct {
	dir      string
	db       *store.DB
	session  *session.Session
	services *api.Services
}

func newWalRig(t *testing.T) *walRig {
	t.Helper()
	dir := t.TempDir()
	path, db := testvault.Path(dir), testvault.OpenStore(t, dir)
	s := session.New(db, nil)
	s.OnScrubFailed(func(err error) { t.Errorf("scrub failed: %v", err) })
	svc := api.NewServices(&recordingHost{}, api.Storage{DataDir: dir, DataFile: path, DB: db, Session: s})
	return &walRig{dir: dir, db: db, session: s, services: svc}
}

// wraps reads the vault's current key wraps, as an attacker with the file would.
func (r *walRig) wraps(t *testing.T) (passphraseWrap, recoveryWrap []byte) {
	t.Helper()
	if err := r.db.SQL().QueryRow(`SELECT passphrase_wrap, recovery_wrap FROM vault`).Scan(&passphraseWrap, &recoveryWrap); err != nil {
		t.Fatal(err)
	}
	return passphraseWrap, recoveryWrap
}

// sealedTail is the last 48 bytes of entry id's sealed content as stored: ciphertext and
// tag, found nowhere else by chance.
func (r *walRig) sealedTail(t *testing.T, id string) []byte {
	t.Helper()
	var sealed []byte
	if err := r.db.SQL().QueryRow(`SELECT content FROM journal_entries WHERE id = ?`, id).Scan(&sealed); err != nil {
		t.Fatal(err)
	}
	return sealed[len(sealed)-48:]
}

// found lists every needle present in any file of the data folder (goldseam.db, its -wal
// and -shm, the lock), read while the database is still open.
func (r *walRig) found(t *testing.T, needles map[string][]byte) []string {
	t.Helper()
	var hits []string
	entries, err := os.ReadDir(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(r.dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for name, n := range needles {
			if bytes.Contains(data, n) {
				hits = append(hits, e.Name()+": "+name)
			}
		}
	}
	return hits
}

// TestNothingSupersededStaysOnDiskWhileLockedButRunning writes journal entries holding
// canary words through the real services, edits and deletes some, changes the passphrase
// and makes a new recovery kit, then locks and reads every file in the data folder while
// Goldseam is still running (the database open). The superseded passphrase and recovery
// wraps must be gone from goldseam.db, -wal and -shm as soon as each change returns, and
// after the lock also the purged entries' ciphertext and every canary word. It reports
// wal_secrets_while_locked: everything of that found (goal 0).
func TestNothingSupersededStaysOnDiskWhileLockedButRunning(t *testing.T) {
	r := newWalRig(t)
	v, j := r.services.Vault, r.services.Journal
	kit, err := v.Create(passphrase)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.ConfirmRecoveryKit(kit.Groups[kit.Check[0]-1], kit.Groups[kit.Check[1]-1]); err != nil {
		t.Fatal(err)
	}
	needles := map[string][]byte{"the passphrase": []byte(passphrase), "the first kit": []byte(strings.Join(kit.Groups, ""))}
	ids := make([]string, 12)
	for i := range ids {
		word := fmt.Sprintf("canaryword%02d%s", i, t.Name()[4:12])
		needles[word] = []byte(word)
		e, err := j.Save(api.EntryInput{Date: "2026-11-22", Title: word, Body: strings.Repeat("Body with "+word+". ", 40)})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = e.ID
	}
	for i, id := range ids {
		switch i % 3 {
		case 0:
			if _, err := j.Save(api.EntryInput{ID: id, Date: "2026-11-22", Title: "edited", Body: "edited"}); err != nil {
				t.Fatal(err)
			}
		case 1:
			needles["purged entry "+id[:8]] = r.sealedTail(t, id)
			if _, err := j.Delete(id); err != nil {
				t.Fatal(err)
			}
		}
	}

	oldPassWrap, oldKitWrap := r.wraps(t)
	needles["superseded passphrase wrap"] = oldPassWrap
	if _, err := v.ChangePassphrase(passphrase, passphrase+" and more"); err != nil {
		t.Fatal(err)
	}
	// While still unlocked and running: the old wrap is gone the moment the change returns.
	if hits := r.found(t, map[string][]byte{"superseded passphrase wrap": oldPassWrap}); len(hits) > 0 {
		t.Errorf("after the passphrase change, while running: %v", hits)
	}
	if _, err := v.NewRecoveryKit(passphrase + " and more"); err != nil {
		t.Fatal(err)
	}
	needles["superseded recovery wrap"] = oldKitWrap
	if hits := r.found(t, map[string][]byte{"superseded recovery wrap": oldKitWrap}); len(hits) > 0 {
		t.Errorf("after a new recovery kit, while running: %v", hits)
	}

	if err := v.Lock(); err != nil {
		t.Fatal(err)
	}
	if r.session.Unlocked() {
		t.Fatal("still unlocked")
	}
	var left int
	if err := r.db.SQL().QueryRow(`SELECT count(*) FROM journal_entries WHERE deleted_at IS NOT NULL`).Scan(&left); err != nil || left != 0 {
		t.Fatalf("deleted entries left after the lock: %d (%v)", left, err)
	}
	hits := r.found(t, needles)
	figures.Record("wal_secrets_while_locked", len(hits))
	if len(hits) > 0 {
		t.Errorf("locked but still running, the data folder holds: %v", hits)
	}
	var size int64
	for _, f := range []string{r.db.Path(), r.db.Path() + "-wal"} {
		if info, err := os.Stat(f); err == nil {
			size += info.Size()
		}
	}
	if size < 16*1024 {
		t.Fatalf("the database and its log hold %d bytes, too few to have held the entries: the scan proves nothing", size)
	}
}

// TestARestoreThatReplacesLeavesNothingOfWhatItReplaced saves an entry after a backup was
// made, replaces everything with that backup, and checks, still unlocked and running, that
// the replaced entry's ciphertext is in none of goldseam.db, -wal and -shm.
func TestARestoreThatReplacesLeavesNothingOfWhatItReplaced(t *testing.T) {
	backup.UseCheapWorkFactorForTests()
	r := newWalRig(t)
	h := &recordingHost{}
	b := api.NewBackup(h, r.db, r.session, nil)
	if _, err := r.services.Vault.Create(passphrase); err != nil {
		t.Fatal(err)
	}
	j := r.services.Journal
	if _, err := j.Save(api.EntryInput{Date: "2026-11-20", Body: "in the backup"}); err != nil {
		t.Fatal(err)
	}
	h.savePath = filepath.Join(t.TempDir(), "before.age")
	if _, err := b.Export("backup passphrase"); err != nil {
		t.Fatal(err)
	}
	later, err := j.Save(api.EntryInput{Date: "2026-11-21", Body: strings.Repeat("written after the backup ", 30)})
	if err != nil {
		t.Fatal(err)
	}
	sealed := r.sealedTail(t, later.ID)
	if _, err := api.NewBackupFiles(h, r.db, r.session).Restore(h.savePath, "backup passphrase", "replace"); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Get(later.ID); err == nil {
		t.Fatal("the replace kept the later entry")
	}
	if hits := r.found(t, map[string][]byte{"the replaced entry": sealed}); len(hits) > 0 {
		t.Errorf("after a replacing restore, while running: %v", hits)
	}
}

// TestAPurgeWhileUnlockedEmptiesTheLog deletes an entry and waits out the undo window,
// unlocked: once the entry is purged its ciphertext must be in none of the files.
func TestAPurgeWhileUnlockedEmptiesTheLog(t *testing.T) {
	r := newWalRig(t)
	if _, err := r.services.Vault.Create(passphrase); err != nil {
		t.Fatal(err)
	}
	j := r.services.Journal
	e, err := j.Save(api.EntryInput{Date: "2026-11-21", Body: strings.Repeat("deleted and purged ", 30)})
	if err != nil {
		t.Fatal(err)
	}
	sealed := r.sealedTail(t, e.ID)
	if _, err := j.Delete(e.ID); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(api.UndoWindow + 10*time.Second)
	for {
		var n int
		if err := r.db.SQL().QueryRow(`SELECT count(*) FROM journal_entries WHERE id = ?`, e.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the deleted entry was never purged")
		}
		time.Sleep(200 * time.Millisecond)
	}
	// The purge and its checkpoint run one after the other on the timer's goroutine.
	needle := map[string][]byte{"the purged entry": sealed}
	for time.Now().Before(deadline) && len(r.found(t, needle)) > 0 {
		time.Sleep(100 * time.Millisecond)
	}
	if !r.session.Unlocked() {
		t.Fatal("locked: this test is about a purge while unlocked")
	}
	if hits := r.found(t, needle); len(hits) > 0 {
		t.Errorf("after the purge, while unlocked: %v", hits)
	}
}
