package experiences

import (
	"context"
	"encoding/json"
	"sort"

	"github.com/goldseam/goldseam/internal/space"
)

// People are who the list is read and written for.
type People struct {
	// Me is the person at this computer: Save writes as them (the log's author must be them),
	// and List gives their words as Experience.HowItFelt.
	Me space.Person
	// Couple is both partners, in their settings' order: List gives a Feeling for each.
	Couple [2]space.Person
}

// Item is one experience as List shows it, with the record it was folded from, for saying
// who wrote what, and each partner's feeling.
type Item struct {
	Experience
	Record   space.RecordState
	Feelings [2]Feeling
}

// Feeling is one partner's words about how an experience felt.
type Feeling struct {
	Person space.Person
	// Record is the id of the feeling's record (FeelingID), which exists once they wrote.
	Record string
	Text   string
	// State is the record folded, for who wrote it, a tie and earlier words; Written is
	// false (and State empty) while the person has written nothing.
	State   space.RecordState
	Written bool
}

// List returns every live experience: planned ones by their day, then ideas as they were
// added, then done ones with the most recent first. A field in a tie shows its latest
// candidate; the record in the Item carries the tie whole.
func (x *Experiences) List(ctx context.Context) ([]Item, error) {
	exps, err := x.log.Kind(ctx, Kind)
	if err != nil {
		return nil, err
	}
	feelings, err := x.log.Kind(ctx, KindFeeling)
	if err != nil {
		return nil, err
	}
	out := make([]Item, 0, len(exps.Records))
	for id, rec := range exps.Records {
		if rec.Deleted {
			continue
		}
		item := Item{Experience: experienceOf(rec), Record: rec}
		for i, p := range x.people.Couple {
			item.Feelings[i] = feelingOf(feelings, id, p)
			if p.Role == x.people.Me.Role {
				item.HowItFelt = item.Feelings[i].Text
			}
		}
		out = append(out, item)
	}
	// sort, not slices: see docs/architecture.md, binary size.
	sort.Slice(out, func(i, j int) bool { return order(out[i].Experience, out[j].Experience) < 0 })
	return out, nil
}

func feelingOf(st space.State, experience string, p space.Person) Feeling {
	f := Feeling{Person: p, Record: FeelingID(experience, p)}
	rec, ok := st.Records[f.Record]
	if !ok || rec.Kind != KindFeeling || rec.Parent != experience {
		return f
	}
	f.State, f.Written, f.Text = rec, true, text(rec, FieldHowItFelt)
	return f
}

// experienceOf reads an experience record's fields.
func experienceOf(rec space.RecordState) Experience {
	return Experience{
		ID:         rec.ID,
		Title:      text(rec, FieldTitle),
		Note:       text(rec, FieldNote),
		Status:     text(rec, FieldStatus),
		PlannedOn:  text(rec, FieldPlannedOn),
		DoneOn:     text(rec, FieldDoneOn),
		AddedAt:    text(rec, FieldAddedAt),
		Together:   text(rec, FieldTogether),
		FromBefore: string(rec.Fields[FieldFromBefore].Shown()) == "true",
	}
}

// text is a text field's shown value, "" when it was never set.
func text(rec space.RecordState, field string) string {
	var s string
	if err := json.Unmarshal(rec.Fields[field].Shown(), &s); err != nil {
		return ""
	}
	return s
}
