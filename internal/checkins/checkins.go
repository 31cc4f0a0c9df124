// Package checkins owns the couple's regular check-ins: for each active agreement whether it
// was kept, a struggle, or not relevant this time; each partner's 0-10 sense of safety, trust
// and connection; and what went well, what was hard, and what to try. It also turns them into
// a trend over weeks and months. It never concludes anything from the numbers: whether trust
// has come back is for the partner who was hurt to judge, not for Goldseam.
//
// Check-ins live on the shared space's change log (internal/space): a check-in is a record of
// kind "checkin" holding its day, and each partner's answer is its own record of kind
// "checkin-answer" under it (space.PersonalRecordID), so two partners answering at once on
// two computers both keep their words. On a computer paired with the partner's, an answer is
// written whole and sealed (SaveSealed, internal/reveal), so the partner sees it only once both
// have answered. Check-ins kept before the log are in the old table (old.go) until Move
// carries them over.
package checkins

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/space"
)

// The kinds of record a check-in is made of, and their fields.
const (
	kindCheckIn = "checkin"
	kindAnswer  = "checkin-answer"

	fieldOn       = "on"
	fieldTogether = "together" // words written together before the log; read only
	fieldRatings  = "ratings"
	fieldItems    = "items"
	fieldWentWell = "wentWell"
	fieldHard     = "hard"
	fieldTry      = "try"
)

// Outcomes an agreement can have at a check-in.
var Outcomes = []string{"kept", "struggled", "not-relevant"}

// Item is how one agreement went since the last check-in.
type Item struct {
	AgreementID string `json:"agreementId"`
	What        string `json:"what"` // the agreement's wording when checked, so the history reads on its own
	Outcome     string `json:"outcome"`
	Note        string `json:"note"`
}

// Ratings are one partner's sense of how things are, each from 0 to 10; nil is not answered.
type Ratings struct {
	Safety     *int `json:"safety"`
	Trust      *int `json:"trust"`
	Connection *int `json:"connection"`
}

// Answer is one partner's own answer to a check-in: their ratings, how they saw each
// agreement kept, and their own words.
type Answer struct {
	// Name is whose answer it is: one of the couple's two names. Read back, it is the name
	// the couple's settings now give that partner.
	Name     string  `json:"name"`
	Ratings  Ratings `json:"ratings"`
	Items    []Item  `json:"items"`
	WentWell string  `json:"wentWell"`
	Hard     string  `json:"hard"`
	Try      string  `json:"try"`
	// Hidden says this partner's answer is on this computer, locked, and cannot be opened here
	// yet (internal/reveal): nothing of it is given, only the name. The screen shows "waiting
	// for" them, which says nothing of whether they have looked at anything.
	Hidden bool `json:"hidden,omitempty"`
}

// Together is what a check-in kept before the change log held words nobody can be named
// for: written at one keyboard for both. It is kept as it was, read only.
type Together struct {
	Items    []Item `json:"items"`
	WentWell string `json:"wentWell"`
	Hard     string `json:"hard"`
	Try      string `json:"try"`
	// Ratings are old ratings under a name that is neither partner's name now, kept with it.
	Ratings []Rating `json:"ratings"`
}

// CheckIn is one check-in: its day and each partner's answer.
type CheckIn struct {
	ID      string   `json:"id"`
	On      string   `json:"on"` // YYYY-MM-DD
	Answers []Answer `json:"answers"`
	// Together is the words of a check-in made before the change log; nil for newer ones.
	// Saving never changes it.
	Together *Together `json:"together"`
}

const maxText = 20_000

// The sentences a refused check-in is refused with.
var (
	errDay     = apperr.New(apperr.Invalid, "Please give the day of the check-in as a date.")
	errOutcome = apperr.New(apperr.Invalid, "For each agreement, please choose kept, a struggle, or not relevant this time.")
	errRating  = apperr.New(apperr.Invalid, "Each rating is a number from 0 to 10.")
	errLong    = apperr.New(apperr.Invalid, "This check-in is longer than Goldseam keeps in one piece; please shorten it.")
	errEmpty   = apperr.New(apperr.Invalid, "There is nothing to keep yet: answer at least one question.")
	errWho     = apperr.New(apperr.Invalid, "Each answer is kept under one of your two names: please set both names first.")
	errTwice   = apperr.New(apperr.Invalid, "Each of you answers a check-in once; please keep one answer each.")
	errGone    = apperr.New(apperr.NotFound, "That check-in is no longer here.")
)

func checkDay(on string) error {
	if _, err := time.Parse(time.DateOnly, on); err != nil {
		return errDay
	}
	return nil
}

func (r Ratings) check() error {
	for _, v := range []*int{r.Safety, r.Trust, r.Connection} {
		if v != nil && (*v < 0 || *v > 10) {
			return errRating
		}
	}
	return nil
}

func (r Ratings) empty() bool { return r.Safety == nil && r.Trust == nil && r.Connection == nil }

// clean checks one answer and tidies its words.
func (a Answer) clean() (Answer, error) {
	a.Items = slices.Clone(a.Items)
	for i, it := range a.Items {
		if !slices.Contains(Outcomes, it.Outcome) {
			return a, errOutcome
		}
		a.Items[i].Note = strings.TrimSpace(it.Note)
	}
	if err := a.Ratings.check(); err != nil {
		return a, err
	}
	a.WentWell, a.Hard, a.Try = strings.TrimSpace(a.WentWell), strings.TrimSpace(a.Hard), strings.TrimSpace(a.Try)
	total := utf8.RuneCountInString(a.WentWell + a.Hard + a.Try)
	for _, it := range a.Items {
		total += utf8.RuneCountInString(it.Note)
	}
	if total > maxText {
		return a, errLong
	}
	return a, nil
}

// Blank reports whether a holds nothing once cleaned: Save writes nothing for it.
func (a Answer) Blank() bool {
	c, err := a.clean()
	return err == nil && c.empty()
}

func (a Answer) empty() bool {
	return a.Ratings.empty() && len(a.Items) == 0 && a.WentWell == "" && a.Hard == "" && a.Try == ""
}

// NextDue returns the day the next check-in falls due under rhythm, given the latest
// check-in's day; with no check-in yet it is today. It is a gentle reminder, never a debt:
// a missed week does not pile up.
func NextDue(latest, rhythm, today string) string {
	if latest == "" {
		return today
	}
	days, ok := space.Rhythms[rhythm]
	if !ok {
		days = space.Rhythms[space.DefaultRhythm]
	}
	d, err := time.Parse(time.DateOnly, latest)
	if err != nil {
		return today
	}
	return d.AddDate(0, 0, days).Format(time.DateOnly)
}
