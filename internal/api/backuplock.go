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

// withVault runs fn under the session's keys with a context that ends as soon as a lock
// begins, so a lock never waits for a long export or restore: fn stops, and what it
// returns is then errStoppedByLock.
func (b *Backup) withVault(fn func(ctx context.Context, u *vault.Unlocked) error) error {
	if b.db == nil {
		return session.ErrLocked
	}
	return b.session.WithKeys(func(u *vault.Unlocked) error {
		ctx := b.session.Context()
		err := fn(ctx, u)
		if err != nil && ctx.Err() != nil {
			return errStoppedByLock
		}
		return err
	})
}

// errStoppedByLock is what an export or restore cut short by a lock says: the export's
// temporary file is gone, the restore's transaction rolled back.
var errStoppedByLock = apperr.New(apperr.Locked, "The backup was stopped because Goldseam locked. Nothing was saved or changed; you can start it again once Goldseam is unlocked.")
