package vault_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	os.Exit(m.Run())
}

var ctx = context.Background()

func mustCreate(tb testing.TB, db *store.DB, pass string) (*vault.Unlocked, vault.RecoveryKit) {
	tb.Helper()
	u, kit, err := vault.Create(ctx, db, []byte(pass), vault.Calibrate())
	if err != nil {
		tb.Fatal(err)
	}
	return u, kit
}

func TestCreateThenUnlockOpensTheSameKeys(t *testing.T) {
	db := testvault.OpenStore(t, t.TempDir())
	u, _ := mustCreate(t, db, "correct horse battery staple")
	field := vault.Field{Table: "entries", Row: "r1", Column: "body"}
	sealed := u.Key(vault.Journal).SealString(field, "a private sentence")
	u.Wipe()

	again, err := vault.Unlock(ctx, db, []byte("correct horse battery staple"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := again.Key(vault.Journal).OpenString(field, sealed)
	if err != nil || got != "a private sentence" {
		t.Fatalf("got %q, %v", got, err)
	}
	if again.ViaRecovery {
		t.Fatal("a passphrase unlock says it came through recovery")
	}
}

func TestASecondVaultIsRefused(t *testing.T) {
	db := testvault.OpenStore(t, t.TempDir())
	mustCreate(t, db, "first passphrase here")
	if _, _, err := vault.Create(ctx, db, []byte("second passphrase"), vault.Calibrate()); !errors.Is(err, vault.ErrExists) {
		t.Fatalf("got %v, want ErrExists", err)
	}
	if _, err := vault.Unlock(ctx, db, []byte("first passphrase here")); err != nil {
		t.Fatalf("the first vault no longer opens: %v", err)
	}
}

func TestUnlockWithoutAVault(t *testing.T) {
	db := testvault.OpenStore(t, t.TempDir())
	if _, err := vault.Unlock(ctx, db, []byte("anything")); !errors.Is(err, vault.ErrNoVault) {
		t.Fatalf("got %v, want ErrNoVault", err)
	}
	if s, err := vault.ReadStatus(ctx, db); err != nil || s.Exists {
		t.Fatalf("status %+v, %v", s, err)
	}
}

func hashFolder(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = sha256.Sum256(data)
	}
	return out
}

// TestWrongPassphraseChangesNothingOnDisk opens the vault's files fresh, tries wrong
// passphrases many times, closes, and compares every file byte for byte.
func TestWrongPassphraseChangesNothingOnDisk(t *testing.T) {
	dir := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	u, _, err := vault.Create(ctx, db, []byte("the right one"), vault.Calibrate())
	if err != nil {
		t.Fatal(err)
	}
	u.Wipe()
	db.Close()
	before := hashFolder(t, dir)

	db, err = store.Open(ctx, filepath.Join(dir, store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	for _, wrong := range []string{"the right on", "The right one", "the right one ", "", "x", "the right one\x00"} {
		for i := 0; i < 20; i++ {
			if _, err := vault.Unlock(ctx, db, []byte(wrong)); !errors.Is(err, vault.ErrWrongPassphrase) {
				t.Fatalf("%q: got %v, want ErrWrongPassphrase", wrong, err)
			}
		}
	}
	db.Close()
	after := hashFolder(t, dir)
	if len(before) != len(after) {
		t.Fatalf("files before %v, after %v", keys(before), keys(after))
	}
	for name, h := range before {
		if after[name] != h {
			t.Errorf("%s changed after wrong passphrases", name)
		}
	}
}

func keys(m map[string][32]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestPassphraseIsUnicodeNormalised(t *testing.T) {
	db := testvault.OpenStore(t, t.TempDir())
	composed := "caf\u00e9 au lait, s'il vous pla\u00eet"
	decomposed := "cafe\u0301 au lait, s'il vous plai\u0302t"
	mustCreate(t, db, composed)
	if _, err := vault.Unlock(ctx, db, []byte(decomposed)); err != nil {
		t.Fatalf("the same words typed another way did not open the vault: %v", err)
	}
}

func TestRecoveryKeyOpensAndANewPassphraseCanBeSet(t *testing.T) {
	db := testvault.OpenStore(t, t.TempDir())
	u, kit := mustCreate(t, db, "forgotten passphrase")
	field := vault.Field{Table: "t", Row: "1", Column: "c"}
	sealed := u.Key(vault.Shared).SealString(field, "shared words")
	u.Wipe()

	typed := kit.Key.String()
	key, err := vault.ParseRecoveryKey(typed)
	if err != nil {
		t.Fatal(err)
	}
	r, err := vault.UnlockWithRecovery(ctx, db, key)
	if err != nil {
		t.Fatal(err)
	}
	if !r.ViaRecovery {
		t.Fatal("recovery unlock not marked as such")
	}
	if got, err := r.Key(vault.Shared).OpenString(field, sealed); err != nil || got != "shared words" {
		t.Fatalf("got %q %v", got, err)
	}
	if _, err := r.SetPassphrase(ctx, db, []byte("a brand new passphrase"), vault.Calibrate()); err != nil {
		t.Fatal(err)
	}
	if _, err := vault.Unlock(ctx, db, []byte("forgotten passphrase")); !errors.Is(err, vault.ErrWrongPassphrase) {
		t.Fatalf("the old passphrase still opens: %v", err)
	}
	if _, err := vault.Unlock(ctx, db, []byte("a brand new passphrase")); err != nil {
		t.Fatal(err)
	}
	if _, err := vault.UnlockWithRecovery(ctx, db, key); err != nil {
		t.Fatalf("the recovery key stopped working after a passphrase change: %v", err)
	}
}

func TestANewRecoveryKitRetiresTheOldOne(t *testing.T) {
	db := testvault.OpenStore(t, t.TempDir())
	u, old := mustCreate(t, db, "some passphrase")
	if _, err := u.NewRecoveryKit(ctx, db, []byte("not the passphrase")); !errors.Is(err, vault.ErrWrongPassphrase) {
		t.Fatalf("a wrong passphrase made a new kit: %v", err)
	}
	fresh, err := u.NewRecoveryKit(ctx, db, []byte("some passphrase"))
	if err != nil {
		t.Fatal(err)
	}
	if fresh.KitID == old.KitID && fresh.Key.String() == old.Key.String() {
		t.Fatal("the new kit is the old one")
	}
	if _, err := vault.UnlockWithRecovery(ctx, db, old.Key); !errors.Is(err, vault.ErrWrongPassphrase) {
		t.Fatalf("the old kit still opens: %v", err)
	}
	if _, err := vault.UnlockWithRecovery(ctx, db, fresh.Key); err != nil {
		t.Fatal(err)
	}
	s, _ := vault.ReadStatus(ctx, db)
	if s.RecoveryConfirmed || s.RecoveryKitID != fresh.KitID {
		t.Fatalf("status %+v", s)
	}
	if err := vault.ConfirmRecoveryKit(ctx, db, old.KitID); err == nil {
		t.Fatal("confirming a retired kit succeeded")
	}
	if err := vault.ConfirmRecoveryKit(ctx, db, fresh.KitID); err != nil {
		t.Fatal(err)
	}
	if s, _ := vault.ReadStatus(ctx, db); !s.RecoveryConfirmed {
		t.Fatal("confirmation not kept")
	}
}

func TestRecoveryKeyTyping(t *testing.T) {
	db := testvault.OpenStore(t, t.TempDir())
	_, kit := mustCreate(t, db, "passphrase for kit")
	printed := kit.Key.String()
	if len(printed) != 9*4+8 {
		t.Fatalf("printed key %q has the wrong shape", printed)
	}
	variants := []string{
		printed,
		string(bytes.ToLower([]byte(printed))),
		string(bytes.ReplaceAll([]byte(printed), []byte("-"), []byte(" "))),
		string(bytes.ReplaceAll([]byte(printed), []byte("-"), nil)),
		" " + printed + "\n",
	}
	for _, v := range variants {
		k, err := vault.ParseRecoveryKey(v)
		if err != nil || k.String() != printed {
			t.Errorf("%q: %v", v, err)
		}
	}
	// Letters that look like digits are read as those digits.
	lookalike := bytes.Map(func(r rune) rune {
		switch r {
		case '0':
			return 'O'
		case '1':
			return 'l'
		}
		return r
	}, []byte(printed))
	if k, err := vault.ParseRecoveryKey(string(lookalike)); err != nil || k.String() != printed {
		t.Errorf("look-alike letters: %v", err)
	}
	// Every single-character mistake in the key part is caught by the checksum.
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	compact := []byte(string(bytes.ReplaceAll([]byte(printed), []byte("-"), nil)))
	caught := 0
	for i := 0; i < 32; i++ {
		for _, c := range []byte(alphabet) {
			if c == compact[i] {
				continue
			}
			typo := append([]byte{}, compact...)
			typo[i] = c
			if _, err := vault.ParseRecoveryKey(string(typo)); errors.Is(err, vault.ErrRecoveryTypo) {
				caught++
			}
		}
	}
	if caught < 32*31-1 { // a 20-bit checksum may let one in a million through
		t.Fatalf("only %d of %d typos caught", caught, 32*31)
	}
	for _, bad := range []string{"", "ABCD", printed + "A", printed[:len(printed)-1]} {
		if _, err := vault.ParseRecoveryKey(bad); !errors.Is(err, vault.ErrRecoveryTypo) {
			t.Errorf("%q: got %v", bad, err)
		}
	}
}

func TestAnotherVaultsRecoveryKeyDoesNotOpen(t *testing.T) {
	a := testvault.OpenStore(t, t.TempDir())
	b := testvault.OpenStore(t, t.TempDir())
	mustCreate(t, a, "vault a passphrase")
	_, kitB := mustCreate(t, b, "vault b passphrase")
	if _, err := vault.UnlockWithRecovery(ctx, a, kitB.Key); !errors.Is(err, vault.ErrWrongPassphrase) {
		t.Fatalf("got %v", err)
	}
}

func TestParamsAreCappedAndFloored(t *testing.T) {
	if err := vault.CheckParams(vault.Params{Time: 3, MemoryKiB: 4 << 20, Threads: 4}); !errors.Is(err, vault.ErrParams) {
		t.Error("4 GiB accepted")
	}
	if err := vault.CheckParams(vault.Params{Time: 100, MemoryKiB: 64 << 10, Threads: 4}); !errors.Is(err, vault.ErrParams) {
		t.Error("100 passes accepted")
	}
	if err := vault.CheckParams(vault.Params{Time: 3, MemoryKiB: 64 << 10, Threads: 0}); !errors.Is(err, vault.ErrParams) {
		t.Error("zero threads accepted")
	}
	vault.SetCheapKDF(false)
	defer vault.SetCheapKDF(true)
	if err := vault.CheckParams(vault.Params{Time: 1, MemoryKiB: 64, Threads: 1}); !errors.Is(err, vault.ErrParams) {
		t.Error("test parameters accepted outside the test knob")
	}
	if err := vault.CheckParams(vault.Floor); err != nil {
		t.Errorf("the floor itself refused: %v", err)
	}
}
