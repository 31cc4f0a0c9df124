// Package progress owns a person's way through the program: the state they give each step
// (not started, in progress, done, revisiting) and the records their exercises keep, all
// sealed with the journal key. Nothing here counts days or streaks: a gap is never marked.
package progress

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// States a step can be in. A step with no state is not started.
var States = []string{"not-started", "in-progress", "done", "revisiting"}

// ErrNotFound means no record has that id.
var ErrNotFound = errors.New("exercise record not found")

// Invalid is a problem with what a person entered; its text is fit to show them.
type Invalid struct{ Reason string }

func (e *Invalid) Error() string { return e.Reason }

// Record is what one exercise kept: answers by field id.
type Record struct {
	ID, StepID           string
	Answers              map[string]string
	CreatedAt, UpdatedAt time.Time
}

const maxAnswer = 100_000 // characters

// Progress reads and writes states and records in the data file.
type Progress struct{ db *store.DB }

// New returns the progress kept in db.
func New(db *store.DB) *Progress { return &Progress{db: db} }

// SetState records the state of step.
func (p *Progress) SetState(ctx context.Context, key *vault.ContentKey, step, state string) error {
	if !slices.Contains(States, state) {
		return &Invalid{"A step is not started, in progress, done, or being revisited."}
	}
	sealed := key.Seal(vault.Field{Table: "step_states", Row: step, Column: "content"}, []byte(state))
	return p.db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO step_states (step_id, updated_at, content) VALUES (?, ?, ?)
			ON CONFLICT (step_id) DO UPDATE SET updated_at = excluded.updated_at, content = excluded.content`,
			step, store.Timestamp(p.db.Now()), sealed)
		if err != nil {
			return fmt.Errorf("set step state: %w", err)
		}
		return nil
	})
}

// States returns every step's state that has one.
func (p *Progress) States(ctx context.Context, key *vault.ContentKey) (map[string]string, error) {
	rows, err := p.db.SQL().QueryContext(ctx, `SELECT step_id, content FROM step_states`)
	if err != nil {
		return nil, fmt.Errorf("read step states: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var step string
		var sealed []byte
		if err := rows.Scan(&step, &sealed); err != nil {
			return nil, fmt.Errorf("read step states: %w", err)
		}
		state, err := key.Open(vault.Field{Table: "step_states", Row: step, Column: "content"}, sealed)
		if err != nil {
			return nil, fmt.Errorf("open state of %s: %w", step, err)
		}
		out[step] = string(state)
	}
	return out, rows.Err()
}

func recordField(id string) vault.Field {
	return vault.Field{Table: "exercise_records", Row: id, Column: "content"}
}

// SaveRecord writes answers for step: a new record when id is empty, else an update.
func (p *Progress) SaveRecord(ctx context.Context, key *vault.ContentKey, step, id string, answers map[string]string) (Record, error) {
	clean := map[string]string{}
	for k, v := range answers {
		if !utf8.ValidString(v) || utf8.RuneCountInString(v) > maxAnswer {
			return Record{}, &Invalid{"One answer is longer than Goldseam keeps in one piece; please shorten it."}
		}
		if strings.TrimSpace(v) != "" {
			clean[k] = v
		}
	}
	if len(clean) == 0 {
		return Record{}, &Invalid{"There is nothing to keep yet: write at least one answer."}
	}
	now := p.db.Now()
	r := Record{ID: id, StepID: step, Answers: clean, CreatedAt: now, UpdatedAt: now}
	if r.ID == "" {
		r.ID = uuid.NewString()
	}
	plain, err := json.Marshal(clean)
	if err != nil {
		return Record{}, fmt.Errorf("encode answers: %w", err)
	}
	sealed := key.Seal(recordField(r.ID), plain)
	err = p.db.Write(ctx, func(tx *sql.Tx) error {
		if id == "" {
			_, err := tx.ExecContext(ctx, `INSERT INTO exercise_records (id, step_id, created_at, updated_at, content) VALUES (?, ?, ?, ?, ?)`,
				r.ID, step, store.Timestamp(now), store.Timestamp(now), sealed)
			return err
		}
		var created string
		err := tx.QueryRowContext(ctx, `UPDATE exercise_records SET updated_at = ?, content = ? WHERE id = ? AND step_id = ? RETURNING created_at`,
			store.Timestamp(now), sealed, id, step).Scan(&created)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		r.CreatedAt, err = store.ParseTimestamp(created)
		return err
	})
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return Record{}, err
		}
		return Record{}, fmt.Errorf("save exercise: %w", err)
	}
	return r, nil
}

// Records returns the records kept for step, oldest first.
func (p *Progress) Records(ctx context.Context, key *vault.ContentKey, step string) ([]Record, error) {
	rows, err := p.db.SQL().QueryContext(ctx, `SELECT id, created_at, updated_at, content FROM exercise_records
		WHERE step_id = ? ORDER BY created_at, id`, step)
	if err != nil {
		return nil, fmt.Errorf("read exercises: %w", err)
	}
	defer rows.Close()
	out := []Record{}
	for rows.Next() {
		var r Record
		var created, updated string
		var sealed []byte
		if err := rows.Scan(&r.ID, &created, &updated, &sealed); err != nil {
			return nil, fmt.Errorf("read exercises: %w", err)
		}
		plain, err := key.Open(recordField(r.ID), sealed)
		if err != nil {
			return nil, fmt.Errorf("open exercise %s: %w", r.ID, err)
		}
		if err := json.Unmarshal(plain, &r.Answers); err != nil {
			return nil, fmt.Errorf("decode exercise %s: %w", r.ID, err)
		}
		r.StepID = step
		if r.CreatedAt, err = store.ParseTimestamp(created); err != nil {
			return nil, err
		}
		if r.UpdatedAt, err = store.ParseTimestamp(updated); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
