// Package experiences owns the couple's list of new good experiences: simple things to do
// together, from an idea, to a planned day, to done with a note of how it felt. They live in
// the shared space.
package experiences

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/space"
)

const kind = "experience"

// Statuses an experience moves through.
const (
	Idea    = "idea"
	Planned = "planned"
	Done    = "done"
)

// Experience is one shared activity.
type Experience struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Note      string `json:"note"` // the idea in a few words
	Status    string `json:"status"`
	PlannedOn string `json:"plannedOn"` // YYYY-MM-DD, once planned
	DoneOn    string `json:"doneOn"`    // YYYY-MM-DD, once done
	HowItFelt string `json:"howItFelt"`
	AddedAt   string `json:"addedAt"` // RFC 3339, set when first kept
}

// Experiences keeps the list in the shared space: Save (a new one when its id is empty),
// Delete (leaving a tombstone) and List (planned ones by their day, then ideas, then done
// ones with the most recent first).
type Experiences struct {
	*space.Collection[Experience]
}

// New returns the experiences kept in sp.
func New(sp *space.Space) *Experiences {
	return &Experiences{space.NewCollection(sp, kind, space.Rules[Experience]{
		ID:    func(e *Experience) *string { return &e.ID },
		Clean: Experience.clean,
		Order: order,
	})}
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
// done ones with the most recent first.
func order(a, b Experience) int {
	if statusOrder[a.Status] != statusOrder[b.Status] {
		return statusOrder[a.Status] - statusOrder[b.Status]
	}
	switch a.Status {
	case Planned:
		return strings.Compare(a.PlannedOn, b.PlannedOn)
	case Done:
		return strings.Compare(b.DoneOn, a.DoneOn)
	}
	return strings.Compare(a.AddedAt, b.AddedAt)
}
