package vault_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/autobackup"
	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/profile"
	"github.com/goldseam/goldseam/internal/progress"
	"github.com/goldseam/goldseam/internal/settings"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/figures"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// writeSome writes a value into every sealed table through the real packages.
func writeSome(t *testing.T, db *store.DB, u *vault.Unlocked, words string) {
	t.Helper()
	jk := u.Key(vault.Journal)
	if _, err := journal.NewEntries(db).Save(ctx, jk, journal.Entry{Date: "2026-11-20", Body: words}); err != nil {
		t.Fatal(err)
	}
	if _, err := space.New(db).Put(ctx, u.Key(vault.Shared), "agreement", "", map[string]string{"what": words}); err != nil {
		t.Fatal(err)
	}
	author := space.Author{Signer: mergesim.NewSigner(), Person: space.Person{Role: "a", Name: words}}
	if _, err := space.NewLog(db, u.Key(vault.Shared), author).Append(ctx, space.Draft{Record: "r", Kind: "agreement", Value: words}); err != nil {
		t.Fatal(err)
	}
	if _, err := profile.Save(ctx, db, jk, profile.Profile{Role: "unsaid", MyName: words}); err != nil {
		t.Fatal(err)
	}
	p := progress.New(db)
	if err := p.SetState(ctx, jk, "safety-first", "in-progress"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.SaveRecord(ctx, jk, "safety-first", "", map[string]string{"note": words}); err != nil {
		t.Fatal(err)
	}
	if err := autobackup.Save(ctx, db, jk, autobackup.Choices{Every: "off", Keep: 3}); err != nil {
		t.Fatal(err)
	}
	if err := settings.SetAutoLock(ctx, db, jk, 10); err != nil {
		t.Fatal(err)
	}
	// How this copy shares the space (package sharing), sealed as that package seals it.
	for _, c := range []struct {
		col *vault.SealedColumn
		key *vault.ContentKey
	}{{vault.SharingState, jk}, {vault.SpaceHere, u.Key(vault.Shared)}} {
		_, err := db.SQL().Exec(`INSERT INTO `+c.col.Table+` (id, content) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET content = excluded.content`,
			c.key.Seal(c.col.Field("1"), []byte(words)))
		if err != nil {
			t.Fatal(err)
		}
	}
}

// openEveryRow tries every sealed value of every sealed column in db with keys, and returns
// how many values it tried and how many opened.
func openEveryRow(t *testing.T, db *store.DB, keys *vault.Unlocked) (tried, opened int) {
	t.Helper()
	for _, c := range vault.SealedColumns {
		var n int
		if err := db.SQL().QueryRow(`SELECT count(*) FROM ` + c.Table).Scan(&n); err != nil || n == 0 {
			t.Fatalf("no value of %s to try: %v", c.Table, err)
		}
		rows, err := db.SQL().Query(`SELECT ` + strings.Join(append([]string{c.ID}, c.Bound...), ", ") + `, ` + c.Column +
			` FROM ` + c.Table + ` WHERE ` + c.Column + ` IS NOT NULL`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id string
			bound := make([]string, len(c.Bound))
			var sealed []byte
			dest := []any{&id}
			for i := range bound {
				dest = append(dest, &bound[i])
			}
			if err := rows.Scan(append(dest, &sealed)...); err != nil {
				t.Fatal(err)
			}
			for _, p := range []vault.Purpose{vault.Journal, vault.Shared} {
				tried++
				if _, err := keys.Key(p).Open(c.Field(id, bound...), sealed); err == nil {
					opened++
				}
			}
		}
		rows.Close()
	}
	return tried, opened
}

// TestOldSecretsWithAnOldCopyOpenNothingWrittenAfterARotation copies the data file (and its
// -wal) before a passphrase change, changes it and writes; then opens the old copy with the
// old passphrase and tries every sealed value of the new file with the keys that gives.
// The same again for a new recovery kit and the old kit. None may open: the count is the
// rotation_old_secret_opens figure. The new secrets must still open everything.
func TestOldSecretsWithAnOldCopyOpenNothingWrittenAfterARotation(t *testing.T) {
	dir, oldDir, olderDir := t.TempDir(), t.TempDir(), t.TempDir()
	db := testvault.OpenStore(t, dir)
	u, kit := mustCreate(t, db, "the first passphrase")
	writeSome(t, db, u, "before any change")

	testvault.CopyDataFile(t, dir, oldDir)
	if _, err := u.SetPassphrase(ctx, db, []byte("the second passphrase"), vault.Calibrate()); err != nil {
		t.Fatal(err)
	}
	writeSome(t, db, u, "after the passphrase change")

	testvault.CopyDataFile(t, dir, olderDir)
	newKit, err := u.NewRecoveryKit(ctx, db, []byte("the second passphrase"))
	if err != nil {
		t.Fatal(err)
	}
	writeSome(t, db, u, "after the new kit")

	trials, opens := 0, 0
	try := func(what string, copyDir string, open func(*store.DB) (*vault.Unlocked, error)) {
		old := testvault.OpenStore(t, copyDir)
		keys, err := open(old)
		if err != nil {
			t.Fatalf("%s does not open its own old copy: %v", what, err)
		}
		tried, opened := openEveryRow(t, db, keys)
		trials, opens = trials+tried, opens+opened
		if opened > 0 {
			t.Errorf("%s with the old copy opened %d of %d values of the new file", what, opened, tried)
		}
		if _, err := open(db); err == nil {
			opens++
			t.Errorf("%s opens the new file", what)
		}
	}
	try("the old passphrase", oldDir, func(d *store.DB) (*vault.Unlocked, error) {
		return vault.Unlock(ctx, d, []byte("the first passphrase"))
	})
	try("the old kit", olderDir, func(d *store.DB) (*vault.Unlocked, error) { return vault.UnlockWithRecovery(ctx, d, kit.Key) })

	for what, open := range map[string]func() (*vault.Unlocked, error){
		"the new passphrase": func() (*vault.Unlocked, error) { return vault.Unlock(ctx, db, []byte("the second passphrase")) },
		"the new kit":        func() (*vault.Unlocked, error) { return vault.UnlockWithRecovery(ctx, db, newKit.Key) },
	} {
		t.Run(what, func(t *testing.T) {
			now, err := open()
			if err != nil {
				t.Fatalf("does not open: %v", err)
			}
			tried, opened := openEveryRow(t, db, now)
			if opened != tried/2 || tried == 0 {
				t.Errorf("opens %d of %d values (each is tried with both keys)", opened, tried)
			}
		})
	}
	t.Logf("rotation_old_secret_trials=%d rotation_old_secret_opens=%d", trials, opens)
	figures.Record("rotation_old_secret_trials", trials)
	figures.Record("rotation_old_secret_opens", opens)
}

// TestAPassphraseChangeKeepsTheKit: the kit's wrap goes to its public key, so a rotation
// made with the passphrase rewraps the new master key for the kit without the kit.
func TestAPassphraseChangeKeepsTheKit(t *testing.T) {
	db := testvault.OpenStore(t, t.TempDir())
	u, kit := mustCreate(t, db, "kit stays passphrase")
	writeSome(t, db, u, "kept")
	if err := vault.ConfirmRecoveryKit(ctx, db, kit.KitID); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := u.SetPassphrase(ctx, db, []byte(fmt.Sprint("kit stays passphrase ", i)), vault.Calibrate()); err != nil {
			t.Fatal(err)
		}
	}
	if s, _ := vault.ReadStatus(ctx, db); !s.RecoveryConfirmed || s.RecoveryKitID != kit.KitID {
		t.Fatalf("the kit's state changed with the passphrase: %+v", s)
	}
	r, err := vault.UnlockWithRecovery(ctx, db, kit.Key)
	if err != nil {
		t.Fatalf("the kit stopped working after passphrase changes: %v", err)
	}
	if tried, opened := openEveryRow(t, db, r); opened != tried/2 {
		t.Fatalf("the kit opens %d of %d", opened, tried)
	}
}

// TestARotationThatMeetsADamagedValueChangesNothing: a value that no longer opens stops the
// rotation whole; the old passphrase and every other value stay as they were.
func TestARotationThatMeetsADamagedValueChangesNothing(t *testing.T) {
	db := testvault.OpenStore(t, t.TempDir())
	u, _ := mustCreate(t, db, "before the damage")
	writeSome(t, db, u, "words")
	if _, err := db.SQL().Exec(`UPDATE step_states SET content = substr(content, 1, length(content) - 1)`); err != nil {
		t.Fatal(err)
	}
	if _, err := u.SetPassphrase(ctx, db, []byte("after the damage"), vault.Calibrate()); err == nil {
		t.Fatal("a rotation went through a value that does not open")
	}
	again, err := vault.Unlock(ctx, db, []byte("before the damage"))
	if err != nil {
		t.Fatalf("the old passphrase after a refused rotation: %v", err)
	}
	if _, _, err := journal.NewEntries(db).Page(ctx, again.Key(vault.Journal), 0, 10); err != nil {
		t.Fatal(err)
	}
	if _, _, err := journal.NewEntries(db).Page(ctx, u.Key(vault.Journal), 0, 10); err != nil {
		t.Fatalf("the keys in use were dropped by a refused rotation: %v", err)
	}
}
