package settings_test

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/settings"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	os.Exit(m.Run())
}

var ctx = context.Background()

func autoLock(t *testing.T, db *store.DB, key *vault.ContentKey) time.Duration {
	t.Helper()
	got, err := settings.AutoLock(ctx, db, key)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestAutoLockDefaultsToFiveMinutes(t *testing.T) {
	db, key := testvault.OpenKey(t, vault.Journal)
	if got := autoLock(t, db, key); got != 5*time.Minute {
		t.Fatalf("got %v; want 5m", got)
	}
}

func TestAutoLockIsKeptSealedAcrossReopen(t *testing.T) {
	dir := t.TempDir()
	db, u := testvault.OpenIn(t, dir)
	key := u.Key(vault.Journal)
	for _, m := range []int{0, 15} {
		if err := settings.SetAutoLock(ctx, db, key, m); err != nil {
			t.Fatal(err)
		}
	}
	var clear int
	db.SQL().QueryRow(`SELECT count(*) FROM settings`).Scan(&clear)
	var sealed []byte
	db.SQL().QueryRow(`SELECT content FROM sealed_settings WHERE name = 'auto_lock_minutes'`).Scan(&sealed)
	if clear != 0 || len(sealed) < 1024 {
		t.Fatalf("the setting is not sealed: %d clear rows, %d sealed bytes", clear, len(sealed))
	}
	db.Close()
	again, err := store.Open(ctx, testvault.Path(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got := autoLock(t, again, key); got != 15*time.Minute {
		t.Fatalf("got %v after reopening; want 15m", got)
	}
}

func TestAutoLockRefusesOddValues(t *testing.T) {
	db, key := testvault.OpenKey(t, vault.Journal)
	for _, bad := range []int{-1, 3, 7, 61, 1440} {
		if err := settings.SetAutoLock(ctx, db, key, bad); !errors.Is(err, settings.ErrNotAChoice) {
			t.Errorf("SetAutoLock(%d) = %v, want ErrNotAChoice", bad, err)
		}
	}
}

// TestAnAlteredAutoLockGivesTheDefaultNeverNever alters the sealed value with plain SQL in
// every way someone with the file could short of putting back an older sealed value of the
// same row (a rollback, which docs/security.md lists as not detected): a flipped byte
// anywhere, the clear text "0", a truncation, another setting's sealed "never", another
// vault's sealed "never". Each must read as the default, never as "never".
func TestAnAlteredAutoLockGivesTheDefaultNeverNever(t *testing.T) {
	db, key := testvault.OpenKey(t, vault.Journal)
	_, otherKey := testvault.OpenKey(t, vault.Journal)
	if err := settings.SetAutoLock(ctx, db, key, 0); err != nil {
		t.Fatal(err)
	}
	var never []byte
	db.SQL().QueryRow(`SELECT content FROM sealed_settings`).Scan(&never)
	var alterations [][]byte
	for i := range never {
		bad := append([]byte{}, never...)
		bad[i] ^= 0x01
		alterations = append(alterations, bad)
	}
	alterations = append(alterations, []byte("0"), never[:len(never)/2], []byte{},
		key.SealString(vault.SettingContent.Field("some_other_setting"), "0"),
		otherKey.SealString(vault.SettingContent.Field("auto_lock_minutes"), "0"),
		key.SealString(vault.SettingContent.Field("auto_lock_minutes"), "never"),
		key.SealString(vault.SettingContent.Field("auto_lock_minutes"), "7"))
	neverGiven := 0
	for _, bad := range alterations {
		if _, err := db.SQL().Exec(`UPDATE sealed_settings SET content = ?`, bad); err != nil {
			t.Fatal(err)
		}
		if got := autoLock(t, db, key); got != 5*time.Minute {
			neverGiven++
			t.Errorf("an altered value read as %v", got)
		}
	}
	if _, err := db.SQL().Exec(`DELETE FROM sealed_settings`); err != nil {
		t.Fatal(err)
	}
	if got := autoLock(t, db, key); got != 5*time.Minute {
		t.Errorf("a deleted value read as %v", got)
	}
	t.Logf("%d alterations, %d not read as the default", len(alterations), neverGiven)
}

// TestTheClearAutoLockIsMovedAndRemoved: an earlier Goldseam kept the time in the clear
// settings table. The first unlock seals it and removes the clear row; a clear "never"
// (which anyone could have written) becomes the default.
func TestTheClearAutoLockIsMovedAndRemoved(t *testing.T) {
	for clear, want := range map[string]time.Duration{"15": 15 * time.Minute, "0": 5 * time.Minute, "banana": 5 * time.Minute} {
		t.Run(clear, func(t *testing.T) {
			db, key := testvault.OpenKey(t, vault.Journal)
			if _, err := db.SQL().Exec(`INSERT INTO settings (name, value) VALUES ('auto_lock_minutes', ?)`, clear); err != nil {
				t.Fatal(err)
			}
			if err := settings.MoveOutOfTheClear(ctx, db, key); err != nil {
				t.Fatal(err)
			}
			var left int
			if err := db.SQL().QueryRow(`SELECT count(*) FROM settings`).Scan(&left); err != nil {
				t.Fatal(err)
			}
			if got := autoLock(t, db, key); got != want || left != 0 {
				t.Errorf("got %v with %d clear rows left; want %v and none", got, left, want)
			}
		})
	}
}
