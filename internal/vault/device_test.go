package vault_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"testing"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/device"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// identityOf opens u's device identity and checks it is the one the clear id names.
func identityOf(t *testing.T, db *store.DB, u *vault.Unlocked) device.Public {
	t.Helper()
	id, err := u.Device(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer id.Wipe()
	clearID, err := vault.DeviceID(ctx, db.SQL())
	p := id.Public()
	if err != nil || clearID != p.ID || device.DeriveID(p.SignKey) != p.ID || p.Check() != nil {
		t.Fatalf("clear id %q, identity %q: %v", clearID, p.ID, err)
	}
	msg := []byte("signed after opening")
	if !device.Verify(p.SignKey, msg, id.Sign(msg)) {
		t.Fatal("the opened identity does not sign with its stored public key")
	}
	return p
}

func identityRows(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM device_identity`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func sealedSecret(t *testing.T, db *store.DB) []byte {
	t.Helper()
	var s []byte
	if err := db.SQL().QueryRow(`SELECT secret FROM device_identity`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestTheIdentityIsMadeOnceAndOutlivesEveryKeyChange makes a vault, then locks and unlocks
// it, changes its passphrase, makes a new kit and opens it with the kit: the identity is the
// one Create made throughout, resealed (its sealed bytes change) by each rotation.
func TestTheIdentityIsMadeOnceAndOutlivesEveryKeyChange(t *testing.T) {
	db := testvault.OpenStore(t, t.TempDir())
	u, _ := mustCreate(t, db, "the first passphrase")
	made := identityOf(t, db, u)
	u.Wipe()
	u, err := vault.Unlock(ctx, db, []byte("the first passphrase"))
	if err != nil {
		t.Fatal(err)
	}
	if again := identityOf(t, db, u); again.ID != made.ID || !bytes.Equal(again.BoxKey, made.BoxKey) {
		t.Fatalf("an unlock made another identity: %s, was %s", again.ID, made.ID)
	}
	before := sealedSecret(t, db)
	if _, err := u.SetPassphrase(ctx, db, []byte("the second passphrase"), vault.Calibrate()); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(before, sealedSecret(t, db)) {
		t.Fatal("a passphrase change did not reseal the identity")
	}
	kit, err := u.NewRecoveryKit(ctx, db, []byte("the second passphrase"))
	if err != nil {
		t.Fatal(err)
	}
	if id := identityOf(t, db, u); id.ID != made.ID {
		t.Fatalf("after two rotations the identity is %s, was %s", id.ID, made.ID)
	}
	r, err := vault.UnlockWithRecovery(ctx, db, kit.Key)
	if err != nil {
		t.Fatal(err)
	}
	if id := identityOf(t, db, r); id.ID != made.ID || identityRows(t, db) != 1 {
		t.Fatalf("opened with the kit: %s, was %s, %d rows", id.ID, made.ID, identityRows(t, db))
	}
}

// TestAnOldVaultGetsItsIdentityAtItsFirstUnlockOnly opens the data file the previous
// Goldseam wrote (no device_identity rows: migration 0010 adds the table empty): the first
// unlock makes the identity and keeps the uuid its records were stamped with beside it;
// later unlocks, with the passphrase or the kit, keep that identity.
func TestAnOldVaultGetsItsIdentityAtItsFirstUnlockOnly(t *testing.T) {
	_, db := legacyCopy(t)
	if _, err := vault.DeviceID(ctx, db.SQL()); !errors.Is(err, vault.ErrNoDevice) {
		t.Fatalf("before its first unlock: %v", err)
	}
	u, err := vault.Unlock(ctx, db, []byte("legacy passphrase"))
	if err != nil {
		t.Fatal(err)
	}
	made := identityOf(t, db, u)
	var legacy string
	if err := db.SQL().QueryRow(`SELECT legacy_device_id FROM device_identity`).Scan(&legacy); err != nil || legacy != "9624671c-7f3a-42c9-8790-d0ceffd72eb8" {
		t.Fatalf("the earlier device id %q %v", legacy, err)
	}
	var restamped int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM shared_records WHERE device_id != ?`, legacy).Scan(&restamped); err != nil || restamped != 0 {
		t.Fatalf("%d earlier records were stamped again: %v", restamped, err)
	}
	u.Wipe()
	for range 2 {
		if u, err = vault.Unlock(ctx, db, []byte("legacy passphrase")); err != nil {
			t.Fatal(err)
		}
		if id := identityOf(t, db, u); id.ID != made.ID {
			t.Fatalf("another unlock made %s, was %s", id.ID, made.ID)
		}
	}
	r, err := vault.UnlockWithRecovery(ctx, db, legacyKit(t))
	if err != nil {
		t.Fatal(err)
	}
	if id := identityOf(t, db, r); id.ID != made.ID || identityRows(t, db) != 1 {
		t.Fatalf("opened with the kit: %s, was %s", id.ID, made.ID)
	}
}

// TestTheDeviceSecretNeverReachesTheDiskInTheClear looks for the private halves, raw and
// as hex, in every byte of the data and temp folders after lock and close.
func TestTheDeviceSecretNeverReachesTheDiskInTheClear(t *testing.T) {
	dataDir, tmpDir := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmpDir)
	db := testvault.OpenStore(t, dataDir)
	u, _ := mustCreate(t, db, "device canary passphrase")
	id, err := u.Device(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	secret := id.SealWith(func(s []byte) []byte { return bytes.Clone(s) })
	public := id.Public()
	id.Wipe()
	u.Wipe()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	seed, box := secret[:32], secret[32:]
	scanned := scanFor(t, dataDir, string(seed), string(box), hex.EncodeToString(seed), hex.EncodeToString(box))
	scanFor(t, tmpDir, string(seed), string(box))
	if scanned == 0 {
		t.Fatal("nothing was scanned")
	}
	// The scan finds what is there: the public key, stored in the clear, is found.
	if b, err := os.ReadFile(testvault.Path(dataDir)); err != nil || !bytes.Contains(b, public.SignKey) {
		t.Fatalf("the public key is not in the data file (%v): the scan cannot be trusted to find the private one", err)
	}
}

// TestATamperedIdentityIsRefused changes the stored identity in the ways someone with the
// file could: a flipped byte of the sealed halves, another vault's public key or whole row.
// Each is refused with a coded error that says the key was changed; nothing signs.
func TestATamperedIdentityIsRefused(t *testing.T) {
	other := testvault.OpenStore(t, t.TempDir())
	mustCreate(t, other, "the other vault")
	var otherRow struct {
		id                     string
		sign, box, sig, secret []byte
	}
	if err := other.SQL().QueryRow(`SELECT device_id, sign_public, box_public, box_signature, secret FROM device_identity`).
		Scan(&otherRow.id, &otherRow.sign, &otherRow.box, &otherRow.sig, &otherRow.secret); err != nil {
		t.Fatal(err)
	}
	changes := map[string]func(db *store.DB) error{
		"a flipped byte": func(db *store.DB) error {
			s := sealedSecret(t, db)
			s[len(s)/2] ^= 1
			_, err := db.SQL().Exec(`UPDATE device_identity SET secret = ?`, s)
			return err
		},
		"another vault's signing key": func(db *store.DB) error {
			_, err := db.SQL().Exec(`UPDATE device_identity SET sign_public = ?`, otherRow.sign)
			return err
		},
		"another vault's id": func(db *store.DB) error {
			_, err := db.SQL().Exec(`UPDATE device_identity SET device_id = ?`, otherRow.id)
			return err
		},
		"another vault's whole row": func(db *store.DB) error {
			_, err := db.SQL().Exec(`UPDATE device_identity SET device_id = ?, sign_public = ?, box_public = ?, box_signature = ?, secret = ?`,
				otherRow.id, otherRow.sign, otherRow.box, otherRow.sig, otherRow.secret)
			return err
		},
	}
	for name, change := range changes {
		db := testvault.OpenStore(t, t.TempDir())
		u, _ := mustCreate(t, db, "the tampered vault")
		if err := change(db); err != nil {
			t.Fatal(err)
		}
		id, err := u.Device(ctx, db)
		if id != nil || apperr.CodeOf(err) != apperr.Unavailable || !errors.Is(err, vault.ErrTampered) ||
			apperr.MessageOf(err) == "" {
			t.Errorf("%s: opened %v, %v", name, id, err)
		}
	}
}
