package sharing

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/exchange"
	"github.com/goldseam/goldseam/internal/space"
)

// A leave is a change on the shared log like any other, so it travels, signed by the device
// of the person who left, in their next change file: kind memberKind, the record of that
// person (space.PersonalRecordID), field leftField, the time as its value.
const (
	memberKind = "space-member"
	leftField  = "left"
)

var errNotShared = apperr.New(apperr.Conflict, "Nothing is shared with another computer, so there is nothing to stop.")

// Leave ends the sharing for both, from this side alone, as me: a signed leave record goes
// into a last change file for the partner's copy, the space is kept here to read (nothing new
// is written to it), and this copy's key moves to a new epoch the partner never gets, so
// nothing written here afterwards opens with the key they hold. What the partner already
// received stays on their computer: Goldseam cannot recall it.
func Leave(ctx context.Context, c Copy, me space.Person) error {
	st, err := load(ctx, c.DB, c.Journal)
	if err != nil {
		return err
	}
	if !st.Paired() {
		return errNotShared
	}
	now := c.DB.Now().UTC()
	log := space.NewLog(c.DB, c.Shared, space.Author{Signer: c.Device, Person: me})
	record := space.PersonalRecordID(memberKind, st.Space, me)
	if _, err := log.Append(ctx, space.Draft{Record: record, Kind: memberKind, Parent: st.Space, Field: leftField, Value: now.Format(time.RFC3339)}); err != nil {
		return err
	}
	var r Report
	if err := publish(ctx, c, &st, &r); err != nil {
		return err
	}
	return end(ctx, c, &st, now, func(st *State) { st.Left = now })
}

// end stops the exchange: the space is marked ended for every service (Place), the state
// says why, and a new key of the next epoch replaces the one the partner holds.
func end(ctx context.Context, c Copy, st *State, at time.Time, why func(*State)) error {
	key, err := exchange.NewKey(nextEpoch(*st))
	if err != nil {
		return err
	}
	st.Keys = append(st.Keys, key)
	why(st)
	return c.DB.Write(ctx, func(tx *sql.Tx) error {
		place, _, err := Here(ctx, tx, c.Shared)
		if err != nil {
			return err
		}
		place.Ended = at
		if place.Role == "" && st.Partner != nil {
			place.Role = otherRole(st.Partner.Role)
		}
		if err := setHereTx(ctx, tx, c.Shared, place); err != nil {
			return err
		}
		return saveTx(ctx, tx, c.Journal, *st)
	})
}

// otherRole is the couple's other place.
func otherRole(role string) string {
	a, b := space.CoupleSettings{}.Partner(0).Role, space.CoupleSettings{}.Partner(1).Role
	if role == a {
		return b
	}
	return a
}

// partnerLeft reports whether f carries the partner's leave record.
func partnerLeft(st State, records []space.Portable) bool {
	for _, p := range records {
		if p.Kind == memberKind && p.Field == leftField && st.Partner != nil && p.Person.Role == st.Partner.Role && p.Device == st.Partner.Device.ID {
			return true
		}
	}
	return false
}

// Revoke stops trusting the partner's computer, lost or stolen, from this side: nothing it
// writes is read any more, and this copy's key moves to a new epoch, so nothing written here
// afterwards opens with the key that computer holds. The space itself goes on: the partner's
// new computer can pair again (Invite), and then gets the whole space under the new key. What
// the lost computer already holds stays on it: Goldseam cannot reach it, and there is no
// remote wipe.
func Revoke(ctx context.Context, c Copy) error {
	st, err := load(ctx, c.DB, c.Journal)
	if err != nil {
		return err
	}
	if !st.Paired() {
		return errNotShared
	}
	key, err := exchange.NewKey(nextEpoch(st))
	if err != nil {
		return err
	}
	st.Keys = append(st.Keys, key)
	st.Partner.Revoked = c.DB.Now().UTC()
	return save(ctx, c.DB, c.Journal, st)
}

// SplitCopy is for a copy of a data folder found writing under this computer's own name
// (exchange.Result.CopiedSelf): the person says this computer is the copy. In one
// transaction it gets a new device identity (replaceDevice, the vault's) and stops sharing:
// the other copy, which the partner's computer paired with, goes on, and this one keeps
// everything to read and write on its own, its person unchanged. It may pair again only as
// a new computer, once the partner's computer revokes the one it paired with.
func SplitCopy(ctx context.Context, c Copy, replaceDevice func(tx *sql.Tx) error) error {
	st, err := load(ctx, c.DB, c.Journal)
	if err != nil {
		return err
	}
	if st.Partner == nil {
		return errNotShared
	}
	st.Partner, st.Keys, st.Pairing, st.Outbox = nil, nil, nil, nil
	st.Progress, st.Own = *exchange.NewProgress(), OwnChain{}
	return c.DB.Write(ctx, func(tx *sql.Tx) error {
		if err := replaceDevice(tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM exchange_published`); err != nil {
			return fmt.Errorf("start the exchange afresh: %w", err)
		}
		return saveTx(ctx, tx, c.Journal, st)
	})
}
