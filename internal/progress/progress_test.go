package progress_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/progress"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	m.Run()
}

func TestStatesAndRecordsAreKeptSealed(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Journal)
	p := progress.New(db)

	if err := p.SetState(ctx, key, "safety-first", "done"); err != nil {
		t.Fatal(err)
	}
	if err := p.SetState(ctx, key, "safety-first", "revisiting"); err != nil {
		t.Fatal(err)
	}
	if err := p.SetState(ctx, key, "safety-first", "failed"); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("bad state: %v", err)
	}
	states, err := p.States(ctx, key)
	if err != nil || states["safety-first"] != "revisiting" || len(states) != 1 {
		t.Fatalf("states %v %v", states, err)
	}

	// An appraisal is answered again months later; both answers are kept, oldest first.
	clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return clock }
	first, err := p.SaveRecord(ctx, key, "weigh-trust-honestly", "", map[string]string{"remorse": "Not yet.", "before": ""})
	if err != nil {
		t.Fatal(err)
	}
	clock = clock.AddDate(0, 4, 0)
	if _, err := p.SaveRecord(ctx, key, "weigh-trust-honestly", "", map[string]string{"remorse": "More than before."}); err != nil {
		t.Fatal(err)
	}
	edited, err := p.SaveRecord(ctx, key, "weigh-trust-honestly", first.ID, map[string]string{"remorse": "Not yet, I think."})
	if err != nil || !edited.CreatedAt.Equal(first.CreatedAt) {
		t.Fatalf("edit: %+v %v", edited, err)
	}
	records, err := p.Records(ctx, key, "weigh-trust-honestly")
	if err != nil || len(records) != 2 || records[0].Answers["remorse"] != "Not yet, I think." || records[1].Answers["remorse"] != "More than before." {
		t.Fatalf("records %+v %v", records, err)
	}
	if _, ok := records[0].Answers["before"]; ok {
		t.Fatal("an empty answer was kept")
	}
	if _, err := p.SaveRecord(ctx, key, "weigh-trust-honestly", "", map[string]string{"remorse": "  "}); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("empty record: %v", err)
	}
	if _, err := p.SaveRecord(ctx, key, "other-step", first.ID, map[string]string{"x": "y"}); !errors.Is(err, progress.ErrNotFound) {
		t.Fatalf("a record moved to another step: %v", err)
	}
	// Each table must really be read: a query that fails or finds nothing (NULL) would let
	// the check pass on nothing.
	for _, table := range []string{"exercise_records", "step_states"} {
		var raw []byte
		if err := db.SQL().QueryRow(`SELECT group_concat(content) FROM ` + table).Scan(&raw); err != nil || len(raw) == 0 {
			t.Fatalf("%s could not be read (%d bytes): %v", table, len(raw), err)
		}
		for _, w := range []string{"before", "revisiting", "remorse"} {
			if strings.Contains(string(raw), w) {
				t.Fatalf("%q readable in %s", w, table)
			}
		}
	}
}

// TestARecordMovedToAnotherStepDoesNotOpen changes an exercise record's step with plain SQL:
// the step is bound into the sealed answers, so they are refused under the other step.
func TestARecordMovedToAnotherStepDoesNotOpen(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Journal)
	p := progress.New(db)
	if _, err := p.SaveRecord(ctx, key, "write-the-apology", "", map[string]string{"draft": "I am sorry for the lies."}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`UPDATE exercise_records SET step_id = 'weigh-trust-honestly'`); err != nil {
		t.Fatal(err)
	}
	if got, err := p.Records(ctx, key, "weigh-trust-honestly"); !errors.Is(err, vault.ErrTampered) {
		t.Fatalf("a record moved to another step still opens: %+v %v", got, err)
	}
}
