package sharing

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// stateField is the one row of sharing_state.
var stateField = vault.SharingState.Field("1")

// stateTampered is what a person is told when the sharing state does not open.
const stateTampered = "How this computer shares your space with your partner has been changed or damaged in the data file, so Goldseam will not read or write the exchange folder. Nothing you wrote has been changed; set up sharing again in Settings."

// load reads the sharing state; a copy that never shared gets the zero State.
func load(ctx context.Context, db *store.DB, key *vault.ContentKey) (State, error) {
	return loadFrom(ctx, db.SQL(), key)
}

// loadFrom is load from a database or inside a transaction.
func loadFrom(ctx context.Context, q vault.Querier, key *vault.ContentKey) (State, error) {
	var sealed []byte
	err := q.QueryRowContext(ctx, `SELECT content FROM sharing_state WHERE id = 1`).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return State{}, nil
	}
	if err != nil {
		return State{}, fmt.Errorf("read the sharing state: %w", err)
	}
	plain, err := key.Open(stateField, sealed)
	if err != nil {
		return State{}, apperr.Wrap(apperr.Unavailable, stateTampered, err)
	}
	defer clear(plain)
	var s State
	if err := json.Unmarshal(plain, &s); err != nil {
		return State{}, apperr.Wrap(apperr.Unavailable, stateTampered, fmt.Errorf("%w: %w", vault.ErrTampered, err))
	}
	return s, nil
}

// saveTx writes s inside tx, sealed with key.
func saveTx(ctx context.Context, tx *sql.Tx, key *vault.ContentKey, s State) error {
	plain, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encode the sharing state: %w", err)
	}
	defer clear(plain)
	_, err = tx.ExecContext(ctx, `INSERT INTO sharing_state (id, content) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET content = excluded.content`, key.Seal(stateField, plain))
	if err != nil {
		return fmt.Errorf("store the sharing state: %w", err)
	}
	return nil
}

// save writes s in a transaction of its own.
func save(ctx context.Context, db *store.DB, key *vault.ContentKey, s State) error {
	return db.Write(ctx, func(tx *sql.Tx) error { return saveTx(ctx, tx, key, s) })
}

// hereField is the one row of space_here.
var hereField = vault.SpaceHere.Field("1")

// Place is what every service of the space must know of sharing, sealed with the shared key
// in space_here: which of the couple's two places is the person at this computer once this
// copy is paired, and when the space stopped being shared (either person left), after which
// the space is kept to read and nothing new is written to it.
type Place struct {
	Role  string    `json:"role"`
	Ended time.Time `json:"ended,omitzero"`
	// Mentioned is the clock of the newest of the partner's changes Home has told of, so each
	// is mentioned once.
	Mentioned int64 `json:"mentioned,omitempty"`
}

// Mention records that the partner's changes up to clock were told of.
func Mention(ctx context.Context, db *store.DB, key *vault.ContentKey, clock int64) error {
	return db.Write(ctx, func(tx *sql.Tx) error {
		p, ok, err := Here(ctx, tx, key)
		if err != nil || !ok || p.Mentioned >= clock {
			return err
		}
		p.Mentioned = clock
		return setHereTx(ctx, tx, key, p)
	})
}

// ErrEnded refuses a write to a space that is no longer shared.
var ErrEnded = apperr.New(apperr.Conflict, "One of you stopped sharing. Everything you shared stays here for you to read, but nothing new can be added to it.")

// Here is this copy's Place; ok is false before it was ever paired, when the person at this
// computer is the first of the couple's names. Only the shared key is needed.
func Here(ctx context.Context, q vault.Querier, key *vault.ContentKey) (p Place, ok bool, err error) {
	var sealed []byte
	err = q.QueryRowContext(ctx, `SELECT content FROM space_here WHERE id = 1`).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return Place{}, false, nil
	}
	if err != nil {
		return Place{}, false, fmt.Errorf("read who is at this computer: %w", err)
	}
	plain, err := key.Open(hereField, sealed)
	if err == nil {
		err = json.Unmarshal(plain, &p)
	}
	if err != nil || p.Role == "" {
		return Place{}, false, apperr.Wrap(apperr.Unavailable, stateTampered, fmt.Errorf("%w: %v", vault.ErrTampered, err))
	}
	return p, true, nil
}

// setHereTx records p inside tx.
func setHereTx(ctx context.Context, tx *sql.Tx, key *vault.ContentKey, p Place) error {
	plain, err := json.Marshal(p)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO space_here (id, content) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET content = excluded.content`, key.Seal(hereField, plain))
	if err != nil {
		return fmt.Errorf("record who is at this computer: %w", err)
	}
	return nil
}
