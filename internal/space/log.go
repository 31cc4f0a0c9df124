package space

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Log is the shared space's change log in one data file, written by one author.
type Log struct {
	db     *store.DB
	key    *vault.ContentKey
	author Author
}

// NewLog returns the change log kept in db, sealed with key (the shared key) and appended to
// by author.
func NewLog(db *store.DB, key *vault.ContentKey, author Author) *Log {
	return &Log{db: db, key: key, author: author}
}

const changeColumns = `id, record, kind, parent, field, clock, device, at, header, commitment, sealed, pub, sig`

// Append writes drafts as changes, in one transaction, each with its own clock tick above
// every clock this copy has seen (its own changes and every change merged into it), and
// returns them.
func (l *Log) Append(ctx context.Context, drafts ...Draft) ([]Change, error) {
	out := make([]Change, 0, len(drafts))
	err := l.db.Write(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		clock, err := latestClock(ctx, tx)
		if err != nil {
			return err
		}
		for _, d := range drafts {
			value, err := json.Marshal(d.Value)
			if err != nil {
				return fmt.Errorf("encode %s.%s: %w", d.Kind, d.Field, err)
			}
			clock++
			h := Header{Record: d.Record, Kind: d.Kind, Parent: d.Parent, Field: d.Field, Clock: clock, At: l.db.Now()}
			author := l.author
			if d.By != nil {
				author.Person = *d.By
			}
			c, err := newChange(l.key, author, h, value)
			if err != nil {
				return err
			}
			if _, err := insertChange(ctx, tx, c); err != nil {
				return err
			}
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

func latestClock(ctx context.Context, tx *sql.Tx) (int64, error) {
	var clock int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(clock), 0) FROM shared_changes`).Scan(&clock); err != nil {
		return 0, fmt.Errorf("read the shared clock: %w", err)
	}
	return clock, nil
}

// insertChangeSQL adds a change unless one with its id is there already.
const insertChangeSQL = `INSERT OR IGNORE INTO shared_changes (` + changeColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// insertChange adds c unless a change with its id is there already; it reports whether it
// was added.
func insertChange(ctx context.Context, tx *sql.Tx, c Change) (bool, error) {
	return insertChangeWith(func(args ...any) (sql.Result, error) { return tx.ExecContext(ctx, insertChangeSQL, args...) }, c)
}

// insertChangeWith is insertChange through exec, which runs insertChangeSQL (a prepared
// statement, for many changes at once).
func insertChangeWith(exec func(args ...any) (sql.Result, error), c Change) (bool, error) {
	res, err := exec(c.ID, c.Record, c.Kind, c.Parent, c.Field, c.Clock, c.Device, store.Timestamp(c.At),
		c.canonical(), c.Commit, c.Sealed, []byte(c.Pub), c.Sig)
	if err != nil {
		return false, fmt.Errorf("write change %s: %w", c.ID, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// MergeCount counts what a merge did with the changes it was given.
type MergeCount struct {
	Added     int // new to this copy
	Duplicate int // this copy had them already
	Refused   int // failed a check (see Open): never stored, never shown
}

// Merge adds the changes of incoming this copy lacks, in one transaction. Each is opened
// first (see Open); one that fails is refused and counted, not stored. Merging the same
// changes again adds nothing. The next local change gets a clock above every change merged,
// as Append takes the highest clock stored.
func (l *Log) Merge(ctx context.Context, incoming []Change) (MergeCount, error) {
	var n MergeCount
	err := l.db.Write(ctx, func(tx *sql.Tx) error {
		n = MergeCount{}
		for _, c := range incoming {
			if _, err := Open(l.key, c); err != nil {
				if !errors.Is(err, vault.ErrTampered) {
					return err
				}
				n.Refused++
				continue
			}
			added, err := insertChange(ctx, tx, c)
			if err != nil {
				return err
			}
			if added {
				n.Added++
			} else {
				n.Duplicate++
			}
		}
		return nil
	})
	return n, err
}

// All returns every change stored, by clock then id: what this copy hands to another. Each
// has passed Check; a stored row that does not is an error wrapping vault.ErrTampered.
func (l *Log) All(ctx context.Context) ([]Change, error) {
	return l.query(ctx, `ORDER BY clock, id`)
}

// State folds every change stored (see Fold); any change that does not open is an error
// wrapping vault.ErrTampered, never a silently shorter space.
func (l *Log) State(ctx context.Context) (State, error) {
	return l.fold(ctx, ``)
}

// Kind folds the changes of the records of kind.
func (l *Log) Kind(ctx context.Context, kind string) (State, error) {
	return l.fold(ctx, `WHERE kind = ?`, kind)
}

// Record folds the changes of record id; false when it has none.
func (l *Log) Record(ctx context.Context, id string) (RecordState, bool, error) {
	st, err := l.fold(ctx, `WHERE record = ?`, id)
	rec, ok := st.Records[id]
	return rec, ok, err
}

func (l *Log) fold(ctx context.Context, where string, args ...any) (State, error) {
	changes, err := l.query(ctx, where, args...)
	if err != nil {
		return State{}, err
	}
	opened := make([]Opened, 0, len(changes))
	for _, c := range changes {
		o, err := Open(l.key, c)
		if err != nil {
			return State{}, err
		}
		opened = append(opened, o)
	}
	return Fold(opened), nil
}

func (l *Log) query(ctx context.Context, where string, args ...any) ([]Change, error) {
	rows, err := l.db.SQL().QueryContext(ctx, `SELECT `+changeColumns+` FROM shared_changes `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("read shared changes: %w", err)
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		c, err := scanChange(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// scanChange reads one row. The header column is the truth; the copies of it kept for
// lookups must agree with it, or the row was changed and is refused.
func scanChange(rows *sql.Rows) (Change, error) {
	var c, copies Change
	var at string
	var header, pub []byte
	if err := rows.Scan(&c.ID, &copies.Record, &copies.Kind, &copies.Parent, &copies.Field, &copies.Clock,
		&copies.Device, &at, &header, &c.Commit, &c.Sealed, &pub, &c.Sig); err != nil {
		return Change{}, fmt.Errorf("read shared changes: %w", err)
	}
	c.Pub = pub
	h, err := parseHeader(header)
	if err != nil {
		return Change{}, c.refused("stored header is not canonical")
	}
	c.Header = h
	copies.At = h.At
	if copies.Header != h || at != store.Timestamp(h.At) {
		return Change{}, c.refused("stored columns disagree with the header")
	}
	return c, c.Check()
}
