package vault_test

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/autobackup"
	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/profile"
	"github.com/goldseam/goldseam/internal/progress"
	"github.com/goldseam/goldseam/internal/settings"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// testdata/legacy-v1.db was written by the Goldseam before field format 2 (commit 0600974):
// a vault (passphrase "legacy passphrase", kit in legacy-v1.kit) with a journal entry, a
// profile, a step state, an exercise record, an agreed and signed agreement, automatic
// backup settings and the auto-lock time in the clear.
func legacyCopy(t *testing.T) (string, *store.DB) {
	t.Helper()
	dir := t.TempDir()
	b, err := os.ReadFile("testdata/legacy-v1.db")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, store.FileName), b, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir, testvault.OpenStore(t, dir)
}

func legacyKit(t *testing.T) vault.RecoveryKey {
	t.Helper()
	b, err := os.ReadFile("testdata/legacy-v1.kit")
	if err != nil {
		t.Fatal(err)
	}
	k, err := vault.ParseRecoveryKey(string(b))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// formats counts the sealed values of every sealed column by their format byte.
func formats(t *testing.T, db *store.DB) map[byte]int {
	t.Helper()
	out := map[byte]int{}
	for _, c := range vault.SealedColumns {
		rows, err := db.SQL().Query(`SELECT substr(` + c.Column + `, 1, 1) FROM ` + c.Table + ` WHERE ` + c.Column + ` IS NOT NULL`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var b []byte
			rows.Scan(&b)
			out[b[0]]++
		}
		rows.Close()
	}
	return out
}

// TestTheFirstUnlockMovesAnOldVaultToFormat2 unlocks a data file the previous Goldseam
// wrote: every value is resealed in format 2 under new content keys, everything reads back
// through the real packages, and a format 1 value put back from the old file is refused.
func TestTheFirstUnlockMovesAnOldVaultToFormat2(t *testing.T) {
	_, db := legacyCopy(t)
	var oldEntry []byte
	db.SQL().QueryRow(`SELECT content FROM journal_entries`).Scan(&oldEntry)
	if f := formats(t, db); f[1] < 8 || f[2] != 0 {
		t.Fatalf("the fixture is not all format 1: %v", f)
	}
	u, err := vault.Unlock(ctx, db, []byte("legacy passphrase"))
	if err != nil {
		t.Fatal(err)
	}
	if f := formats(t, db); f[1] != 0 || f[2] < 8 {
		t.Fatalf("after the first unlock: %v values by format", f)
	}
	jk, sk := u.Key(vault.Journal), u.Key(vault.Shared)
	entries, _, err := journal.NewEntries(db).Page(ctx, jk, 0, 10)
	if err != nil || len(entries) != 1 || entries[0].Title != "Before the upgrade" {
		t.Fatalf("journal %+v %v", entries, err)
	}
	if p, ok, err := profile.Load(ctx, db, jk); err != nil || !ok || p.MyName != "Sam" || p.Safety["hurt"] != "no" {
		t.Fatalf("profile %+v %v", p, err)
	}
	pr := progress.New(db)
	if states, err := pr.States(ctx, jk); err != nil || states["safety-first"] != "done" {
		t.Fatalf("states %v %v", states, err)
	}
	if recs, err := pr.Records(ctx, jk, "write-the-apology"); err != nil || len(recs) != 1 {
		t.Fatalf("records %+v %v", recs, err)
	}
	// The old table's agreement still reads, and moves onto the change log agreed.
	couple := space.CoupleSettings{Names: [2]string{"Sam", "Alex"}} // the names it was signed with; the fixture kept none
	id, err := u.Device(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer id.Wipe()
	log := space.NewLog(db, sk, space.Author{Signer: id})
	if n, err := agreements.MoveFromTable(ctx, space.New(db), sk, log, couple); err != nil || n.Agreements != 1 || n.Signatures != 2 {
		t.Fatalf("moved %+v %v", n, err)
	}
	list, err := agreements.New(log).List(ctx)
	if err != nil || len(list) != 1 || list[0].Status != agreements.Agreed || len(list[0].Signatures) != 2 {
		t.Fatalf("agreements %+v %v", list, err)
	}
	if _, err := autobackup.Load(ctx, db, jk); err != nil {
		t.Fatal(err)
	}
	if err := settings.MoveOutOfTheClear(ctx, db, jk); err != nil {
		t.Fatal(err)
	}
	if d, err := settings.AutoLock(ctx, db, jk); err != nil || d != 15*time.Minute {
		t.Fatalf("auto-lock %v %v", d, err)
	}

	// The old file's content keys, put back beside today's: two keys for one purpose are refused.
	if _, err := db.SQL().Exec(`ATTACH DATABASE 'testdata/legacy-v1.db' AS old`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`INSERT INTO content_keys SELECT * FROM old.content_keys`); err != nil {
		t.Fatal(err)
	}
	if _, err := vault.Unlock(ctx, db, []byte("legacy passphrase")); err == nil || errors.Is(err, vault.ErrWrongPassphrase) {
		t.Fatalf("the old content keys beside the new ones: %v", err)
	}
	if _, err := db.SQL().Exec(`DELETE FROM content_keys WHERE key_id IN (SELECT key_id FROM old.content_keys)`); err != nil {
		t.Fatal(err)
	}

	// The old file's format 1 value, put back: today's keys do not open format 1.
	if _, err := db.SQL().Exec(`UPDATE journal_entries SET content = ?`, oldEntry); err != nil {
		t.Fatal(err)
	}
	if _, _, err := journal.NewEntries(db).Page(ctx, jk, 0, 10); !errors.Is(err, vault.ErrTampered) {
		t.Fatalf("a format 1 value from the old file opened after the move: %v", err)
	}
}

// TestAFailedMoveChangesNothingAndStillUnlocks damages one old value: the move is rolled
// back whole, the person still gets in, every other value still opens.
func TestAFailedMoveChangesNothingAndStillUnlocks(t *testing.T) {
	_, db := legacyCopy(t)
	if _, err := db.SQL().Exec(`UPDATE step_states SET content = substr(content, 1, length(content) - 1)`); err != nil {
		t.Fatal(err)
	}
	before := formats(t, db)
	u, err := vault.Unlock(ctx, db, []byte("legacy passphrase"))
	if err != nil {
		t.Fatalf("a damaged value kept the person out: %v", err)
	}
	// The one format 2 value is the device identity the unlock made: new, not moved.
	if after := formats(t, db); after[1] != before[1] || after[2] != 1 {
		t.Fatalf("a failed move left %v (was %v)", after, before)
	}
	if _, err := u.Device(ctx, db); err != nil {
		t.Fatalf("a failed move kept the vault from its device identity: %v", err)
	}
	if _, _, err := journal.NewEntries(db).Page(ctx, u.Key(vault.Journal), 0, 10); err != nil {
		t.Fatal(err)
	}
}

// TestAnOldKitAfterTheMove: the kit of an old vault still opens it, and a passphrase chosen
// after opening with it keeps the kit working (the kit's public key is learnt then).
func TestAnOldKitAfterTheMove(t *testing.T) {
	kit := legacyKit(t)
	_, db := legacyCopy(t)
	r, err := vault.UnlockWithRecovery(ctx, db, kit)
	if err != nil {
		t.Fatal(err)
	}
	if !r.KeepsKit() {
		t.Fatal("opened with the kit, the vault says a passphrase change would replace it")
	}
	fresh, err := r.SetPassphrase(ctx, db, []byte("chosen after recovery"), vault.Calibrate())
	if err != nil || fresh != nil {
		t.Fatalf("a kit that keeps working was replaced: %v %v", fresh, err)
	}
	if _, err := vault.UnlockWithRecovery(ctx, db, kit); err != nil {
		t.Fatalf("the kit stopped working: %v", err)
	}
}

// TestAPassphraseChangeReplacesAnUnreachableOldKit: a format 1 vault opened with the
// passphrase cannot rewrap for its kit, so the change says so beforehand (KeepsKit), makes
// a new kit in the same transaction and returns it. The old kit opens nothing; the new one
// opens the vault; the vault row says the old kit was replaced until the new one is confirmed.
func TestAPassphraseChangeReplacesAnUnreachableOldKit(t *testing.T) {
	old := legacyKit(t)
	_, db := legacyCopy(t)
	u, err := vault.Unlock(ctx, db, []byte("legacy passphrase"))
	if err != nil {
		t.Fatal(err)
	}
	if u.KeepsKit() {
		t.Fatal("the vault does not say the change would replace its kit")
	}
	fresh, err := u.SetPassphrase(ctx, db, []byte("changed with the passphrase"), vault.Calibrate())
	if err != nil {
		t.Fatal(err)
	}
	if fresh == nil {
		t.Fatal("the old kit was retired and no new one was made")
	}
	if _, err := vault.UnlockWithRecovery(ctx, db, old); !errors.Is(err, vault.ErrWrongPassphrase) {
		t.Fatalf("the old kit after the change: %v", err)
	}
	s, err := vault.ReadStatus(ctx, db)
	if err != nil || s.RecoveryConfirmed || !s.KitReplaced || s.RecoveryKitID != fresh.KitID {
		t.Fatalf("status after the change: %+v %v", s, err)
	}
	r, err := vault.UnlockWithRecovery(ctx, db, fresh.Key)
	if err != nil {
		t.Fatalf("the new kit does not open the vault: %v", err)
	}
	entries, _, err := journal.NewEntries(db).Page(ctx, r.Key(vault.Journal), 0, 10)
	if err != nil || len(entries) != 1 || entries[0].Title != "Before the upgrade" {
		t.Fatalf("journal through the new kit: %+v %v", entries, err)
	}
	if !u.KeepsKit() {
		t.Fatal("after the change the vault still says a passphrase change would replace the kit")
	}
	if _, err := vault.Unlock(ctx, db, []byte("changed with the passphrase")); err != nil {
		t.Fatal(err)
	}
	if err := vault.ConfirmRecoveryKit(ctx, db, fresh.KitID); err != nil {
		t.Fatal(err)
	}
	if s, _ := vault.ReadStatus(ctx, db); !s.RecoveryConfirmed || s.KitReplaced {
		t.Fatalf("status after confirming: %+v", s)
	}
}

// TestAKitAnEarlierGoldseamRetiredIsMarkedReplaced: the Goldseam before this change left a
// format 1 vault whose passphrase was changed with an empty recovery wrap (no working kit)
// and could leave it marked confirmed. The schema step marks that kit replaced and
// unconfirmed, and the next passphrase change makes a working kit.
func TestAKitAnEarlierGoldseamRetiredIsMarkedReplaced(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile("testdata/legacy-v1.db")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, store.FileName)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec(`UPDATE vault SET recovery_wrap = x'', recovery_confirmed = 1`)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	db := testvault.OpenStore(t, dir)
	if s, err := vault.ReadStatus(ctx, db); err != nil || s.RecoveryConfirmed || !s.KitReplaced {
		t.Fatalf("a vault with no working kit: %+v %v", s, err)
	}
	u, err := vault.Unlock(ctx, db, []byte("legacy passphrase"))
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := u.SetPassphrase(ctx, db, []byte("changed at last"), vault.Calibrate())
	if err != nil || fresh == nil {
		t.Fatalf("%v %v", fresh, err)
	}
	if _, err := vault.UnlockWithRecovery(ctx, db, fresh.Key); err != nil {
		t.Fatal(err)
	}
}
