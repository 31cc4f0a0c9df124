package api

import (
	"context"

	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// A spaceMove carries one kind of the shared space's records from the old table of whole
// records (space.Space) onto the change log, at an unlock. It must be idempotent: a record
// already on the log is left alone, so a move cut short is finished at the next unlock and a
// move run twice changes nothing. The old records stay where they are, untouched, so a failed
// move loses nothing.
type spaceMove func(ctx context.Context, old *space.Space, key *vault.ContentKey, log *space.Log, names space.CoupleSettings) error

// spaceMoves are the kinds that have moved onto the change log, each with its move.
var spaceMoves = []spaceMove{
	moveSettings, // first: the other moves name people by these settings
	checkins.Move,
	moveAgreements,
	moveExperiences,
}

// moveSpaceToLog runs every kind's move, signed by this computer's device identity. The
// changes it writes are made on behalf of the person each old record names, where it names
// one; see each kind's move for what it does with words nobody can be named for.
func moveSpaceToLog(ctx context.Context, db *store.DB, u *vault.Unlocked) error {
	if len(spaceMoves) == 0 {
		return nil
	}
	id, err := u.Device(ctx, db)
	if err != nil {
		return err
	}
	defer id.Wipe()
	key := u.Key(vault.Shared)
	old := space.New(db)
	names, err := old.Settings(ctx, key)
	if err != nil {
		return err
	}
	log := space.NewLog(db, key, space.Author{Signer: id})
	for _, move := range spaceMoves {
		if err := move(ctx, old, key, log, names); err != nil {
			return err
		}
	}
	return nil
}

// moveSettings carries the couple's names and rhythm over, written as the first of the two
// names: the person at this computer, whom first run asked for "your name".
func moveSettings(ctx context.Context, old *space.Space, key *vault.ContentKey, log *space.Log, names space.CoupleSettings) error {
	return space.MoveSettings(ctx, old, key, log.As(names.Partner(0)))
}
