package sharing

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/device"
	"github.com/goldseam/goldseam/internal/exchange"
	"github.com/goldseam/goldseam/internal/reveal"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Copy is one data file's side of the exchange while it is unlocked: the file, its two
// content keys and its device identity. The caller owns the identity and wipes it.
type Copy struct {
	DB      *store.DB
	Journal *vault.ContentKey // seals the sharing state
	Shared  *vault.ContentKey // seals the shared log
	Device  *device.Identity
}

func (c Copy) log() *space.Log { return space.NewLog(c.DB, c.Shared, space.Author{Signer: c.Device}) }

// Report is what one sync pass did and found.
type Report struct {
	FilesTaken int // the partner's change files taken in by this pass
	Added      int // changes this copy did not have
	Refused    int // changes inside an accepted file that did not check (never applied)
	Published  int // this device's changes written out in a new file
	// PartnerLeft says the partner's leave record arrived in this pass: the space has ended.
	PartnerLeft bool
	Result      exchange.Result
}

// maxPerFile keeps each change file well under exchange's size limit.
const maxPerFile = 2000

// Sync runs one pass: every new change file of the partner's computer in the folder is taken
// into the log (in any order, each once), then this device's changes not written out yet go
// into new files of its own. A copy that is not paired does nothing.
func Sync(ctx context.Context, c Copy) (Report, error) {
	var r Report
	st, err := load(ctx, c.DB, c.Journal)
	if err != nil || !st.Paired() {
		return r, err
	}
	if err := take(ctx, c, &st, &r); err != nil {
		return r, err
	}
	if r.PartnerLeft {
		return r, nil
	}
	// The partner's answers that just arrived may be what this device's sealed answers were
	// waiting for: their keys are released now, and go out in this same pass. Every pass looks,
	// not only one that took changes in, so a release a crash or a restore left owed goes out
	// at the next pass.
	if _, err := reveal.Pass(ctx, c.log()); err != nil {
		return r, err
	}
	if err := publish(ctx, c, &st, &r); err != nil {
		return r, err
	}
	return r, nil
}

// take reads the folder and merges what is new.
func take(ctx context.Context, c Copy, st *State, r *Report) error {
	res, err := exchange.Scan(st.Folder, st.Space, st.Keys, st.trust(c.Device), c.Device.ID(), &st.Progress)
	if err != nil {
		return err
	}
	r.Result = res
	// Every file's changes in one transaction: a pass takes all it read or, failing, none.
	var records []space.Portable
	left := false
	for _, f := range res.Changes {
		records = append(records, f.Records...)
		left = left || partnerLeft(*st, f.Records)
	}
	if len(res.Changes) > 0 {
		n, err := c.log().TakePortable(ctx, records)
		if err != nil {
			return err
		}
		r.FilesTaken, r.Added, r.Refused = len(res.Changes), n.Added, n.Refused
		st.LastFromPartner = c.DB.Now()
	}
	if left {
		r.PartnerLeft = true
		return end(ctx, c, st, c.DB.Now().UTC(), func(st *State) { st.PartnerLeft = st.LastFromPartner })
	}
	if r.FilesTaken == 0 {
		return nil
	}
	return save(ctx, c.DB, c.Journal, *st)
}

// publish writes this device's changes that no file holds yet. Each file is sealed first and
// kept as the outbox in the same transaction that records its changes as written out and the
// chain's new end; only then is it placed in the folder, and the outbox emptied. A pass cut
// short anywhere leaves either nothing done or an outbox the next pass places, so this
// device never skips a change or a sequence number, and never writes two different files
// with one number (which would look like a copy of its data folder).
func publish(ctx context.Context, c Copy, st *State, r *Report) error {
	if err := placeOutbox(ctx, c, st); err != nil {
		return err
	}
	pending, err := unpublished(ctx, c, *st)
	if err != nil || len(pending) == 0 {
		return err
	}
	for len(pending) > 0 {
		batch := pending[:min(len(pending), maxPerFile)]
		pending = pending[len(batch):]
		f, err := exchange.Seal(st.Folder, st.Space, st.Keys[len(st.Keys)-1], c.Device, st.Own.Seq+1, st.Own.Prev, st.Progress.Seen(), batch)
		if err != nil {
			return err
		}
		based := st.Own
		st.Own = OwnChain{Seq: f.Seq, Prev: f.Hash}
		st.Progress.Wrote(f.Written)
		st.Outbox = &f
		err = c.DB.Write(ctx, func(tx *sql.Tx) error {
			// Another pass that numbered a file from the same state first wins; this one
			// stops, and its changes go out in the next pass.
			if now, err := loadFrom(ctx, tx, c.Journal); err != nil {
				return err
			} else if now.Own != based {
				return errAnotherPass
			}
			for _, p := range batch {
				if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO exchange_published (change_id, file) VALUES (?, ?)`, p.ID, f.Name); err != nil {
					return fmt.Errorf("note a change as written out: %w", err)
				}
			}
			return saveTx(ctx, tx, c.Journal, *st)
		})
		if err != nil {
			return err
		}
		if err := placeOutbox(ctx, c, st); err != nil {
			return err
		}
		r.Published += len(batch)
	}
	return nil
}

// placeOutbox puts the file kept in the outbox into the folder and empties the outbox.
func placeOutbox(ctx context.Context, c Copy, st *State) error {
	if st.Outbox == nil {
		return nil
	}
	if err := beforePlace(); err != nil {
		return err
	}
	if err := exchange.Place(st.Folder, *st.Outbox); err != nil {
		return err
	}
	st.Outbox = nil
	return save(ctx, c.DB, c.Journal, *st)
}

// errAnotherPass stops a pass that another pass on the same copy overtook.
var errAnotherPass = apperr.New(apperr.Conflict, "Goldseam was already writing to the exchange folder; it will write these changes in a moment.")

// beforePlace lets a test stop a pass between keeping a file and placing it.
var beforePlace = func() error { return nil }

// unpublished is every change this copy holds that no change file of its holds yet and that
// did not come from the partner's computer it writes for, in the order they were made: its
// own, and those of devices no longer in the space (a lost computer whose changes were taken
// before it was revoked), which the partner's new computer would otherwise never get.
func unpublished(ctx context.Context, c Copy, st State) ([]space.Portable, error) {
	partner := ""
	if st.Partner != nil && st.Partner.Revoked.IsZero() {
		partner = st.Partner.Device.ID
	}
	rows, err := c.DB.SQL().QueryContext(ctx, `SELECT id FROM shared_changes WHERE device != ?
		AND id NOT IN (SELECT change_id FROM exchange_published)`, partner)
	if err != nil {
		return nil, fmt.Errorf("list the changes to write out: %w", err)
	}
	want := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list the changes to write out: %w", err)
		}
		want[id] = true
	}
	if err := rows.Close(); err != nil || len(want) == 0 {
		return nil, err
	}
	all, err := c.log().All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]space.Portable, 0, len(want))
	for _, ch := range all {
		if !want[ch.ID] {
			continue
		}
		p, err := space.PortableOf(c.Shared, ch)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
