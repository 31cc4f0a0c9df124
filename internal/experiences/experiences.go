// Package experiences owns the couple's list of new good experiences: simple things to do
// together, from an idea, to a planned day, to done with each partner's note of how it felt.
// They live on the shared space's change log (space.Log): an experience is a record of kind
// "experience" whose fields merge one by one, and how it felt is each person's own record of
// kind "experience-feeling" under it, so two partners noting it at the same moment both keep
// their words.
package experiences

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/space"
)

// The kinds of record on the change log.
const (
	Kind        = "experience"
	KindFeeling = "experience-feeling"
)

// The fields of an experience record, and of a feeling record (FieldHowItFelt).
const (
	FieldTitle     = "title"
	FieldNote      = "note"
	FieldStatus    = "status"
	FieldPlannedOn = "plannedOn"
	FieldDoneOn    = "doneOn"
	FieldAddedAt   = "addedAt"
	// FieldTogether is how it felt as written before each person had their own words: one
	// text on one computer, which nobody can say who wrote. Only the move writes it.
	FieldTogether = "together"
	// FieldFromBefore marks an experience carried over from before Goldseam noted who wrote
	// what, so its first change is not shown as anyone's adding it. Only the move writes it.
	FieldFromBefore = "fromBefore"
	FieldHowItFelt  = "howItFelt"
)

// Statuses an experience moves through.
const (
	Idea    = "idea"
	Planned = "planned"
	Done    = "done"
)

// Experience is one shared activity, as a person edits it at this computer.
type Experience struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Note      string `json:"note"` // the idea in a few words
	Status    string `json:"status"`
	PlannedOn string `json:"plannedOn"` // YYYY-MM-DD, once planned
	DoneOn    string `json:"doneOn"`    // YYYY-MM-DD, once done
	// HowItFelt is the words of the person at this computer; the partner's are their own
	// record (Feeling), never written from here.
	HowItFelt string `json:"howItFelt"`
	AddedAt   string `json:"addedAt"` // RFC 3339, set when first kept
	// Together and FromBefore are read-only: see FieldTogether and FieldFromBefore.
	Together   string `json:"together"`
	FromBefore bool   `json:"fromBefore"`
}

func validDay(day string) bool {
	_, err := time.Parse(time.DateOnly, day)
	return err == nil
}

// clean checks what a person gave and tidies it; a new experience is stamped with now.
func (e Experience) clean(now time.Time) (Experience, error) {
	e.Title, e.Note, e.HowItFelt = strings.TrimSpace(e.Title), strings.TrimSpace(e.Note), strings.TrimSpace(e.HowItFelt)
	switch {
	case e.Title == "":
		return e, apperr.New(apperr.Invalid, "Please give the idea a few words, for example \"a walk by the river\".")
	case utf8.RuneCountInString(e.Title) > 200:
		return e, apperr.New(apperr.Invalid, "Please keep the title short; there is room for more in the note.")
	case utf8.RuneCountInString(e.Note+e.HowItFelt) > 20_000:
		return e, apperr.New(apperr.Invalid, "This is longer than Goldseam keeps in one piece; please shorten it.")
	case !slices.Contains([]string{Idea, Planned, Done}, e.Status):
		return e, apperr.New(apperr.Invalid, "An experience is an idea, planned, or done.")
	case e.Status == Planned && !validDay(e.PlannedOn):
		return e, apperr.New(apperr.Invalid, "Please choose the day you plan it for.")
	case e.Status == Done && !validDay(e.DoneOn):
		return e, apperr.New(apperr.Invalid, "Please give the day you did it.")
	case e.PlannedOn != "" && !validDay(e.PlannedOn):
		return e, apperr.New(apperr.Invalid, "Please give the planned day as a date.")
	}
	if e.AddedAt == "" {
		e.AddedAt = now.UTC().Format(time.RFC3339)
	}
	return e, nil
}

// statusOrder is where each status comes in the list.
var statusOrder = map[string]int{Planned: 0, Idea: 1, Done: 2}

// order puts planned experiences first by their day, then ideas as they were added, then
// done ones with the most recent first. Equal ones go by id, so every copy lists alike.
func order(a, b Experience) int {
	if statusOrder[a.Status] != statusOrder[b.Status] {
		return statusOrder[a.Status] - statusOrder[b.Status]
	}
	by := 0
	switch a.Status {
	case Planned:
		by = strings.Compare(a.PlannedOn, b.PlannedOn)
	case Done:
		by = strings.Compare(b.DoneOn, a.DoneOn)
	}
	if by == 0 {
		by = strings.Compare(a.AddedAt, b.AddedAt)
	}
	if by == 0 {
		by = strings.Compare(a.ID, b.ID)
	}
	return by
}

// FeelingID is the id of the record holding p's words about how experience felt: the same
// on every copy and every device of p.
func FeelingID(experience string, p space.Person) string {
	return space.PersonalRecordID(KindFeeling, experience, p)
}
