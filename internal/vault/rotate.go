package vault

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/store"
)

// keyring is what the vault row says about how the master key is wrapped.
type keyring struct {
	salt   []byte
	params Params
	kek    []byte // the passphrase key
	kitID  string
	// recoveryPublic is the kit's public key; a rotation always writes key format 2, so a
	// format 1 vault opened with the passphrase gets a new kit first (replacementKit).
	recoveryPublic []byte
}

// write wraps master under the passphrase key and for the kit, and stores both in the vault
// row inside tx.
func (r keyring) write(ctx context.Context, tx *sql.Tx, vaultID string, master []byte) error {
	recoveryWrap, err := wrapForRecovery(r.recoveryPublic, master, recoveryAD(vaultID, r.kitID, keyFormat))
	if err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE vault SET format = ?, kdf_salt = ?, kdf_time = ?, kdf_memory_kib = ?,
		kdf_threads = ?, passphrase_wrap = ?, recovery_wrap = ?, recovery_public = ?, recovery_kit_id = ? WHERE id = 1 AND vault_id = ?`,
		keyFormat, r.salt, r.params.Time, r.params.MemoryKiB, r.params.Threads,
		sealKey(r.kek, master, passphraseAD(vaultID, r.params)), recoveryWrap, r.recoveryPublic, r.kitID, vaultID)
	if err != nil {
		return fmt.Errorf("write key wraps: %w", err)
	}
	return oneRow(res, "write key wraps")
}

// newContentKeys replaces every content key by a new one per purpose, wrapped by master,
// inside tx.
func newContentKeys(ctx context.Context, tx *sql.Tx, vaultID string, master []byte, ts string) (map[Purpose]*ContentKey, error) {
	if _, err := tx.ExecContext(ctx, `DELETE FROM content_keys`); err != nil {
		return nil, fmt.Errorf("retire content keys: %w", err)
	}
	keys := map[Purpose]*ContentKey{}
	for _, p := range []Purpose{Journal, Shared} {
		id := uuid.New()
		key := randomBytes(keySize)
		if _, err := tx.ExecContext(ctx, `INSERT INTO content_keys (key_id, purpose, wrapped, created_at) VALUES (?, ?, ?, ?)`,
			id.String(), string(p), sealKey(master, key, contentKeyAD(vaultID, id.String(), p, contentKeyFormat)), ts); err != nil {
			wipe(key)
			wipeKeys(keys)
			return nil, fmt.Errorf("store content key: %w", err)
		}
		ck, err := newContentKey(id, p, vaultID, key, false)
		if err != nil {
			wipeKeys(keys)
			return nil, err
		}
		keys[p] = ck
	}
	return keys, nil
}

// rotate makes a new master key and new content keys, wraps them as ring says, and reseals
// every sealed value of every row under the new keys, all in one transaction: a crash
// leaves the old keys and values or the new ones, never a mix. touch, when given, records
// the change's time in the vault row in the same transaction.
func (u *Unlocked) rotate(ctx context.Context, db *store.DB, ring keyring, touch func(*sql.Tx) error) error {
	master := randomBytes(keySize)
	defer wipe(master)
	var keys map[Purpose]*ContentKey
	err := db.Write(ctx, func(tx *sql.Tx) error {
		if err := ring.write(ctx, tx, u.vaultID, master); err != nil {
			return err
		}
		var err error
		if keys, err = newContentKeys(ctx, tx, u.vaultID, master, store.Timestamp(db.Now())); err != nil {
			return err
		}
		if _, err := resealAll(ctx, tx, u.keys, keys); err != nil {
			return err
		}
		if touch != nil {
			return touch(tx)
		}
		return nil
	})
	if err != nil {
		wipeKeys(keys)
		return err
	}
	wipeKeys(u.keys)
	u.keys, u.recoveryPublic = keys, ring.recoveryPublic
	return nil
}

// migrateLegacy moves a vault whose content keys predate field format 2 onto new content
// keys under the same master key, resealing every value (format 1 or 2) in format 2, in one
// transaction; a crash leaves it to the next unlock. Afterwards no key opens format 1, so
// an old copy's values cannot be put back into the file. Nothing happens when no key is
// legacy.
func (u *Unlocked) migrateLegacy(ctx context.Context, db *store.DB, master []byte) error {
	legacy := false
	for _, k := range u.keys {
		legacy = legacy || k.legacy
	}
	if !legacy {
		return nil
	}
	var keys map[Purpose]*ContentKey
	err := db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if keys, err = newContentKeys(ctx, tx, u.vaultID, master, store.Timestamp(db.Now())); err != nil {
			return err
		}
		_, err = resealAll(ctx, tx, u.keys, keys)
		return err
	})
	if err != nil {
		wipeKeys(keys)
		return fmt.Errorf("move to field format 2: %w", err)
	}
	wipeKeys(u.keys)
	u.keys = keys
	return nil
}

// KeepsKit reports whether a passphrase change keeps the recovery kit working. It is false
// for a format 1 vault opened with the passphrase: the kit's public key was never learnt,
// so the change has to replace the kit (see SetPassphrase).
func (u *Unlocked) KeepsKit() bool { return u.recoveryPublic != nil }

// SetPassphrase sets a new passphrase and rotates every key (see rotate): the old
// passphrase, with any earlier copy of the file, opens nothing written after the change.
// The recovery kit keeps working, except when KeepsKit is false: then the old kit cannot be
// reached, so a new kit is made in the same transaction and returned (nil otherwise), to be
// shown and confirmed like any new kit. There is never a moment without a working kit.
func (u *Unlocked) SetPassphrase(ctx context.Context, db *store.DB, passphrase []byte, params Params) (*RecoveryKit, error) {
	if err := params.check(); err != nil {
		return nil, err
	}
	status, err := readVault(ctx, db)
	if err != nil {
		return nil, err
	}
	salt := randomBytes(saltSize)
	kek := derive(passphrase, salt, params)
	defer wipe(kek)
	ring := keyring{salt: salt, params: params, kek: kek, kitID: status.kitID, recoveryPublic: u.recoveryPublic}
	var kit *RecoveryKit
	if !u.KeepsKit() {
		if kit, err = u.replacementKit(db, &ring); err != nil {
			return nil, fmt.Errorf("set passphrase: %w", err)
		}
	}
	err = u.rotate(ctx, db, ring, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE vault SET passphrase_changed_at = ? WHERE id = 1`, store.Timestamp(db.Now())); err != nil {
			return err
		}
		if kit != nil {
			return kitReplaced(ctx, tx, kit.CreatedAt)
		}
		return nil
	})
	if err != nil {
		if kit != nil {
			kit.Key.Wipe()
		}
		return nil, fmt.Errorf("set passphrase: %w", err)
	}
	return kit, nil
}

// replacementKit makes a new kit and points ring at it.
func (u *Unlocked) replacementKit(db *store.DB, ring *keyring) (*RecoveryKit, error) {
	kit := RecoveryKit{Key: newRecoveryKey(), KitID: newKitID(), CreatedAt: db.Now()}
	pub, err := recoveryPublic(kit.Key, u.vaultID)
	if err != nil {
		kit.Key.Wipe()
		return nil, err
	}
	ring.kitID, ring.recoveryPublic = kit.KitID, pub
	return &kit, nil
}

// kitReplaced records, inside tx, that a new kit made at created took the place of one that
// no longer works: it is unconfirmed until the person types part of it back.
func kitReplaced(ctx context.Context, tx *sql.Tx, created time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE vault SET recovery_confirmed = 0, recovery_replaced = 1, recovery_created_at = ? WHERE id = 1`,
		store.Timestamp(created))
	return err
}

// NewRecoveryKit makes a new recovery kit and rotates every key (see rotate): the old kit
// stops working in the same transaction, and with an earlier copy of the file it opens
// nothing written afterwards. The current passphrase is needed to wrap the new master key;
// a wrong one returns ErrWrongPassphrase and changes nothing.
func (u *Unlocked) NewRecoveryKit(ctx context.Context, db *store.DB, passphrase []byte) (RecoveryKit, error) {
	row, err := readVault(ctx, db)
	if err != nil {
		return RecoveryKit{}, err
	}
	kek := derive(passphrase, row.salt, row.params)
	defer wipe(kek)
	current, err := openKey(kek, row.passphraseWrap, passphraseAD(row.vaultID, row.params))
	if err != nil {
		return RecoveryKit{}, ErrWrongPassphrase
	}
	wipe(current)
	ring := keyring{salt: row.salt, params: row.params, kek: kek}
	kit, err := u.replacementKit(db, &ring)
	if err == nil {
		err = u.rotate(ctx, db, ring, func(tx *sql.Tx) error { return kitReplaced(ctx, tx, kit.CreatedAt) })
		if err != nil {
			kit.Key.Wipe()
		}
	}
	if err != nil {
		return RecoveryKit{}, fmt.Errorf("new recovery kit: %w", err)
	}
	return *kit, nil
}
