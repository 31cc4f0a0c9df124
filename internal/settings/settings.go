// Package settings owns the settings table: choices that are not private and must be
// readable while the vault is locked, such as how soon Goldseam locks itself. Anything a
// person writes about themselves or their partner (names, their role) is private and
// lives in the vault instead.
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
)

const autoLockName = "auto_lock_minutes"

// AutoLockChoices are the idle times, in minutes, a person can choose; 0 means never.
var AutoLockChoices = []int{1, 2, 5, 10, 15, 30, 60, 0}

// DefaultAutoLockMinutes applies until the person chooses.
const DefaultAutoLockMinutes = 5

// ErrNotAChoice means a value outside AutoLockChoices.
var ErrNotAChoice = errors.New("not one of the offered choices")

// AutoLock returns the auto-lock time; 0 means never. A missing or unreadable stored
// value gives the default, so a damaged setting can only ever make Goldseam lock sooner.
func AutoLock(ctx context.Context, db *store.DB) (time.Duration, error) {
	v, err := get(ctx, db, autoLockName)
	if err != nil {
		return 0, err
	}
	minutes, convErr := strconv.Atoi(v)
	if v == "" || convErr != nil || !slices.Contains(AutoLockChoices, minutes) {
		minutes = DefaultAutoLockMinutes
	}
	return time.Duration(minutes) * time.Minute, nil
}

// SetAutoLock stores the auto-lock time in minutes, which must be one of AutoLockChoices.
func SetAutoLock(ctx context.Context, db *store.DB, minutes int) error {
	if !slices.Contains(AutoLockChoices, minutes) {
		return fmt.Errorf("auto-lock %d minutes: %w", minutes, ErrNotAChoice)
	}
	return set(ctx, db, autoLockName, strconv.Itoa(minutes))
}

func get(ctx context.Context, db *store.DB, name string) (string, error) {
	var v string
	err := db.SQL().QueryRowContext(ctx, `SELECT value FROM settings WHERE name = ?`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read setting %s: %w", name, err)
	}
	return v, nil
}

func set(ctx context.Context, db *store.DB, name, value string) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (name, value) VALUES (?, ?)
			ON CONFLICT (name) DO UPDATE SET value = excluded.value`, name, value)
		if err != nil {
			return fmt.Errorf("save setting %s: %w", name, err)
		}
		return nil
	})
}
