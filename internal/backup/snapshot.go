package backup

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/profile"
	"github.com/goldseam/goldseam/internal/progress"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Snapshot is everything a backup holds, decrypted, in memory.
type Snapshot struct {
	Entries   []journal.Entry
	Profile   *profile.Profile // nil when there is none
	ProfileAt time.Time
	States    []progress.State
	Exercises []progress.Record
	Shared    []space.Record   // tombstones included, so a deletion is restored too
	Changes   []space.Portable // the shared space's change log, opened, by clock then id
}

// Gather reads everything from the store, decrypting it with the unlocked vault's keys.
func Gather(ctx context.Context, db *store.DB, u *vault.Unlocked) (Snapshot, error) {
	var s Snapshot
	jk := u.Key(vault.Journal)
	err := journal.NewEntries(db).Each(ctx, jk, func(e journal.Entry) error {
		s.Entries = append(s.Entries, e)
		return nil
	})
	if err != nil {
		return s, fmt.Errorf("read the journal: %w", err)
	}
	p, exists, err := profile.Load(ctx, db, jk)
	if err != nil {
		return s, err
	}
	if exists {
		s.Profile = &p
		if s.ProfileAt, _, err = profile.UpdatedAt(ctx, db); err != nil {
			return s, err
		}
	}
	if s.States, s.Exercises, err = progress.New(db).Export(ctx, jk); err != nil {
		return s, err
	}
	sk := u.Key(vault.Shared)
	if s.Shared, err = space.New(db).All(ctx, sk); err != nil {
		return s, err
	}
	// Read only: no author is needed, and none is given.
	if s.Changes, err = space.NewLog(db, sk, space.Author{}).Portable(ctx); err != nil {
		return s, err
	}
	return s, nil
}

// Mode says what a restore does with what is already here.
type Mode int

const (
	// Merge adds what is new and keeps, record by record, the more recent change: restoring
	// the same backup twice creates nothing the second time.
	Merge Mode = iota
	// Replace makes the store exactly what the backup holds.
	Replace
)

// Result counts what a restore changed.
type Result struct {
	EntriesAdded, EntriesUpdated int
	ProgressChanged              int
	ProfileRestored              bool
	SharedAdded, SharedUpdated   int
	ChangesAdded                 int // changes of the shared space's log new to this vault
}

// Apply writes s into the store in one transaction, sealing everything again with this
// vault's keys: all of it is kept, or (on any error, or a crash) none of it.
func Apply(ctx context.Context, db *store.DB, u *vault.Unlocked, s Snapshot, mode Mode) (Result, error) {
	var r Result
	replace := mode == Replace
	jk, sk := u.Key(vault.Journal), u.Key(vault.Shared)
	err := db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if r.EntriesAdded, r.EntriesUpdated, err = journal.RestoreTx(ctx, tx, jk, s.Entries, replace); err != nil {
			return err
		}
		if r.ProfileRestored, err = profile.RestoreTx(ctx, tx, jk, s.Profile, s.ProfileAt, replace); err != nil {
			return err
		}
		if r.ProgressChanged, err = progress.RestoreTx(ctx, tx, jk, s.States, s.Exercises, replace); err != nil {
			return err
		}
		res, err := space.RestoreTx(ctx, tx, sk, s.Shared, replace)
		if err != nil {
			return err
		}
		r.SharedAdded, r.SharedUpdated = res.Added, res.Updated
		// Each change is sealed again with this vault's shared key, its id and signature
		// unchanged; replacing, the log becomes exactly the backup's (empty for format 1,
		// whose records the unlock-time move then carries onto it).
		r.ChangesAdded, err = space.RestoreChangesTx(ctx, tx, sk, s.Changes, replace)
		return err
	})
	if err != nil {
		return Result{}, fmt.Errorf("restore: %w", err)
	}
	return r, nil
}
