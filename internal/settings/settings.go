// Package settings owns a person's settings that are not about anyone: today how soon
// Goldseam locks itself. The auto-lock time is sealed with the journal key (table
// sealed_settings), because anyone with the file could otherwise set it to "never"; it is
// only needed while unlocked, when the idle timer runs. A missing, damaged or altered value
// gives the default, so tampering can only ever make Goldseam lock sooner. Anything a person
// writes about themselves or their partner lives in the vault's own records instead.
package settings

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

const autoLockName = "auto_lock_minutes"

// AutoLockChoices are the idle times, in minutes, a person can choose; 0 means never.
var AutoLockChoices = []int{1, 2, 5, 10, 15, 30, 60, 0}

// DefaultAutoLockMinutes applies until the person chooses.
const DefaultAutoLockMinutes = 5

// ErrNotAChoice means a value outside AutoLockChoices.
var ErrNotAChoice = errors.New("not one of the offered choices")

func field(name string) vault.Field { return vault.SettingContent.Field(name) }

// AutoLock returns the auto-lock time; 0 means never. A value that is missing, does not
// open with key or is not one of the choices gives the default. Only a failure to read the
// file is an error.
func AutoLock(ctx context.Context, db *store.DB, key *vault.ContentKey) (time.Duration, error) {
	var sealed []byte
	err := db.SQL().QueryRowContext(ctx, `SELECT content FROM sealed_settings WHERE name = ?`, autoLockName).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultAutoLockMinutes * time.Minute, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read setting %s: %w", autoLockName, err)
	}
	minutes := DefaultAutoLockMinutes
	if plain, err := key.Open(field(autoLockName), sealed); err == nil {
		if n, err := strconv.Atoi(string(plain)); err == nil && slices.Contains(AutoLockChoices, n) {
			minutes = n
		}
	}
	return time.Duration(minutes) * time.Minute, nil
}

// SetAutoLock stores the auto-lock time in minutes, which must be one of AutoLockChoices.
func SetAutoLock(ctx context.Context, db *store.DB, key *vault.ContentKey, minutes int) error {
	if !slices.Contains(AutoLockChoices, minutes) {
		return fmt.Errorf("auto-lock %d minutes: %w", minutes, ErrNotAChoice)
	}
	return db.Write(ctx, func(tx *sql.Tx) error { return put(ctx, tx, key, autoLockName, strconv.Itoa(minutes)) })
}

func put(ctx context.Context, tx *sql.Tx, key *vault.ContentKey, name, value string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sealed_settings (name, content) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET content = excluded.content`, name, key.SealString(field(name), value))
	if err != nil {
		return fmt.Errorf("save setting %s: %w", name, err)
	}
	return nil
}

// MoveOutOfTheClear seals an auto-lock time left in the clear `settings` table by an
// earlier Goldseam and removes the clear row, in one transaction, at the first unlock that
// finds one. "Never" is not carried over: anyone with the file could have written it there,
// so it becomes the default and the person can choose it again.
func MoveOutOfTheClear(ctx context.Context, db *store.DB, key *vault.ContentKey) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		var v string
		err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE name = ?`, autoLockName).Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read setting %s: %w", autoLockName, err)
		}
		var exists int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sealed_settings WHERE name = ?`, autoLockName).Scan(&exists); err != nil {
			return err
		}
		if n, err := strconv.Atoi(v); exists == 0 && err == nil && n != 0 && slices.Contains(AutoLockChoices, n) {
			if err := put(ctx, tx, key, autoLockName, v); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM settings WHERE name = ?`, autoLockName)
		return err
	})
}
