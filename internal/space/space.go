// Package space owns the couple's shared space as stored: the change log (log.go, change.go,
// fold.go), where agreements, check-ins, good experiences and the couple's settings live as
// signed, sealed per-field changes that merge without favourites, and the old table of whole
// records (this file), where what was written before the change log stays, untouched, for the
// moves at unlock to read. Everything is sealed with the shared key, never the journal's.
//
// This package knows nothing of what the records say; the agreements, checkins and experiences
// packages give them meaning.
package space

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// ErrNotFound means no live record has that id.
var ErrNotFound = errors.New("shared record not found")

// Record is one record of the shared space as stored: its place, its clock and what it says.
type Record struct {
	ID, Kind, ParentID string
	Clock              int64
	DeviceID           string
	UpdatedAt          time.Time
	Deleted            bool
	Content            []byte // plain JSON while unlocked; nil for a tombstone
}

// Later reports whether r is a later change than other: the higher clock, and on a tie the
// higher device id, so every copy picks the same winner without talking to the others.
func (r Record) Later(other Record) bool {
	if r.Clock != other.Clock {
		return r.Clock > other.Clock
	}
	return r.DeviceID > other.DeviceID
}

// Decode reads what the record says into v.
func (r Record) Decode(v any) error {
	if err := json.Unmarshal(r.Content, v); err != nil {
		return fmt.Errorf("decode %s %s: %w", r.Kind, r.ID, err)
	}
	return nil
}

// Space reads and writes the shared records in one data file.
type Space struct{ db *store.DB }

// New returns the shared space kept in db.
func New(db *store.DB) *Space { return &Space{db: db} }

// Now is the clock the space's timestamps come from.
func (s *Space) Now() time.Time { return s.db.Now() }

func field(r Record) vault.Field {
	// The kind and the parent are bound in too: a sealed agreement copied into a check-in's
	// row, or a version moved under another agreement, does not open.
	return vault.SharedContent.Field(r.ID, r.Kind, r.ParentID)
}

// Tx is a set of changes to the space that are kept together or not at all.
type Tx struct {
	ctx    context.Context
	tx     *sql.Tx
	key    *vault.ContentKey
	device string
	now    time.Time
	clock  int64
}

// Write runs fn with a transaction of the space: every Put and Delete in it is committed
// together, each with its own clock tick.
func (s *Space) Write(ctx context.Context, key *vault.ContentKey, fn func(*Tx) error) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		device, err := deviceID(ctx, tx)
		if err != nil {
			return err
		}
		var clock int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(clock), 0) FROM shared_records`).Scan(&clock); err != nil {
			return fmt.Errorf("read the shared clock: %w", err)
		}
		return fn(&Tx{ctx: ctx, tx: tx, key: key, device: device, now: s.db.Now(), clock: clock})
	})
}

// Put writes one top-level record of kind in a transaction of its own (a new one when id
// is empty) and returns its id.
func (s *Space) Put(ctx context.Context, key *vault.ContentKey, kind, id string, value any) (string, error) {
	err := s.Write(ctx, key, func(tx *Tx) error {
		var err error
		id, err = tx.Put(kind, id, "", value)
		return err
	})
	return id, err
}

// Delete turns one record into a tombstone, in a transaction of its own.
func (s *Space) Delete(ctx context.Context, key *vault.ContentKey, id string) error {
	return s.Write(ctx, key, func(tx *Tx) error { return tx.Delete(id) })
}

// deviceID returns this copy's device id, the one its device identity derives
// (vault.DeviceID), which the vault makes when it is made or first unlocked. Records stamped
// before keep the uuid the table shared_device held then; no new record gets it.
func deviceID(ctx context.Context, tx *sql.Tx) (string, error) {
	id, err := vault.DeviceID(ctx, tx)
	if errors.Is(err, vault.ErrNoDevice) {
		return "", apperr.Wrap(apperr.Unavailable, "Goldseam could not yet set up this computer's identity for what you share with your partner, so it cannot save that here. Lock Goldseam and unlock it again to try once more; your journal works as before.", err)
	}
	return id, err
}

// Put writes value as the record id of kind under parent; an empty id makes a new record.
// It returns the record's id.
func (t *Tx) Put(kind, id, parent string, value any) (string, error) {
	if id == "" {
		id = uuid.NewString()
	}
	plain, err := json.Marshal(value)
	if err != nil {
		return "", fmt.Errorf("encode %s: %w", kind, err)
	}
	t.clock++
	r := Record{ID: id, Kind: kind, ParentID: parent, Clock: t.clock, DeviceID: t.device, UpdatedAt: t.now, Content: plain}
	return id, t.store(r)
}

// Delete turns record id into a tombstone: what it said is gone, the fact that it was
// deleted stays, so a copy elsewhere learns of it when the two are merged.
func (t *Tx) Delete(id string) error {
	var kind, parent string
	err := t.tx.QueryRowContext(t.ctx, `SELECT kind, parent_id FROM shared_records WHERE id = ? AND deleted = 0`, id).Scan(&kind, &parent)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("find %s: %w", id, err)
	}
	t.clock++
	return t.store(Record{ID: id, Kind: kind, ParentID: parent, Clock: t.clock, DeviceID: t.device, UpdatedAt: t.now, Deleted: true})
}

func (t *Tx) store(r Record) error {
	var sealed []byte
	if !r.Deleted {
		sealed = t.key.Seal(field(r), r.Content)
	}
	_, err := t.tx.ExecContext(t.ctx, `INSERT INTO shared_records (id, kind, parent_id, clock, device_id, updated_at, deleted, content)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, parent_id = excluded.parent_id, clock = excluded.clock,
			device_id = excluded.device_id, updated_at = excluded.updated_at, deleted = excluded.deleted, content = excluded.content`,
		r.ID, r.Kind, r.ParentID, r.Clock, r.DeviceID, store.Timestamp(r.UpdatedAt), r.Deleted, sealed)
	if err != nil {
		return fmt.Errorf("write %s: %w", r.Kind, err)
	}
	return nil
}

// Get reads the live record id of kind into value.
func (s *Space) Get(ctx context.Context, key *vault.ContentKey, kind, id string, value any) (Record, error) {
	list, err := s.query(ctx, key, `WHERE id = ? AND kind = ? AND deleted = 0`, id, kind)
	if err != nil {
		return Record{}, err
	}
	if len(list) == 0 {
		return Record{}, ErrNotFound
	}
	return list[0], list[0].Decode(value)
}

// List returns the live records of kind, under parent when parent is not empty, oldest
// change first.
func (s *Space) List(ctx context.Context, key *vault.ContentKey, kind, parent string) ([]Record, error) {
	if parent == "" {
		return s.query(ctx, key, `WHERE kind = ? AND deleted = 0 ORDER BY clock`, kind)
	}
	return s.query(ctx, key, `WHERE kind = ? AND parent_id = ? AND deleted = 0 ORDER BY clock`, kind, parent)
}

// ListOf returns the live records of kind (under parent, when not empty) decoded as T, oldest
// change first; withID, when given, hands each value its record's id.
func ListOf[T any](ctx context.Context, s *Space, key *vault.ContentKey, kind, parent string, withID func(*T, string)) ([]T, error) {
	recs, err := s.List(ctx, key, kind, parent)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(recs))
	for _, r := range recs {
		var v T
		if err := r.Decode(&v); err != nil {
			return nil, err
		}
		if withID != nil {
			withID(&v, r.ID)
		}
		out = append(out, v)
	}
	return out, nil
}

// All returns every record, tombstones included, in clock order: what a copy of the space
// hands to another.
func (s *Space) All(ctx context.Context, key *vault.ContentKey) ([]Record, error) {
	return s.query(ctx, key, `ORDER BY clock`)
}

func (s *Space) query(ctx context.Context, key *vault.ContentKey, where string, args ...any) ([]Record, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT id, kind, parent_id, clock, device_id, updated_at, deleted, content
		FROM shared_records `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("read shared records: %w", err)
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		var r Record
		var updated string
		var sealed []byte
		if err := rows.Scan(&r.ID, &r.Kind, &r.ParentID, &r.Clock, &r.DeviceID, &updated, &r.Deleted, &sealed); err != nil {
			return nil, fmt.Errorf("read shared records: %w", err)
		}
		if r.UpdatedAt, err = store.ParseTimestamp(updated); err != nil {
			return nil, fmt.Errorf("read time of %s: %w", r.ID, err)
		}
		if !r.Deleted {
			if r.Content, err = key.Open(field(r), sealed); err != nil {
				return nil, fmt.Errorf("open %s %s: %w", r.Kind, r.ID, err)
			}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// MergeResult counts what a merge did.
type MergeResult struct{ Added, Updated, Kept int }

// Merge brings records from another copy of the space into this one: a record this copy does
// not have is added, and one it has is replaced only by a later change (see Record.Later).
// Merging the same records twice changes nothing the second time. The local clock moves past
// every clock merged, so the next local change is later than all of them.
func (s *Space) Merge(ctx context.Context, key *vault.ContentKey, incoming []Record) (MergeResult, error) {
	var res MergeResult
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		var err error
		res, err = RestoreTx(ctx, tx, key, incoming, false)
		return err
	})
	return res, err
}

// RestoreTx writes records from a backup or another copy inside tx: with replace the space
// becomes exactly these records; otherwise they are merged as Merge says.
func RestoreTx(ctx context.Context, tx *sql.Tx, key *vault.ContentKey, incoming []Record, replace bool) (MergeResult, error) {
	var res MergeResult
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM shared_records`); err != nil {
			return res, fmt.Errorf("clear the shared space: %w", err)
		}
	}
	t := &Tx{ctx: ctx, tx: tx, key: key}
	for _, in := range incoming {
		if _, err := uuid.Parse(in.ID); err != nil {
			return res, fmt.Errorf("record id %q is not a uuid", in.ID)
		}
		var clock int64
		var device string
		err := tx.QueryRowContext(ctx, `SELECT clock, device_id FROM shared_records WHERE id = ?`, in.ID).Scan(&clock, &device)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			res.Added++
		case err != nil:
			return res, fmt.Errorf("read %s: %w", in.ID, err)
		case !in.Later(Record{Clock: clock, DeviceID: device}):
			res.Kept++
			continue
		default:
			res.Updated++
		}
		if in.Deleted {
			in.Content = nil
		}
		if err := t.store(in); err != nil {
			return res, err
		}
	}
	return res, nil
}
