package api

import (
	"context"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/vault"
)

// The backup service and the session: what a backup call does while, or because,
// Goldseam is locked.

// unlocked reports whether Goldseam is open; the window's backup calls check it before
// they open or decrypt anything.
func (b *Backup) unlocked() bool {
	return b.db != nil && b.session != nil && b.session.Unlocked()
}

// inVault runs fn under the session's keys with a context that ends as soon as a lock
// begins, so a lock never waits for a long export or restore: fn stops, and what it
// returns is then errStoppedByLock. It hands back what fn made; like withKey, it is a
// function because Go methods cannot take type parameters.
func inVault[T any](b *Backup, fn func(ctx context.Context, u *vault.Unlocked) (T, error)) (T, error) {
	var out T
	if b.db == nil {
		return out, session.ErrLocked
	}
	err := b.session.WithKeys(func(u *vault.Unlocked) error {
		ctx := b.session.Context()
		var err error
		out, err = fn(ctx, u)
		if err != nil && ctx.Err() != nil {
			return errStoppedByLock
		}
		return err
	})
	return out, err
}

// withVault is inVault for work that makes nothing but an error.
func (b *Backup) withVault(fn func(ctx context.Context, u *vault.Unlocked) error) error {
	_, err := inVault(b, func(ctx context.Context, u *vault.Unlocked) (struct{}, error) {
		return struct{}{}, fn(ctx, u)
	})
	return err
}

// errStoppedByLock is what an export or restore cut short by a lock says: the export's
// temporary file is gone, the restore's transaction rolled back.
var errStoppedByLock = apperr.New(apperr.Locked, "The backup was stopped because Goldseam locked. Nothing was saved or changed; you can start it again once Goldseam is unlocked.")
