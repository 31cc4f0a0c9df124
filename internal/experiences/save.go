package experiences

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/space"
)

// Experiences keeps the list on the shared space's change log, for the person at this
// computer: Save (a new one when its id is empty) writes only the fields that changed,
// Delete sets the tombstone field, and List folds the log.
type Experiences struct {
	log    *space.Log
	now    func() time.Time
	people People
}

// New returns the experiences on log, whose author must be people.Me; now stamps a new
// experience's addedAt.
func New(log *space.Log, now func() time.Time, people People) *Experiences {
	return &Experiences{log: log, now: now, people: people}
}

// Save keeps in: a new experience when its id is empty, else the fields of the one with
// that id that differ from what it shows now (a field in a tie shows its latest candidate,
// so leaving it as shown leaves the tie for the people to choose). In.HowItFelt is the
// words of the person at this computer, kept in their own feeling record. It returns the
// experience as kept.
func (x *Experiences) Save(ctx context.Context, in Experience) (Experience, error) {
	in, err := in.clean(x.now())
	if err != nil {
		return in, err
	}
	var was Experience
	wasFelt := ""
	if in.ID == "" {
		// Together and FromBefore are the move's alone: a new experience has neither.
		in.ID, in.Together, in.FromBefore = uuid.NewString(), "", false
	} else {
		rec, ok, err := x.log.Record(ctx, in.ID)
		if err != nil {
			return in, err
		}
		if !ok || rec.Deleted || rec.Kind != Kind {
			return in, space.ErrNotFound
		}
		was = experienceOf(rec)
		in.AddedAt, in.Together, in.FromBefore = was.AddedAt, was.Together, was.FromBefore
		if wasFelt, err = x.feeling(ctx, in.ID); err != nil {
			return in, err
		}
	}
	drafts := changed(was, in)
	if in.HowItFelt != wasFelt {
		drafts = append(drafts, space.Draft{Record: FeelingID(in.ID, x.people.Me), Kind: KindFeeling,
			Parent: in.ID, Field: FieldHowItFelt, Value: in.HowItFelt})
	}
	if len(drafts) > 0 {
		_, err = x.log.Append(ctx, drafts...)
	}
	return in, err
}

// changed returns the changes that make was into now, one per field that differs, in a
// fixed order. For a new experience was is empty, so every field given is written.
func changed(was, now Experience) []space.Draft {
	var out []space.Draft
	for _, f := range []struct{ name, was, now string }{
		{FieldTitle, was.Title, now.Title},
		{FieldNote, was.Note, now.Note},
		{FieldStatus, was.Status, now.Status},
		{FieldPlannedOn, was.PlannedOn, now.PlannedOn},
		{FieldDoneOn, was.DoneOn, now.DoneOn},
		{FieldAddedAt, was.AddedAt, now.AddedAt},
	} {
		if f.was != f.now {
			out = append(out, space.Draft{Record: now.ID, Kind: Kind, Field: f.name, Value: f.now})
		}
	}
	return out
}

// feeling is the words of the person at this computer about experience, "" if none.
func (x *Experiences) feeling(ctx context.Context, experience string) (string, error) {
	rec, ok, err := x.log.Record(ctx, FeelingID(experience, x.people.Me))
	if err != nil || !ok {
		return "", err
	}
	return text(rec, FieldHowItFelt), nil
}

// Delete removes experience id from the list: its tombstone field is set, and everything
// written about it stays on the log, so an edit made elsewhere at the same time is not lost.
func (x *Experiences) Delete(ctx context.Context, id string) error {
	rec, ok, err := x.log.Record(ctx, id)
	if err != nil {
		return err
	}
	if !ok || rec.Deleted || rec.Kind != Kind {
		return space.ErrNotFound
	}
	_, err = x.log.Append(ctx, space.Draft{Record: id, Kind: Kind, Field: space.FieldDeleted, Value: true})
	return err
}
