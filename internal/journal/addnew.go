package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// AddNewTx writes, inside tx, only the entries of list whose id is not here yet (an import:
// ids derived from the source file). An entry already here, in the journal or in the trash,
// is never changed: the person may have edited or deleted it since. It returns how many were
// added and how many already here now differ from list (same ids, other words), so the
// person can be told what was left as it is.
func AddNewTx(ctx context.Context, tx *sql.Tx, key *vault.ContentKey, list []Entry) (added, differ int, err error) {
	for i := range list {
		e := list[i]
		if err := normalizeIncoming(&e); err != nil {
			return added, differ, err
		}
		var date, created, updated string
		var sealed []byte
		err := tx.QueryRowContext(ctx, `SELECT entry_date, created_at, updated_at, content FROM journal_entries WHERE id = ?`, e.ID).
			Scan(&date, &created, &updated, &sealed)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return added, differ, fmt.Errorf("read entry %s: %w", e.ID, err)
		default:
			here, err := open(key, e.ID, date, created, updated, sealed)
			if err != nil {
				return added, differ, err
			}
			if !sameWords(here, e) {
				differ++
			}
			continue
		}
		sealedNew, err := seal(key, &e)
		if err != nil {
			return added, differ, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO journal_entries (id, entry_date, created_at, updated_at, content) VALUES (?, ?, ?, ?, ?)`,
			e.ID, e.Date, store.Timestamp(e.CreatedAt), store.Timestamp(e.UpdatedAt), sealedNew); err != nil {
			return added, differ, fmt.Errorf("add entry %s: %w", e.ID, err)
		}
		added++
	}
	return added, differ, nil
}

// normalizeIncoming checks an entry arriving from a file (a backup or an import) the way
// Save checks one typed here, and that its id is a uuid.
func normalizeIncoming(e *Entry) error {
	if err := e.Normalize(); err != nil {
		return fmt.Errorf("entry %s: %w", e.ID, err)
	}
	if _, err := uuid.Parse(e.ID); err != nil {
		return fmt.Errorf("entry id %q is not a uuid", e.ID)
	}
	return nil
}

// sameWords reports whether two copies of an entry say the same (times aside).
func sameWords(a, b Entry) bool {
	return a.Date == b.Date && a.Title == b.Title && a.Body == b.Body && a.Mood == b.Mood && a.Step == b.Step &&
		slices.Equal(a.Feelings, b.Feelings) && slices.Equal(a.Tags, b.Tags)
}

// CountHere counts how many of ids are here already, in the journal or in the trash: what an
// import would leave as it is. It reads ids in chunks to stay within SQLite's limit on
// parameters.
func CountHere(ctx context.Context, db *sql.DB, ids []string) (int, error) {
	const chunk = 500
	here := 0
	for start := 0; start < len(ids); start += chunk {
		part := ids[start:min(start+chunk, len(ids))]
		args := make([]any, len(part))
		marks := make([]byte, 0, 2*len(part))
		for i, id := range part {
			args[i] = id
			if i > 0 {
				marks = append(marks, ',')
			}
			marks = append(marks, '?')
		}
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM journal_entries WHERE id IN (`+string(marks)+`)`, args...).Scan(&n); err != nil {
			return here, fmt.Errorf("count entries here: %w", err)
		}
		here += n
	}
	return here, nil
}
