package vault

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/device"
	"github.com/goldseam/goldseam/internal/store"
)

// The vault keeps this copy's device identity (internal/device) in the one row of
// device_identity: made inside Create's transaction, or at the first unlock of a vault made
// before identities existed, and never again. The private halves are DeviceSecret, sealed
// with the journal key, so every rotation reseals them with the rest.

// ErrNoDevice means the data file has no device identity yet: only a vault whose first
// unlock since the upgrade could not write one (a full disk) is in that state, until the
// next unlock makes it.
var ErrNoDevice = errors.New("no device identity yet")

// deviceRowID is the Field row of the one identity row.
const deviceRowID = "1"

// Querier is a database or a transaction, for reading the device id inside either.
type Querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// DeviceID is this copy's device id, which needs no key: it is in the clear, as every record
// it stamps says it anyway.
func DeviceID(ctx context.Context, q Querier) (string, error) {
	var id string
	err := q.QueryRowContext(ctx, `SELECT device_id FROM device_identity WHERE id = 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNoDevice
	}
	if err != nil {
		return "", fmt.Errorf("read the device id: %w", err)
	}
	return id, nil
}

// storeNewDevice makes an identity and writes it inside tx, the private halves sealed with
// key. The uuid this file stamped shared records with before, if any, is kept beside it.
func storeNewDevice(ctx context.Context, tx *sql.Tx, key *ContentKey, ts string) error {
	id, err := device.New()
	if err != nil {
		return err
	}
	defer id.Wipe()
	var legacy string
	err = tx.QueryRowContext(ctx, `SELECT device_id FROM shared_device WHERE id = 1`).Scan(&legacy)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("read the earlier device id: %w", err)
	}
	p := id.Public()
	sealed := id.SealWith(func(secret []byte) []byte { return key.Seal(deviceField(p), secret) })
	_, err = tx.ExecContext(ctx, `INSERT INTO device_identity (id, device_id, sign_public, box_public, box_signature,
		legacy_device_id, created_at, secret) VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
		p.ID, []byte(p.SignKey), p.BoxKey, p.BoxSig, legacy, ts, sealed)
	if err != nil {
		return fmt.Errorf("store the device identity: %w", err)
	}
	return nil
}

func deviceField(p device.Public) Field {
	return DeviceSecret.Field(deviceRowID, p.ID, string(p.SignKey), string(p.BoxKey), string(p.BoxSig))
}

// ensureDevice makes the identity of a vault that has none, in a transaction of its own
// that looks again inside it, so two unlocks at once still make one. A vault that has one
// is left as it is.
func (u *Unlocked) ensureDevice(ctx context.Context, db *store.DB) error {
	if _, err := DeviceID(ctx, db.SQL()); !errors.Is(err, ErrNoDevice) {
		return err
	}
	return db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := DeviceID(ctx, tx); !errors.Is(err, ErrNoDevice) {
			return err
		}
		return storeNewDevice(ctx, tx, u.keys[Journal], store.Timestamp(db.Now()))
	})
}

// ReplaceDeviceTx gives this copy a new device identity inside tx, in place of the one it
// had: for a copy of a data folder that was copied to a second computer, whose two copies
// would otherwise sign as one device. Changes signed before keep the old identity, which
// their own signatures carry; from now on this copy signs as the new one.
func (u *Unlocked) ReplaceDeviceTx(ctx context.Context, tx *sql.Tx, ts string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM device_identity WHERE id = 1`); err != nil {
		return fmt.Errorf("set aside the device identity: %w", err)
	}
	return storeNewDevice(ctx, tx, u.keys[Journal], ts)
}

// deviceTampered is what a person is told when the identity does not open.
const deviceTampered = "This computer's signing key in the data file has been changed or damaged, so Goldseam will not sign anything with it. Nothing you wrote has been changed."

// Device opens this copy's identity, to sign or to agree a key; the caller wipes it. A
// sealed half that does not open, or parts that do not belong together, are refused with
// an Unavailable error that wraps ErrTampered.
func (u *Unlocked) Device(ctx context.Context, db *store.DB) (*device.Identity, error) {
	var p device.Public
	var signKey, sealed []byte
	err := db.SQL().QueryRowContext(ctx, `SELECT device_id, sign_public, box_public, box_signature, secret
		FROM device_identity WHERE id = 1`).Scan(&p.ID, &signKey, &p.BoxKey, &p.BoxSig, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoDevice
	}
	if err != nil {
		return nil, fmt.Errorf("read the device identity: %w", err)
	}
	p.SignKey = signKey
	secret, err := u.keys[Journal].Open(deviceField(p), sealed)
	if err != nil {
		return nil, apperr.Wrap(apperr.Unavailable, deviceTampered, err)
	}
	defer clear(secret)
	id, err := device.Open(p, secret)
	if err != nil {
		return nil, apperr.Wrap(apperr.Unavailable, deviceTampered, fmt.Errorf("%w: %w", ErrTampered, err))
	}
	return id, nil
}
