package checkins

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"sort"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/reveal"
	"github.com/goldseam/goldseam/internal/space"
)

// Folded is a check-in as the change log holds it, with the records it was read from, so a
// screen can say who wrote what, show a tie and the earlier values.
type Folded struct {
	CheckIn CheckIn
	Record  space.RecordState   // the check-in's own record: its day, its deletion
	Answers []space.RecordState // each answer's record, in the order of CheckIn.Answers
}

// Read returns every live check-in on log, newest first. names are the couple's settings:
// an answer is named by its partner's place in them, so renaming a partner renames their
// answers too.
func Read(ctx context.Context, log *space.Log, names space.CoupleSettings) ([]Folded, error) {
	checks, err := log.Kind(ctx, kindCheckIn)
	if err != nil {
		return nil, err
	}
	answers, err := log.Kind(ctx, kindAnswer)
	if err != nil {
		return nil, err
	}
	opener, err := reveal.NewReader(ctx, log)
	if err != nil {
		return nil, err
	}
	byParent := map[string][]sealedAnswer{}
	for _, rec := range answers.Records {
		if !rec.Deleted {
			opened, hidden := opener.Unseal(rec)
			byParent[rec.Parent] = append(byParent[rec.Parent], sealedAnswer{opened, hidden})
		}
	}
	out := []Folded{}
	for _, rec := range checks.Records {
		if !rec.Deleted {
			out = append(out, folded(rec, byParent[rec.ID], names))
		}
	}
	// sort, not slices: see docs/architecture.md, binary size. The id breaks a same-day
	// tie, so every copy lists them alike.
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].CheckIn, out[j].CheckIn
		return a.On > b.On || (a.On == b.On && a.ID < b.ID)
	})
	return out, nil
}

// sealedAnswer is an answer's record as this computer can read it (reveal.Reader.Unseal):
// with what its sealed values hold, or, while hidden, nothing.
type sealedAnswer struct {
	space.RecordState
	hidden bool
}

// folded makes one check-in of its record and its answers' records, the answers in the
// order of the couple's names.
func folded(rec space.RecordState, answers []sealedAnswer, names space.CoupleSettings) Folded {
	f := Folded{Record: rec, CheckIn: CheckIn{ID: rec.ID, Answers: []Answer{}}}
	f.CheckIn.On = first[string](rec.Fields[fieldOn])
	if t, ok := settled[Together](rec.Fields[fieldTogether]); ok {
		f.CheckIn.Together = &t
	}
	place := func(a sealedAnswer) int {
		for i := range names.Names {
			if a.ID == space.PersonalRecordID(kindAnswer, rec.ID, names.Partner(i)) {
				return i
			}
		}
		return len(names.Names)
	}
	sort.Slice(answers, func(i, j int) bool { // sort, not slices: binary size
		pi, pj := place(answers[i]), place(answers[j])
		return pi < pj || (pi == pj && answers[i].ID < answers[j].ID)
	})
	for _, a := range answers {
		name := writerName(a.RecordState)
		if i := place(a); i < len(names.Names) && names.Names[i] != "" {
			name = names.Names[i]
		}
		ans := answerOf(a.RecordState, name)
		ans.Hidden = a.hidden
		f.CheckIn.Answers = append(f.CheckIn.Answers, ans)
		f.Answers = append(f.Answers, a.RecordState)
	}
	return f
}

// answerOf reads one answer record. A field two of one partner's computers changed at once
// (a tie) reads as unanswered until the partner chooses; the screen shows both values.
func answerOf(rec space.RecordState, name string) Answer {
	a := Answer{Name: name, Items: []Item{}}
	a.Ratings, _ = settled[Ratings](rec.Fields[fieldRatings])
	if items, ok := settled[[]Item](rec.Fields[fieldItems]); ok && items != nil {
		a.Items = items
	}
	a.WentWell, _ = settled[string](rec.Fields[fieldWentWell])
	a.Hard, _ = settled[string](rec.Fields[fieldHard])
	a.Try, _ = settled[string](rec.Fields[fieldTry])
	return a
}

// writerName is the name an answer's first change was written under: for an answer whose
// partner is not one of the two places (never written by Goldseam, but a copy may hold it).
func writerName(rec space.RecordState) string {
	name, clock := "", int64(0)
	for _, f := range rec.Fields {
		for _, e := range append(append([]space.Entry{}, f.History...), f.Current...) {
			if clock == 0 || e.Clock < clock {
				name, clock = e.Person.Name, e.Clock
			}
		}
	}
	return name
}

// settled decodes a field's value; false when it has none or is in a tie.
func settled[T any](f space.FieldState) (T, bool) {
	var v T
	raw, ok := f.Value()
	return v, ok && json.Unmarshal(raw, &v) == nil
}

// first decodes a field's value, or during a tie its first candidate by clock and change
// id, the same on every copy: a check-in's day must be some day to be listed and to count
// for when the next one is due, while the screen shows the tie.
func first[T any](f space.FieldState) T {
	var v T
	if len(f.Current) > 0 {
		_ = json.Unmarshal(f.Current[0].Value, &v)
	}
	return v
}

// Save keeps in: a new check-in when in.ID is empty, else the given answers (and day) of
// the check-in in.ID. log is appended to as the person at this computer, who writes the
// check-in's day; each answer is written as its own partner (Draft.By), signed by this
// computer, all in one append. Only fields that differ from what the log holds are written,
// so saving again makes no tie. It returns the check-in's id.
func Save(ctx context.Context, log *space.Log, names space.CoupleSettings, in CheckIn) (string, error) {
	return save(ctx, log, names, in, false)
}

// SaveSealed is Save on a computer paired with the partner's, where each answer is the
// person's own and is kept hidden from the partner until both have answered
// (internal/reveal): an answer is written whole, sealed, as one change of the field
// reveal.FieldSealed whenever anything in it changed, and the releases this device then owes
// are appended at once (reveal.Pass). The day stays in the clear, as the due date needs it.
func SaveSealed(ctx context.Context, log *space.Log, names space.CoupleSettings, in CheckIn) (string, error) {
	id, err := save(ctx, log, names, in, true)
	if err != nil {
		return "", err
	}
	_, err = reveal.Pass(ctx, log)
	return id, err
}

func save(ctx context.Context, log *space.Log, names space.CoupleSettings, in CheckIn, sealed bool) (string, error) {
	if err := checkDay(in.On); err != nil {
		return "", err
	}
	answers, err := cleanAnswers(in.Answers, names)
	if err != nil {
		return "", err
	}
	var rec space.RecordState
	if in.ID == "" {
		if len(answers) == 0 {
			return "", errEmpty
		}
		in.ID = uuid.NewString()
	} else if rec, err = live(ctx, log, in.ID); err != nil {
		return "", err
	}
	// The day and every answer go in one append, so a failure keeps none of them rather than
	// one partner's answer without the other's.
	drafts := changed(rec, space.Draft{Record: in.ID, Kind: kindCheckIn, Field: fieldOn, Value: in.On})
	write := answerDrafts
	if sealed {
		write = sealedAnswerDrafts
	}
	for _, pa := range answers {
		ds, err := write(ctx, log, in.ID, pa)
		if err != nil {
			return "", err
		}
		drafts = append(drafts, ds...)
	}
	if len(drafts) > 0 {
		if _, err := log.Append(ctx, drafts...); err != nil {
			return "", err
		}
	}
	return in.ID, nil
}

// live returns the check-in id, refusing one that is not there or was deleted.
func live(ctx context.Context, log *space.Log, id string) (space.RecordState, error) {
	rec, ok, err := log.Record(ctx, id)
	if err != nil {
		return rec, err
	}
	if !ok || rec.Deleted || rec.Kind != kindCheckIn {
		return rec, errGone
	}
	return rec, nil
}

type personAnswer struct {
	person space.Person
	answer Answer
}

// cleanAnswers checks each answer and names its partner, leaving out answers with nothing
// in them (a partner who did not answer).
func cleanAnswers(in []Answer, names space.CoupleSettings) ([]personAnswer, error) {
	var out []personAnswer
	for _, a := range in {
		a, err := a.clean()
		if err != nil {
			return nil, err
		}
		if a.empty() {
			continue
		}
		p, ok := names.PartnerNamed(a.Name)
		if !ok {
			return nil, errWho
		}
		for _, o := range out {
			if o.person.Role == p.Role {
				return nil, errTwice
			}
		}
		out = append(out, personAnswer{p, a})
	}
	return out, nil
}

// answerDrafts are the changes that write a partner's answer to check-in id, as them: only
// the fields that differ from what log holds.
func answerDrafts(ctx context.Context, log *space.Log, id string, pa personAnswer) ([]space.Draft, error) {
	rid := space.PersonalRecordID(kindAnswer, id, pa.person)
	rec, _, err := log.Record(ctx, rid)
	if err != nil {
		return nil, err
	}
	by := pa.person
	items := pa.answer.Items
	if items == nil {
		items = []Item{}
	}
	d := func(field string, v any) space.Draft {
		return space.Draft{Record: rid, Kind: kindAnswer, Parent: id, Field: field, Value: v, By: &by}
	}
	return changed(rec, d(fieldRatings, pa.answer.Ratings), d(fieldItems, items),
		d(fieldWentWell, pa.answer.WentWell), d(fieldHard, pa.answer.Hard), d(fieldTry, pa.answer.Try)), nil
}

// sealedAnswerDrafts is the change that writes a partner's answer to check-in id whole and
// sealed (reveal.Draft), or none when it holds what this computer already reads as theirs.
func sealedAnswerDrafts(ctx context.Context, log *space.Log, id string, pa personAnswer) ([]space.Draft, error) {
	rec, _, err := log.Record(ctx, space.PersonalRecordID(kindAnswer, id, pa.person))
	if err != nil {
		return nil, err
	}
	opener, err := reveal.NewReader(ctx, log)
	if err != nil {
		return nil, err
	}
	items := pa.answer.Items
	if items == nil {
		items = []Item{}
	}
	whole := sealedFields{Ratings: pa.answer.Ratings, Items: items, WentWell: pa.answer.WentWell, Hard: pa.answer.Hard, Try: pa.answer.Try}
	if opened, hidden := opener.Unseal(rec); !hidden && len(rec.Fields) > 0 {
		now := answerOf(opened, "")
		if reflect.DeepEqual(whole, sealedFields{now.Ratings, now.Items, now.WentWell, now.Hard, now.Try}) {
			return nil, nil
		}
	}
	d, err := reveal.Draft(log.Signer(), kindAnswer, id, pa.person, whole)
	if err != nil {
		return nil, err
	}
	return []space.Draft{d}, nil
}

// sealedFields is what a sealed answer holds: the answer's fields under their field names,
// which reveal.Reader.Unseal gives back as the record's fields.
type sealedFields struct {
	Ratings  Ratings `json:"ratings"`
	Items    []Item  `json:"items"`
	WentWell string  `json:"wentWell"`
	Hard     string  `json:"hard"`
	Try      string  `json:"try"`
}

// changed keeps the drafts that would change rec: a field it lacks (unless the draft's
// value is empty), a field in a tie, or a field holding another value.
func changed(rec space.RecordState, drafts ...space.Draft) []space.Draft {
	var out []space.Draft
	for _, d := range drafts {
		v, _ := json.Marshal(d.Value) // strings and structs of ints and strings: never fails
		f, had := rec.Fields[d.Field]
		now, ok := f.Value()
		switch {
		case !had && isEmpty(v):
		case had && ok && bytes.Equal(now, v):
		default:
			out = append(out, d)
		}
	}
	return out
}

func isEmpty(v []byte) bool {
	for _, e := range []string{`""`, `[]`, `null`, `{"safety":null,"trust":null,"connection":null}`} {
		if string(v) == e {
			return true
		}
	}
	return false
}

// Delete deletes the check-in id, leaving its tombstone on the log; its answers go with it.
func Delete(ctx context.Context, log *space.Log, id string) error {
	if _, err := live(ctx, log, id); err != nil {
		return err
	}
	_, err := log.Append(ctx, space.Draft{Record: id, Kind: kindCheckIn, Field: space.FieldDeleted, Value: true})
	return err
}
