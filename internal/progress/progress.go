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

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// States a step can be in. A step with no state is not started.
var States = []string{"not-started", "in-progress", "done", "revisiting"}

// ErrNotFound means no record has that id.
var ErrNotFound = errors.New("exercise record not found")

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
		return apperr.New(apperr.Invalid, "A step is not started, in progress, done, or being revisited.")
	}
	sealed := key.Seal(stateField(step), []byte(state))
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
		state, err := key.Open(stateField(step), sealed)
		if err != nil {
			return nil, fmt.Errorf("open state of %s: %w", step, err)
		}
		out[step] = string(state)
	}
	return out, rows.Err()
}

func stateField(step string) vault.Field { return vault.StepStateContent.Field(step) }

// recordField binds the record's step: a record moved to another step does not open.
func recordField(id, step string) vault.Field { return vault.ExerciseContent.Field(id, step) }

// SaveRecord writes answers for step: a new record when id is empty, else an update.
func (p *Progress) SaveRecord(ctx context.Context, key *vault.ContentKey, step, id string, answers map[string]string) (Record, error) {
	clean := map[string]string{}
	for k, v := range answers {
		if !utf8.ValidString(v) || utf8.RuneCountInString(v) > maxAnswer {
			return Record{}, apperr.New(apperr.Invalid, "One answer is longer than Goldseam keeps in one piece; please shorten it.")
		}
		if strings.TrimSpace(v) != "" {
			clean[k] = v
		}
	}
	if len(clean) == 0 {
		return Record{}, apperr.New(apperr.Invalid, "There is nothing to keep yet: write at least one answer.")
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
	sealed := key.Seal(recordField(r.ID, step), plain)
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
		plain, err := key.Open(recordField(r.ID, step), sealed)
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

// State is a step's state and when it was set.
type State struct {
	StepID, State string
	UpdatedAt     time.Time
}

// Export returns every step state and every exercise record, for a backup.
func (p *Progress) Export(ctx context.Context, key *vault.ContentKey) ([]State, []Record, error) {
	rows, err := p.db.SQL().QueryContext(ctx, `SELECT step_id, updated_at, content FROM step_states ORDER BY step_id`)
	if err != nil {
		return nil, nil, fmt.Errorf("read step states: %w", err)
	}
	defer rows.Close()
	var states []State
	for rows.Next() {
		var s State
		var at string
		var sealed []byte
		if err := rows.Scan(&s.StepID, &at, &sealed); err != nil {
			return nil, nil, fmt.Errorf("read step states: %w", err)
		}
		plain, err := key.Open(stateField(s.StepID), sealed)
		if err != nil {
			return nil, nil, fmt.Errorf("open state of %s: %w", s.StepID, err)
		}
		s.State = string(plain)
		if s.UpdatedAt, err = store.ParseTimestamp(at); err != nil {
			return nil, nil, err
		}
		states = append(states, s)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	steps, err := p.db.SQL().QueryContext(ctx, `SELECT DISTINCT step_id FROM exercise_records ORDER BY step_id`)
	if err != nil {
		return nil, nil, fmt.Errorf("read exercises: %w", err)
	}
	var ids []string
	for steps.Next() {
		var id string
		if err := steps.Scan(&id); err != nil {
			steps.Close()
			return nil, nil, err
		}
		ids = append(ids, id)
	}
	steps.Close()
	var records []Record
	for _, id := range ids {
		list, err := p.Records(ctx, key, id)
		if err != nil {
			return nil, nil, err
		}
		records = append(records, list...)
	}
	return states, records, nil
}

// RestoreTx writes step states and exercise records from a backup inside tx, keeping their
// times. With replace they become exactly these; in a merge each is added when new and
// replaces this computer's only when it changed more recently.
func RestoreTx(ctx context.Context, tx *sql.Tx, key *vault.ContentKey, states []State, records []Record, replace bool) (changed int, err error) {
	if replace {
		for _, t := range []string{"step_states", "exercise_records"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
				return 0, fmt.Errorf("clear %s: %w", t, err)
			}
		}
	}
	for _, s := range states {
		if !slices.Contains(States, s.State) {
			return changed, fmt.Errorf("step %s: unknown state %q", s.StepID, s.State)
		}
		sealed := key.Seal(stateField(s.StepID), []byte(s.State))
		res, err := tx.ExecContext(ctx, `INSERT INTO step_states (step_id, updated_at, content) VALUES (?, ?, ?)
			ON CONFLICT (step_id) DO UPDATE SET updated_at = excluded.updated_at, content = excluded.content
			WHERE excluded.updated_at > step_states.updated_at`, s.StepID, store.Timestamp(s.UpdatedAt), sealed)
		if err != nil {
			return changed, fmt.Errorf("restore state of %s: %w", s.StepID, err)
		}
		n, _ := res.RowsAffected()
		changed += int(n)
	}
	for _, r := range records {
		if _, err := uuid.Parse(r.ID); err != nil {
			return changed, fmt.Errorf("exercise record id %q is not a uuid", r.ID)
		}
		plain, err := json.Marshal(r.Answers)
		if err != nil {
			return changed, fmt.Errorf("encode answers: %w", err)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO exercise_records (id, step_id, created_at, updated_at, content) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET step_id = excluded.step_id, created_at = excluded.created_at,
				updated_at = excluded.updated_at, content = excluded.content
			WHERE excluded.updated_at > exercise_records.updated_at`,
			r.ID, r.StepID, store.Timestamp(r.CreatedAt), store.Timestamp(r.UpdatedAt), key.Seal(recordField(r.ID, r.StepID), plain))
		if err != nil {
			return changed, fmt.Errorf("restore exercise %s: %w", r.ID, err)
		}
		n, _ := res.RowsAffected()
		changed += int(n)
	}
	return changed, nil
}
