package experiences

import (
	"context"
	"fmt"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// oldExperience is an experience as the old table of whole records kept it: one record
// holding everything, how it felt included, written by whoever sat at the computer.
type oldExperience struct {
	Title     string `json:"title"`
	Note      string `json:"note"`
	Status    string `json:"status"`
	PlannedOn string `json:"plannedOn"`
	DoneOn    string `json:"doneOn"`
	HowItFelt string `json:"howItFelt"`
	AddedAt   string `json:"addedAt"`
}

// Move carries every experience of the old table (old) onto log, as changes written by
// log's author, in one transaction. An experience already on the log is left alone, so a
// move run again changes nothing; the old records are only read.
//
// Nothing in an old record says who wrote it, so every moved experience is marked
// fromBefore (the screen says so instead of naming who added it), and its one joint "how it
// felt" goes to the read-only field together ("written together before"): attributing
// those words to the person at this computer would claim they wrote them. A deleted old
// record moves as a deleted record.
func Move(ctx context.Context, old *space.Space, key *vault.ContentKey, log *space.Log) error {
	recs, err := old.All(ctx, key)
	if err != nil {
		return err
	}
	onLog, err := log.Kind(ctx, Kind)
	if err != nil {
		return err
	}
	var drafts []space.Draft
	for _, r := range recs {
		if _, moved := onLog.Records[r.ID]; moved || r.Kind != Kind {
			continue
		}
		d, err := movedDrafts(r)
		if err != nil {
			return err
		}
		drafts = append(drafts, d...)
	}
	if len(drafts) == 0 {
		return nil
	}
	_, err = log.Append(ctx, drafts...)
	return err
}

// movedDrafts are the changes that carry one old record over: every field it holds.
func movedDrafts(r space.Record) ([]space.Draft, error) {
	set := func(field string, v any) space.Draft {
		return space.Draft{Record: r.ID, Kind: Kind, Field: field, Value: v}
	}
	if r.Deleted {
		return []space.Draft{set(FieldFromBefore, true), set(space.FieldDeleted, true)}, nil
	}
	var e oldExperience
	if err := r.Decode(&e); err != nil {
		return nil, fmt.Errorf("move experience: %w", err)
	}
	out := []space.Draft{set(FieldFromBefore, true), set(FieldTitle, e.Title), set(FieldStatus, e.Status)}
	for _, f := range []struct{ name, value string }{
		{FieldNote, e.Note}, {FieldPlannedOn, e.PlannedOn}, {FieldDoneOn, e.DoneOn},
		{FieldAddedAt, e.AddedAt}, {FieldTogether, e.HowItFelt},
	} {
		if f.value != "" {
			out = append(out, set(f.name, f.value))
		}
	}
	return out, nil
}
