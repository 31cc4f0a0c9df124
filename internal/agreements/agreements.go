// Package agreements owns the agreements a couple makes together and how each one lives:
// draft, proposed, agreed (both partners signed the current wording), active, up for review,
// and revised or retired. They live on the shared space's change log (package space): an
// agreement is a record whose fields (phase, current wording, review date) merge one by one;
// each wording is an immutable version whose id is derived from what it says and the version
// it revises; each partner's signature is their own record naming one version id. "Agreed"
// is never stored: it is read from the signatures on the current version, so two signatures
// made at the same moment on two computers both count once the copies meet. Nothing anyone
// wrote is lost: earlier wordings, the signatures on them and every value that lost a merge
// stay readable.
package agreements

import (
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goldseam/goldseam/internal/apperr"
)

// What an agreement shows as its status. Phases are stored (the field "phase"); "agreed" is
// never stored but derived from signatures (see status), and "up for review" is an active
// agreement whose review date has come.
const (
	Draft    = "draft"
	Proposed = "proposed"
	Agreed   = "agreed" // derived, never a phase
	Active   = "active"
	Retired  = "retired"
	// UpForReview is shown, never stored.
	UpForReview = "up-for-review"
)

// phases are the values the field "phase" may hold, in the order an agreement goes through
// them: while two phases are tied the earlier one is shown, so nothing counts as begun or
// retired until the two of you choose.
var phases = []string{Draft, Proposed, Active, Retired}

// Categories a couple can file an agreement under; they may also name their own.
var Categories = []string{"openness", "check-ins", "time-together", "boundaries", "behaviours"}

// Record kinds on the change log, and the fields of an agreement.
const (
	KindAgreement = "agreement"           // uuid; the fields below
	KindVersion   = "agreement-version"   // id derived from its content (versionID); FieldWhole only
	KindSignature = "agreement-signature" // space.PersonalRecordID(kind, version id, person)
	kindEvent     = "agreement-event"     // the old table's history lines; read only by the move

	FieldPhase    = "phase"    // draft, proposed, active or retired
	FieldCurrent  = "current"  // the id of the version in force
	FieldReviewOn = "reviewOn" // YYYY-MM-DD, or "" for none
	FieldNote     = "note"     // the few words said on retiring it
	FieldBefore   = "before"   // the history lines the old table kept, carried over by the move
)

// The old table used the same kind names.
const (
	kindAgreement = KindAgreement
	kindVersion   = KindVersion
	kindSignature = KindSignature
)

// ErrChanged means the agreement has another current version than the one being signed.
var ErrChanged = errors.New("the agreement changed since it was read")

// ErrNotFound means there is no agreement with that id.
var ErrNotFound = errors.New("agreement not found")

// Wording is what one version of an agreement says.
type Wording struct {
	What     string   `json:"what"`     // what we agree
	Why      string   `json:"why"`      // why it helps: protective, not punitive
	Actions  []string `json:"actions"`  // concrete things we will do
	Category string   `json:"category"` // one of Categories, or the couple's own word
}

const (
	maxText    = 20_000
	maxActions = 30
	maxName    = 60
)

func (w Wording) clean() (Wording, error) {
	w.What, w.Why, w.Category = strings.TrimSpace(w.What), strings.TrimSpace(w.Why), strings.TrimSpace(w.Category)
	var actions []string
	for _, a := range w.Actions {
		if a = strings.TrimSpace(a); a != "" {
			actions = append(actions, a)
		}
	}
	w.Actions = actions
	switch {
	case w.What == "":
		return w, apperr.New(apperr.Invalid, "Please write what you are agreeing to.")
	case utf8.RuneCountInString(w.What)+utf8.RuneCountInString(w.Why) > maxText:
		return w, apperr.New(apperr.Invalid, "This agreement is longer than Goldseam keeps in one piece; please shorten it.")
	case len(w.Actions) > maxActions:
		return w, apperr.Errorf(apperr.Invalid, "An agreement can list up to %d actions; a few clear ones work best.", maxActions)
	case utf8.RuneCountInString(w.Category) > maxName:
		return w, apperr.New(apperr.Invalid, "Please give the category a shorter name.")
	}
	for _, a := range w.Actions {
		if utf8.RuneCountInString(a) > maxText {
			return w, apperr.New(apperr.Invalid, "One action is longer than Goldseam keeps in one piece; please shorten it.")
		}
	}
	return w, nil
}

func (w Wording) same(o Wording) bool {
	return w.What == o.What && w.Why == o.Why && w.Category == o.Category && slices.Equal(w.Actions, o.Actions)
}

func checkDate(day string) error {
	if day == "" {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return apperr.New(apperr.Invalid, "Please give the review date as a date, for example 2027-03-01.")
	}
	return nil
}
