// Package vault owns Goldseam's keys: turning a passphrase (Argon2id) or a recovery key
// into the master key, the content keys under it, and sealing and opening fields with
// them (XChaCha20-Poly1305, bound to their row and field). Keys never leave this package
// except as *ContentKey values that can only seal and open; they are never logged.
//
// The hierarchy (see docs/security.md):
//
//	passphrase --Argon2id--> passphrase key --wraps--> master key
//	recovery key --HKDF----> recovery key   --wraps--> master key
//	master key --wraps--> journal key, shared key --seal--> fields
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
	"runtime/debug"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/store"
)

// keyFormat is the layout of the vault row and its wrappings.
const keyFormat = 1

var (
	// ErrNoVault means no vault has been made in this data folder yet.
	ErrNoVault = errors.New("no vault yet")
	// ErrExists means a vault already exists; Goldseam never makes a second one over it.
	ErrExists = errors.New("a vault already exists")
	// ErrWrongPassphrase means the passphrase or recovery key did not open the vault.
	ErrWrongPassphrase = errors.New("wrong passphrase or recovery key")
)

// Unlocked holds the keys of an open vault. Wipe it to lock.
type Unlocked struct {
	vaultID string
	master  []byte
	keys    map[Purpose]*ContentKey
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
	wipe(u.master)
	for _, k := range u.keys {
		k.wipe()
	}
	u.keys = nil
}

// Status is what can be known about the vault without unlocking it.
type Status struct {
	Exists            bool
	RecoveryConfirmed bool
	RecoveryKitID     string
	Params            Params
}

// ReadStatus reports whether a vault exists and what state it is in.
func ReadStatus(ctx context.Context, db *store.DB) (Status, error) {
	var s Status
	err := db.SQL().QueryRowContext(ctx,
		`SELECT recovery_confirmed, recovery_kit_id, kdf_time, kdf_memory_kib, kdf_threads FROM vault WHERE id = 1`).
		Scan(&s.RecoveryConfirmed, &s.RecoveryKitID, &s.Params.Time, &s.Params.MemoryKiB, &s.Params.Threads)
	if errors.Is(err, sql.ErrNoRows) {
		return Status{}, nil
	}
	if err != nil {
		return Status{}, fmt.Errorf("read vault status: %w", err)
	}
	s.Exists = true
	return s, nil
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
	u := &Unlocked{vaultID: uuid.NewString(), master: randomBytes(keySize), keys: map[Purpose]*ContentKey{}}
	now := db.Now()
	kit := RecoveryKit{Key: newRecoveryKey(), KitID: newKitID(), CreatedAt: now}
	salt := randomBytes(saltSize)
	kek := derive(passphrase, salt, params)
	defer wipe(kek)
	recoveryKEK := recoveryWrappingKey(kit.Key, u.vaultID)
	defer wipe(recoveryKEK)

	err := db.Write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM vault`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrExists
		}
		ts := store.Timestamp(now)
		if _, err := tx.ExecContext(ctx, `INSERT INTO vault (id, vault_id, format, kdf_salt, kdf_time, kdf_memory_kib,
			kdf_threads, passphrase_wrap, recovery_wrap, recovery_kit_id, recovery_confirmed, created_at,
			passphrase_changed_at, recovery_created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
			u.vaultID, keyFormat, salt, params.Time, params.MemoryKiB, params.Threads,
			sealKey(kek, u.master, passphraseAD(u.vaultID, params)),
			sealKey(recoveryKEK, u.master, recoveryAD(u.vaultID, kit.KitID)),
			kit.KitID, ts, ts, ts); err != nil {
			return err
		}
		for _, p := range []Purpose{Journal, Shared} {
			id := uuid.New()
			key := randomBytes(keySize)
			if _, err := tx.ExecContext(ctx, `INSERT INTO content_keys (key_id, purpose, wrapped, created_at) VALUES (?, ?, ?, ?)`,
				id.String(), string(p), sealKey(u.master, key, contentKeyAD(u.vaultID, id.String(), p)), ts); err != nil {
				return err
			}
			ck, err := newContentKey(id, p, u.vaultID, key)
			if err != nil {
				return err
			}
			u.keys[p] = ck
		}
		return nil
	})
	if err != nil {
		u.Wipe()
		kit.Key.Wipe()
		if errors.Is(err, ErrExists) {
			return nil, RecoveryKit{}, err
		}
		return nil, RecoveryKit{}, fmt.Errorf("create vault: %w", err)
	}
	return u, kit, nil
}

// vaultRow is the stored key material.
type vaultRow struct {
	vaultID        string
	salt           []byte
	params         Params
	passphraseWrap []byte
	recoveryWrap   []byte
	kitID          string
}

func readVault(ctx context.Context, db *store.DB) (vaultRow, error) {
	var r vaultRow
	var format int
	err := db.SQL().QueryRowContext(ctx, `SELECT vault_id, format, kdf_salt, kdf_time, kdf_memory_kib, kdf_threads,
		passphrase_wrap, recovery_wrap, recovery_kit_id FROM vault WHERE id = 1`).
		Scan(&r.vaultID, &format, &r.salt, &r.params.Time, &r.params.MemoryKiB, &r.params.Threads,
			&r.passphraseWrap, &r.recoveryWrap, &r.kitID)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNoVault
	}
	if err != nil {
		return r, fmt.Errorf("read vault: %w", err)
	}
	if format != keyFormat {
		return r, fmt.Errorf("read vault: unknown key format %d", format)
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
	defer debug.FreeOSMemory()
	master, err := openKey(kek, row.passphraseWrap, passphraseAD(row.vaultID, row.params))
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	return openContentKeys(ctx, db, row.vaultID, master)
}

// UnlockWithRecovery opens the vault with the recovery key from the kit.
func UnlockWithRecovery(ctx context.Context, db *store.DB, key RecoveryKey) (*Unlocked, error) {
	row, err := readVault(ctx, db)
	if err != nil {
		return nil, err
	}
	kek := recoveryWrappingKey(key, row.vaultID)
	defer wipe(kek)
	master, err := openKey(kek, row.recoveryWrap, recoveryAD(row.vaultID, row.kitID))
	if err != nil {
		return nil, ErrWrongPassphrase
	}
	u, err := openContentKeys(ctx, db, row.vaultID, master)
	if err != nil {
		return nil, err
	}
	u.ViaRecovery = true
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

func openContentKeys(ctx context.Context, db *store.DB, vaultID string, master []byte) (*Unlocked, error) {
	u := &Unlocked{vaultID: vaultID, master: master, keys: map[Purpose]*ContentKey{}}
	rows, err := db.SQL().QueryContext(ctx, `SELECT key_id, purpose, wrapped FROM content_keys`)
	if err != nil {
		u.Wipe()
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
		key, err := openKey(master, wrapped, contentKeyAD(vaultID, id, Purpose(purpose)))
		if err != nil {
			u.Wipe()
			return nil, fmt.Errorf("content key %s: %w", purpose, err)
		}
		parsed, err := uuid.Parse(id)
		if err != nil {
			u.Wipe()
			return nil, fmt.Errorf("content key id: %w", err)
		}
		ck, err := newContentKey(parsed, Purpose(purpose), vaultID, key)
		if err != nil {
			u.Wipe()
			return nil, err
		}
		u.keys[Purpose(purpose)] = ck
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

// SetPassphrase rewraps the master key under a new passphrase in one transaction: after a
// crash, either the old or the new passphrase opens the vault, never neither.
func (u *Unlocked) SetPassphrase(ctx context.Context, db *store.DB, passphrase []byte, params Params) error {
	if err := params.check(); err != nil {
		return err
	}
	salt := randomBytes(saltSize)
	kek := derive(passphrase, salt, params)
	defer wipe(kek)
	defer debug.FreeOSMemory()
	wrapped := sealKey(kek, u.master, passphraseAD(u.vaultID, params))
	return db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE vault SET kdf_salt = ?, kdf_time = ?, kdf_memory_kib = ?, kdf_threads = ?,
			passphrase_wrap = ?, passphrase_changed_at = ? WHERE id = 1 AND vault_id = ?`,
			salt, params.Time, params.MemoryKiB, params.Threads, wrapped, store.Timestamp(db.Now()), u.vaultID)
		if err != nil {
			return fmt.Errorf("set passphrase: %w", err)
		}
		return oneRow(res, "set passphrase")
	})
}

// NewRecoveryKit makes a new recovery key and rewraps the master key with it; the old
// kit stops working in the same transaction.
func (u *Unlocked) NewRecoveryKit(ctx context.Context, db *store.DB) (RecoveryKit, error) {
	kit := RecoveryKit{Key: newRecoveryKey(), KitID: newKitID(), CreatedAt: db.Now()}
	kek := recoveryWrappingKey(kit.Key, u.vaultID)
	defer wipe(kek)
	wrapped := sealKey(kek, u.master, recoveryAD(u.vaultID, kit.KitID))
	err := db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE vault SET recovery_wrap = ?, recovery_kit_id = ?, recovery_confirmed = 0,
			recovery_created_at = ? WHERE id = 1 AND vault_id = ?`,
			wrapped, kit.KitID, store.Timestamp(kit.CreatedAt), u.vaultID)
		if err != nil {
			return fmt.Errorf("new recovery kit: %w", err)
		}
		return oneRow(res, "new recovery kit")
	})
	if err != nil {
		kit.Key.Wipe()
		return RecoveryKit{}, err
	}
	return kit, nil
}

// ConfirmRecoveryKit records that the person typed part of kit kitID back.
func ConfirmRecoveryKit(ctx context.Context, db *store.DB, kitID string) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE vault SET recovery_confirmed = 1 WHERE id = 1 AND recovery_kit_id = ?`, kitID)
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
	return ad("goldseam/wrap/passphrase", fmt.Sprint(keyFormat), vaultID, fmt.Sprintf("argon2id t=%d m=%d p=%d", p.Time, p.MemoryKiB, p.Threads))
}

func recoveryAD(vaultID, kitID string) []byte {
	return ad("goldseam/wrap/recovery", fmt.Sprint(keyFormat), vaultID, kitID)
}

func contentKeyAD(vaultID, keyID string, p Purpose) []byte {
	return ad("goldseam/wrap/content", fmt.Sprint(keyFormat), vaultID, keyID, string(p))
}

// newKitID names a kit with four characters people can read aloud.
func newKitID() string {
	return strings.ToUpper(encode32(randomBytes(3))[:4])
}
