package journal

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

const table = "journal_entries"

// ErrNotFound means no entry has that id (or it was deleted for good).
var ErrNotFound = errors.New("journal entry not found")

// content is the sealed part of an entry. Short names keep 100,000 entries smaller.
type content struct {
	Title    string   `json:"t,omitempty"`
	Body     string   `json:"b,omitempty"`
	Mood     int      `json:"m,omitempty"`
	Feelings []string `json:"f,omitempty"`
	Tags     []string `json:"g,omitempty"`
	Step     string   `json:"s,omitempty"`
}

// Entries reads and writes sealed entries in the data file.
type Entries struct {
	db *store.DB
}

// NewEntries returns the journal's entries in db.
func NewEntries(db *store.DB) *Entries { return &Entries{db: db} }

// field binds the entry's day: an entry moved to another day in the file no longer opens.
func field(id, date string) vault.Field { return vault.JournalContent.Field(id, date) }

func seal(key *vault.ContentKey, e *Entry) ([]byte, error) {
	plain, err := json.Marshal(content{Title: e.Title, Body: e.Body, Mood: e.Mood, Feelings: e.Feelings, Tags: e.Tags, Step: e.Step})
	if err != nil {
		return nil, fmt.Errorf("encode entry: %w", err)
	}
	return key.Seal(field(e.ID, e.Date), plain), nil
}

// open decrypts a row into an Entry.
func open(key *vault.ContentKey, id, date, created, updated string, sealed []byte) (Entry, error) {
	plain, err := key.Open(field(id, date), sealed)
	if err != nil {
		return Entry{}, fmt.Errorf("open entry %s: %w", id, err)
	}
	var c content
	if err := json.Unmarshal(plain, &c); err != nil {
		return Entry{}, fmt.Errorf("decode entry %s: %w", id, err)
	}
	e := Entry{ID: id, Date: date, Title: c.Title, Body: c.Body, Mood: c.Mood, Feelings: c.Feelings, Tags: c.Tags, Step: c.Step}
	if e.CreatedAt, err = store.ParseTimestamp(created); err != nil {
		return Entry{}, err
	}
	if e.UpdatedAt, err = store.ParseTimestamp(updated); err != nil {
		return Entry{}, err
	}
	return e, nil
}

// Save validates e and writes it: a new entry when e.ID is empty, else an update of the
// entry with that id. It returns the entry as stored.
func (s *Entries) Save(ctx context.Context, key *vault.ContentKey, e Entry) (Entry, error) {
	if err := e.Normalize(); err != nil {
		return Entry{}, err
	}
	now := s.db.Now()
	isNew := e.ID == ""
	if isNew {
		e.ID = uuid.NewString()
		e.CreatedAt = now
	} else if _, err := uuid.Parse(e.ID); err != nil {
		return Entry{}, ErrNotFound
	}
	e.UpdatedAt = now
	sealed, err := seal(key, &e)
	if err != nil {
		return Entry{}, err
	}
	err = s.db.Write(ctx, func(tx *sql.Tx) error {
		if isNew {
			_, err := tx.ExecContext(ctx, `INSERT INTO journal_entries (id, entry_date, created_at, updated_at, content) VALUES (?, ?, ?, ?, ?)`,
				e.ID, e.Date, store.Timestamp(now), store.Timestamp(now), sealed)
			return err
		}
		var created string
		err := tx.QueryRowContext(ctx, `UPDATE journal_entries SET entry_date = ?, updated_at = ?, content = ?
			WHERE id = ? AND deleted_at IS NULL RETURNING created_at`, e.Date, store.Timestamp(now), sealed, e.ID).Scan(&created)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		e.CreatedAt, err = store.ParseTimestamp(created)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return Entry{}, err
		}
		return Entry{}, fmt.Errorf("save entry: %w", err)
	}
	return e, nil
}

// SaveMany writes new entries in one transaction, all or none: for imports, restores and
// the benchmarks' journals. Each is validated first; ids are given to those without.
func (s *Entries) SaveMany(ctx context.Context, key *vault.ContentKey, list []Entry) error {
	now := store.Timestamp(s.db.Now())
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO journal_entries (id, entry_date, created_at, updated_at, content) VALUES (?, ?, ?, ?, ?)`)
		if err != nil {
			return fmt.Errorf("save entries: %w", err)
		}
		defer stmt.Close()
		for i := range list {
			e := &list[i]
			if err := e.Normalize(); err != nil {
				return fmt.Errorf("entry %d: %w", i+1, err)
			}
			if e.ID == "" {
				e.ID = uuid.NewString()
			}
			sealed, err := seal(key, e)
			if err != nil {
				return err
			}
			if _, err := stmt.ExecContext(ctx, e.ID, e.Date, now, now, sealed); err != nil {
				return fmt.Errorf("save entry %d: %w", i+1, err)
			}
		}
		return nil
	})
}

const columns = `id, entry_date, created_at, updated_at, content`

// Get returns the entry with id.
func (s *Entries) Get(ctx context.Context, key *vault.ContentKey, id string) (Entry, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT `+columns+` FROM journal_entries WHERE id = ? AND deleted_at IS NULL`, id)
	if err != nil {
		return Entry{}, fmt.Errorf("get entry: %w", err)
	}
	list, err := scan(key, rows)
	if err != nil {
		return Entry{}, err
	}
	if len(list) == 0 {
		return Entry{}, ErrNotFound
	}
	return list[0], nil
}

// Page returns up to limit entries, newest first, skipping offset, and how many there are.
func (s *Entries) Page(ctx context.Context, key *vault.ContentKey, offset, limit int) ([]Entry, int, error) {
	var total int
	if err := s.db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM journal_entries WHERE deleted_at IS NULL`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count entries: %w", err)
	}
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT `+columns+` FROM journal_entries WHERE deleted_at IS NULL
		ORDER BY entry_date DESC, created_at DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("list entries: %w", err)
	}
	list, err := scan(key, rows)
	return list, total, err
}

// Month returns the entries about days in month (YYYY-MM), newest first.
func (s *Entries) Month(ctx context.Context, key *vault.ContentKey, month string) ([]Entry, error) {
	start, err := time.Parse(MonthLayout, month)
	if err != nil {
		return nil, invalid("Please give the month as year and month (for example 2026-11).")
	}
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT `+columns+` FROM journal_entries WHERE deleted_at IS NULL
		AND entry_date >= ? AND entry_date < ? ORDER BY entry_date DESC, created_at DESC`,
		start.Format(DateLayout), start.AddDate(0, 1, 0).Format(DateLayout))
	if err != nil {
		return nil, fmt.Errorf("list month: %w", err)
	}
	return scan(key, rows)
}

// MonthCount is how many entries are about days in Month.
type MonthCount struct {
	Month string
	Count int
}

// Months lists the months that have entries, newest first.
func (s *Entries) Months(ctx context.Context) ([]MonthCount, error) {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT substr(entry_date, 1, 7) AS month, count(*) FROM journal_entries
		WHERE deleted_at IS NULL GROUP BY month ORDER BY month DESC`)
	if err != nil {
		return nil, fmt.Errorf("list months: %w", err)
	}
	defer rows.Close()
	var out []MonthCount
	for rows.Next() {
		var m MonthCount
		if err := rows.Scan(&m.Month, &m.Count); err != nil {
			return nil, fmt.Errorf("list months: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// OnThisDay returns entries from the same day of the month as today in earlier months and
// years, newest first. On the last day of a month it also brings back the days this month
// does not have (the 31st on 30 April, 29 February on 28 February in other years).
func (s *Entries) OnThisDay(ctx context.Context, key *vault.ContentKey, today string) ([]Entry, error) {
	day, err := ParseDate(today)
	if err != nil {
		return nil, err
	}
	lastOfMonth := day.AddDate(0, 0, 1).Day() == 1
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT `+columns+` FROM journal_entries WHERE deleted_at IS NULL
		AND entry_date < ? AND (CAST(substr(entry_date, 9, 2) AS INTEGER) = ? OR (? AND CAST(substr(entry_date, 9, 2) AS INTEGER) > ?))
		ORDER BY entry_date DESC, created_at DESC`,
		day.Format(MonthLayout)+"-01", day.Day(), lastOfMonth, day.Day())
	if err != nil {
		return nil, fmt.Errorf("on this day: %w", err)
	}
	return scan(key, rows)
}

// Each calls fn with every entry, decrypted, in no particular order; the index is built
// from it. It stops at the first error, or when ctx ends.
func (s *Entries) Each(ctx context.Context, key *vault.ContentKey, fn func(Entry) error) error {
	rows, err := s.db.SQL().QueryContext(ctx, `SELECT `+columns+` FROM journal_entries WHERE deleted_at IS NULL`)
	if err != nil {
		return fmt.Errorf("read entries: %w", err)
	}
	return eachRow(key, rows, fn)
}

// Delete marks the entry deleted; Restore can bring it back until Purge removes it.
func (s *Entries) Delete(ctx context.Context, id string) error {
	return s.setDeleted(ctx, id, sql.NullString{String: store.Timestamp(s.db.Now()), Valid: true}, "deleted_at IS NULL")
}

// Restore undoes Delete, if the entry has not been purged yet.
func (s *Entries) Restore(ctx context.Context, id string) error {
	return s.setDeleted(ctx, id, sql.NullString{}, "deleted_at IS NOT NULL")
}

func (s *Entries) setDeleted(ctx context.Context, id string, at sql.NullString, condition string) error {
	return s.db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE journal_entries SET deleted_at = ? WHERE id = ? AND `+condition, at, id)
		if err != nil {
			return fmt.Errorf("mark entry: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrNotFound
		}
		return nil
	})
}

// purgeSQL removes the entries deleted at or before its one argument. Every lock runs it,
// so it must find them through the journal_entries_deleted index (migration 0009), not by
// reading every row: a lock waits for it.
const purgeSQL = `DELETE FROM journal_entries WHERE deleted_at IS NOT NULL AND deleted_at <= ?`

// Purge removes for good every entry deleted before cutoff; secure_delete overwrites its
// ciphertext in the file. It returns how many went.
func (s *Entries) Purge(ctx context.Context, cutoff time.Time) (int, error) {
	var n int64
	err := s.db.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, purgeSQL, store.Timestamp(cutoff))
		if err != nil {
			return fmt.Errorf("purge entries: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

func scan(key *vault.ContentKey, rows *sql.Rows) ([]Entry, error) {
	var out []Entry
	err := eachRow(key, rows, func(e Entry) error {
		out = append(out, e)
		return nil
	})
	return out, err
}

// eachRow decrypts each row of a SELECT of columns and hands it to fn; it closes rows.
func eachRow(key *vault.ContentKey, rows *sql.Rows, fn func(Entry) error) error {
	defer rows.Close()
	for rows.Next() {
		var id, date, created, updated string
		var sealed []byte
		if err := rows.Scan(&id, &date, &created, &updated, &sealed); err != nil {
			return fmt.Errorf("read entry: %w", err)
		}
		e, err := open(key, id, date, created, updated, sealed)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// RestoreTx writes entries from a backup inside tx, keeping their own times. With replace
// the journal becomes exactly list. Otherwise (a merge) an entry is added when its id is
// new, and replaces the entry with its id only when it was changed more recently, so
// restoring the same backup twice changes nothing the second time.
func RestoreTx(ctx context.Context, tx *sql.Tx, key *vault.ContentKey, list []Entry, replace bool) (added, updated int, err error) {
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM journal_entries`); err != nil {
			return 0, 0, fmt.Errorf("clear journal: %w", err)
		}
	}
	for i := range list {
		e := list[i]
		if err := normalizeIncoming(&e); err != nil {
			return added, updated, err
		}
		var current string
		err := tx.QueryRowContext(ctx, `SELECT updated_at FROM journal_entries WHERE id = ?`, e.ID).Scan(&current)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			added++
		case err != nil:
			return added, updated, fmt.Errorf("read entry %s: %w", e.ID, err)
		case store.Timestamp(e.UpdatedAt) <= current:
			continue // this computer's copy is as new or newer
		default:
			updated++
		}
		sealed, err := seal(key, &e)
		if err != nil {
			return added, updated, err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO journal_entries (id, entry_date, created_at, updated_at, content) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET entry_date = excluded.entry_date, created_at = excluded.created_at,
				updated_at = excluded.updated_at, content = excluded.content, deleted_at = NULL`,
			e.ID, e.Date, store.Timestamp(e.CreatedAt), store.Timestamp(e.UpdatedAt), sealed)
		if err != nil {
			return added, updated, fmt.Errorf("restore entry %s: %w", e.ID, err)
		}
	}
	return added, updated, nil
}
