// Package vault owns Goldseam's keys: turning a passphrase (Argon2id) or a recovery key
// into the master key, the content keys under it, and sealing and opening fields with
// them (XChaCha20-Poly1305, bound to their row and field), and this copy's device identity
// (device.go). Keys never leave this package except as *ContentKey values that can only
// seal and open, and the opened identity (*device.Identity), which can only sign and agree
// keys; they are never logged.
//
// The hierarchy (see docs/security.md):
//
//	passphrase --Argon2id--> passphrase key --wraps--> master key
//	recovery key --HKDF----> recovery key   --wraps--> master key
//	master key --wraps--> journal key, shared key --seal--> fields
//	journal key --seals--> the device identity's private halves (device.go)
//
// A wrong passphrase is found by the master key's wrapping failing to open, not by a
// stored hash, and changes nothing on disk.
package vault

import (
	"context"
	"crypto/hkdf"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/store"
)

// The layouts of the vault row. Format 1 wrapped the master key for the recovery kit with a
// key derived from the kit itself; format 2 wraps it to the kit's public key (see
// recoverywrap.go), so that a rotation can rewrap for the kit without it.
const (
	legacyKeyFormat = 1
	keyFormat       = 2
)

var (
	// ErrNoVault means no vault has been made in this data folder yet.
	ErrNoVault = errors.New("no vault yet")
	// ErrExists means a vault already exists; Goldseam never makes a second one over it.
	ErrExists = errors.New("a vault already exists")
	// ErrWrongPassphrase means the passphrase or recovery key did not open the vault.
	ErrWrongPassphrase = errors.New("wrong passphrase or recovery key")
)

// Unlocked holds the content keys of an open vault. The master key is not kept: it is only
// needed to wrap content keys, and a rotation makes a new one. Wipe it to lock.
type Unlocked struct {
	vaultID string
	keys    map[Purpose]*ContentKey
	// recoveryPublic is the kit's public key, for rewrapping at a rotation; nil when the
	// vault is format 1 and was opened with the passphrase.
	recoveryPublic []byte
	// ViaRecovery is true when the vault was opened with the recovery key: the person must
	// then choose a new passphrase.
	ViaRecovery bool
}

// Key returns the content key for purpose.
func (u *Unlocked) Key(p Purpose) *ContentKey { return u.keys[p] }

// VaultID is the vault's uuid.
func (u *Unlocked) VaultID() string { return u.vaultID }

// Wipe overwrites every key this Unlocked holds. It is safe to call more than once.
func (u *Unlocked) Wipe() {
	if u == nil {
		return
	}
	wipeKeys(u.keys)
	u.keys = nil
}

func wipeKeys(keys map[Purpose]*ContentKey) {
	for _, k := range keys {
		k.wipe()
	}
}

// Status is what can be known about the vault without unlocking it.
type Status struct {
	Exists            bool
	RecoveryConfirmed bool
	RecoveryKitID     string
	// KitReplaced is true when the kit before the current one no longer works and the current
	// one is not confirmed yet (or, in a vault changed by an older Goldseam, there is none).
	KitReplaced bool
	Params      Params
}

// ReadStatus reports whether a vault exists and what state it is in.
func ReadStatus(ctx context.Context, db *store.DB) (Status, error) {
	var s Status
	err := db.SQL().QueryRowContext(ctx,
		`SELECT recovery_confirmed, recovery_kit_id, recovery_replaced, kdf_time, kdf_memory_kib, kdf_threads FROM vault WHERE id = 1`).
		Scan(&s.RecoveryConfirmed, &s.RecoveryKitID, &s.KitReplaced, &s.Params.Time, &s.Params.MemoryKiB, &s.Params.Threads)
	if errors.Is(err, sql.ErrNoRows) {
		return Status{}, nil
	}
	if err != nil {
		return Status{}, fmt.Errorf("read vault status: %w", err)
	}
	s.Exists = true
	return s, nil
}

// ExistsAt reports whether the data file at path holds a vault, reading it without changing
// it (store.OpenReadOnly); a missing file holds none.
func ExistsAt(ctx context.Context, path string) (bool, error) {
	db, err := store.OpenReadOnly(ctx, path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer db.SQL().Close() // read only: nothing to checkpoint
	st, err := ReadStatus(ctx, db)
	return st.Exists, err
}

// RecoveryKit is what the person keeps on paper.
type RecoveryKit struct {
	Key       RecoveryKey
	KitID     string
	CreatedAt time.Time
}

// Create makes a new vault protected by passphrase, with params from Calibrate.
// It returns the vault open and the recovery kit to show once.
func Create(ctx context.Context, db *store.DB, passphrase []byte, params Params) (*Unlocked, RecoveryKit, error) {
	if err := params.check(); err != nil {
		return nil, RecoveryKit{}, err
	}
	vaultID := uuid.NewString()
	now := db.Now()
	kit := RecoveryKit{Key: newRecoveryKey(), KitID: newKitID(), CreatedAt: now}
	pub, err := recoveryPublic(kit.Key, vaultID)
	if err != nil {
		kit.Key.Wipe()
		return nil, RecoveryKit{}, fmt.Errorf("create vault: %w", err)
	}
	salt := randomBytes(saltSize)
	kek := derive(passphrase, salt, params)
	defer wipe(kek)
	ring := keyring{salt: salt, params: params, kek: kek, kitID: kit.KitID, recoveryPublic: pub}
	master := randomBytes(keySize)
	defer wipe(master)
	var keys map[Purpose]*ContentKey
	err = db.Write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM vault`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrExists
		}
		ts := store.Timestamp(now)
		// The row is made with its dates; keyring.write, the one place that writes key
		// material, fills in the rest.
		if _, err := tx.ExecContext(ctx, `INSERT INTO vault (id, vault_id, format, kdf_salt, kdf_time, kdf_memory_kib,
			kdf_threads, passphrase_wrap, recovery_wrap, recovery_kit_id, recovery_confirmed, created_at,
			passphrase_changed_at, recovery_created_at) VALUES (1, ?, 0, x'', 0, 0, 0, x'', x'', '', 0, ?, ?, ?)`,
			vaultID, ts, ts, ts); err != nil {
			return err
		}
		if err := ring.write(ctx, tx, vaultID, master); err != nil {
			return err
		}
		if keys, err = newContentKeys(ctx, tx, vaultID, master, ts); err != nil {
			return err
		}
		return storeNewDevice(ctx, tx, keys[Journal], ts)
	})
	if err != nil {
		wipeKeys(keys)
		kit.Key.Wipe()
		if errors.Is(err, ErrExists) {
			return nil, RecoveryKit{}, err
		}
		return nil, RecoveryKit{}, fmt.Errorf("create vault: %w", err)
	}
	return &Unlocked{vaultID: vaultID, keys: keys, recoveryPublic: pub}, kit, nil
}

// vaultRow is the stored key material.
type vaultRow struct {
	vaultID        string
	format         int
	salt           []byte
	params         Params
	passphraseWrap []byte
	recoveryWrap   []byte
	recoveryPublic []byte // nil in format 1
	kitID          string
}

func readVault(ctx context.Context, db *store.DB) (vaultRow, error) {
	var r vaultRow
	err := db.SQL().QueryRowContext(ctx, `SELECT vault_id, format, kdf_salt, kdf_time, kdf_memory_kib, kdf_threads,
		passphrase_wrap, recovery_wrap, recovery_public, recovery_kit_id FROM vault WHERE id = 1`).
		Scan(&r.vaultID, &r.format, &r.salt, &r.params.Time, &r.params.MemoryKiB, &r.params.Threads,
			&r.passphraseWrap, &r.recoveryWrap, &r.recoveryPublic, &r.kitID)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNoVault
	}
	if err != nil {
		return r, fmt.Errorf("read vault: %w", err)
	}
	if r.format != keyFormat && r.format != legacyKeyFormat || (r.format == keyFormat) != (r.recoveryPublic != nil) {
		return r, fmt.Errorf("read vault: unknown key format %d", r.format)
	}
	if err := r.params.check(); err != nil {
		return r, err
	}
	return r, nil
}

// Unlock opens the vault with its passphrase. A wrong passphrase returns
// ErrWrongPassphrase and writes nothing.
func Unlock(ctx context.Context, db *store.DB, passphrase []byte) (*Unlocked, error) {
	row, err := readVault(ctx, db)
	if err != nil {
		return nil, err
	}
	kek := derive(passphrase, row.salt, row.params)
	defer wipe(kek)
	// Argon2 just used up to 256 MiB; hand it back now rather than at the next GC.
	master, err := openKey(kek, row.passphraseWrap, passphraseAD(row.vaultID, row.params))
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	return finishUnlock(ctx, db, row, master, row.recoveryPublic)
}

// UnlockWithRecovery opens the vault with the recovery key from the kit.
func UnlockWithRecovery(ctx context.Context, db *store.DB, key RecoveryKey) (*Unlocked, error) {
	row, err := readVault(ctx, db)
	if err != nil {
		return nil, err
	}
	var master []byte
	if row.format == legacyKeyFormat {
		kek := recoveryWrappingKey(key, row.vaultID)
		master, err = openKey(kek, row.recoveryWrap, recoveryAD(row.vaultID, row.kitID, legacyKeyFormat))
		wipe(kek)
	} else {
		master, err = unwrapWithRecovery(key, row.vaultID, row.recoveryWrap, recoveryAD(row.vaultID, row.kitID, keyFormat))
	}
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	// The kit is in hand: a format 1 vault learns its public key here, so the passphrase
	// the person now chooses can be set without retiring the kit.
	pub, err := recoveryPublic(key, row.vaultID)
	if err != nil {
		wipe(master)
		return nil, err
	}
	u, err := finishUnlock(ctx, db, row, master, pub)
	if err != nil {
		return nil, err
	}
	u.ViaRecovery = true
	return u, nil
}

// finishUnlock opens the content keys with master, moves a vault from before field format 2
// onto new keys (see migrateLegacy), and forgets master.
func finishUnlock(ctx context.Context, db *store.DB, row vaultRow, master, pub []byte) (*Unlocked, error) {
	defer wipe(master)
	u, err := openContentKeys(ctx, db, row.vaultID, master)
	if err != nil {
		return nil, err
	}
	u.recoveryPublic = pub
	// A failed move (a value that no longer opens, a full disk) is rolled back whole and must
	// not keep the person out: the legacy keys still open both formats, and the next unlock
	// tries again.
	_ = u.migrateLegacy(ctx, db, master)
	// A vault from before device identities gets its own now, once. A failure is no reason
	// to keep the person out either: the shared space refuses to write until the next
	// unlock makes it (space.Write), everything else works.
	_ = u.ensureDevice(ctx, db)
	return u, nil
}

// Verify checks a passphrase without keeping anything open, for re-asking it before a
// sensitive change.
func Verify(ctx context.Context, db *store.DB, passphrase []byte) error {
	u, err := Unlock(ctx, db, passphrase)
	if err != nil {
		return err
	}
	u.Wipe()
	return nil
}

// openContentKeys unwraps every content key with master. A key wrapped before field
// format 2 (its wrapping binds content-key format 1) is marked legacy. Two keys for one
// purpose mean rows were added to the file: refused.
func openContentKeys(ctx context.Context, db *store.DB, vaultID string, master []byte) (*Unlocked, error) {
	u := &Unlocked{vaultID: vaultID, keys: map[Purpose]*ContentKey{}}
	rows, err := db.SQL().QueryContext(ctx, `SELECT key_id, purpose, wrapped FROM content_keys`)
	if err != nil {
		return nil, fmt.Errorf("read content keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, purpose string
		var wrapped []byte
		if err := rows.Scan(&id, &purpose, &wrapped); err != nil {
			u.Wipe()
			return nil, fmt.Errorf("read content keys: %w", err)
		}
		ck, err := openContentKey(vaultID, id, Purpose(purpose), wrapped, master)
		if err == nil && u.keys[ck.purpose] != nil {
			ck.wipe()
			err = errors.New("two keys for one purpose")
		}
		if err != nil {
			u.Wipe()
			return nil, fmt.Errorf("content key %s: %w", purpose, err)
		}
		u.keys[ck.purpose] = ck
	}
	if err := rows.Err(); err != nil {
		u.Wipe()
		return nil, fmt.Errorf("read content keys: %w", err)
	}
	if u.keys[Journal] == nil || u.keys[Shared] == nil {
		u.Wipe()
		return nil, errors.New("vault is missing a content key")
	}
	return u, nil
}

func openContentKey(vaultID, id string, p Purpose, wrapped, master []byte) (*ContentKey, error) {
	parsed, err := uuid.Parse(id)
	if err != nil {
		return nil, fmt.Errorf("content key id: %w", err)
	}
	legacy := false
	key, err := openKey(master, wrapped, contentKeyAD(vaultID, id, p, contentKeyFormat))
	if err != nil {
		legacy = true
		if key, err = openKey(master, wrapped, contentKeyAD(vaultID, id, p, legacyContentKeyFormat)); err != nil {
			return nil, err
		}
	}
	return newContentKey(parsed, p, vaultID, key, legacy)
}

// ConfirmRecoveryKit records that the person typed part of kit kitID back.
func ConfirmRecoveryKit(ctx context.Context, db *store.DB, kitID string) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE vault SET recovery_confirmed = 1, recovery_replaced = 0 WHERE id = 1 AND recovery_kit_id = ?`, kitID)
		if err != nil {
			return fmt.Errorf("confirm recovery kit: %w", err)
		}
		return oneRow(res, "confirm recovery kit")
	})
}

func oneRow(res sql.Result, what string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if n != 1 {
		return fmt.Errorf("%s: the vault changed underneath", what)
	}
	return nil
}

// recoveryWrappingKey stretches the recovery key with HKDF: it already holds 160 random
// bits, so a slow KDF would add waiting, not safety.
func recoveryWrappingKey(key RecoveryKey, vaultID string) []byte {
	out, err := hkdf.Key(sha256.New, key.raw, []byte(vaultID), "goldseam recovery key v1", keySize)
	if err != nil {
		panic("vault: hkdf: " + err.Error())
	}
	return out
}

func passphraseAD(vaultID string, p Params) []byte {
	return ad("goldseam/wrap/passphrase", "1", vaultID, fmt.Sprintf("argon2id t=%d m=%d p=%d", p.Time, p.MemoryKiB, p.Threads))
}

func recoveryAD(vaultID, kitID string, format int) []byte {
	return ad("goldseam/wrap/recovery", fmt.Sprint(format), vaultID, kitID)
}

// Content keys wrapped with format 2 in their associated data open only format 2 fields.
const (
	legacyContentKeyFormat = 1
	contentKeyFormat       = 2
)

func contentKeyAD(vaultID, keyID string, p Purpose, format int) []byte {
	return ad("goldseam/wrap/content", fmt.Sprint(format), vaultID, keyID, string(p))
}

// newKitID names a kit with four characters people can read aloud.
func newKitID() string {
	return strings.ToUpper(encode32(randomBytes(3))[:4])
}
