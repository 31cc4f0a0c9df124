// Package agreements owns the agreements a couple makes together and how each one lives:
// draft, proposed, agreed (both partners signed this version), active, up for review, and
// revised or retired. Every change of wording makes a new version; a signature belongs to one
// version, so changing an agreed text asks both partners to sign again. Every change is kept
// as history: who did what, and when. The records live in the shared space (package space).
package agreements

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// Statuses an agreement can have. "Up for review" is not stored: it is an active agreement
// whose review date has come.
const (
	Draft    = "draft"
	Proposed = "proposed"
	Agreed   = "agreed"
	Active   = "active"
	Retired  = "retired"
	// UpForReview is shown, never stored.
	UpForReview = "up-for-review"
)

// Categories a couple can file an agreement under; they may also name their own.
var Categories = []string{"openness", "check-ins", "time-together", "boundaries", "behaviours"}

// Record kinds in the shared space.
const (
	kindAgreement = "agreement"
	kindVersion   = "agreement-version"
	kindSignature = "agreement-signature"
	kindEvent     = "agreement-event"
)

// ErrChanged means the agreement has a newer version than the one being signed.
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

// Agreement is an agreement's current state.
type Agreement struct {
	ID         string    `json:"-"`
	Status     string    `json:"status"`
	Version    int       `json:"version"` // the current version's number
	ProposedBy string    `json:"proposedBy"`
	ReviewOn   string    `json:"reviewOn"` // YYYY-MM-DD; empty for none
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"-"`
}

// Version is one wording of an agreement, as it was written. It names its agreement inside
// the sealed record, and reading checks it (see belongs).
type Version struct {
	Agreement string    `json:"agreement,omitempty"` // empty only in versions written before it was kept
	Number    int       `json:"number"`
	Wording   Wording   `json:"wording"`
	ChangedBy string    `json:"changedBy"`
	At        time.Time `json:"at"`
}

// Signature is one partner's "I agree to this" to one version. It names its agreement inside
// the sealed record, and its record id is derived from agreement, version and name
// (signatureID); reading checks both.
type Signature struct {
	Agreement string    `json:"agreement,omitempty"` // empty only in signatures made before it was kept
	Version   int       `json:"version"`
	Name      string    `json:"name"`
	At        time.Time `json:"at"`
}

// Event is one line of an agreement's history.
type Event struct {
	What    string    `json:"what"` // wrote, revised, proposed, signed, agreed, began, renewed, retired
	By      string    `json:"by"`
	Version int       `json:"version"`
	Note    string    `json:"note"`
	At      time.Time `json:"at"`
}

// Detail is an agreement with everything it has been.
type Detail struct {
	Agreement
	Current    Version
	Versions   []Version   // oldest first
	Signatures []Signature // on the current version
	History    []Event     // oldest first
}

// Agreements keeps a couple's agreements in the shared space.
type Agreements struct{ space *space.Space }

// New returns the agreements kept in space.
func New(sp *space.Space) *Agreements { return &Agreements{space: sp} }

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

func cleanName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", apperr.New(apperr.Invalid, "Please say who is making this change.")
	}
	if utf8.RuneCountInString(name) > maxName {
		return "", apperr.New(apperr.Invalid, "Please use a shorter name.")
	}
	return name, nil
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

// Create writes the first draft of an agreement, proposed by by.
func (a *Agreements) Create(ctx context.Context, key *vault.ContentKey, w Wording, reviewOn, by string) (string, error) {
	w, err := w.clean()
	if err != nil {
		return "", err
	}
	if by, err = cleanName(by); err != nil {
		return "", err
	}
	if err := checkDate(reviewOn); err != nil {
		return "", err
	}
	id := uuid.NewString()
	now := a.space.Now()
	return id, a.space.Write(ctx, key, func(tx *space.Tx) error {
		ag := Agreement{Status: Draft, Version: 1, ProposedBy: by, ReviewOn: reviewOn, CreatedAt: now}
		if _, err := tx.Put(kindAgreement, id, "", ag); err != nil {
			return err
		}
		if _, err := tx.Put(kindVersion, "", id, Version{Agreement: id, Number: 1, Wording: w, ChangedBy: by, At: now}); err != nil {
			return err
		}
		return addEvent(tx, id, Event{What: "wrote", By: by, Version: 1, At: now})
	})
}

func addEvent(tx *space.Tx, agreement string, e Event) error {
	_, err := tx.Put(kindEvent, "", agreement, e)
	return err
}

// Revise writes a new version of an agreement's wording. An agreed or active agreement goes
// back to proposed: its signatures belonged to the old wording, so both sign again.
func (a *Agreements) Revise(ctx context.Context, key *vault.ContentKey, id string, w Wording, reviewOn, by string) error {
	w, err := w.clean()
	if err != nil {
		return err
	}
	if by, err = cleanName(by); err != nil {
		return err
	}
	if err := checkDate(reviewOn); err != nil {
		return err
	}
	d, err := a.Get(ctx, key, id)
	if err != nil {
		return err
	}
	if d.Status == Retired {
		return apperr.New(apperr.Invalid, "A retired agreement stays as it was. You can write a new one instead.")
	}
	if w.same(d.Current.Wording) {
		if reviewOn == d.ReviewOn {
			return apperr.New(apperr.Invalid, "Nothing has changed yet.")
		}
		// Only the review date moved: no new wording, nothing to sign again.
		return a.update(ctx, key, d.Agreement, func(ag *Agreement) { ag.ReviewOn = reviewOn },
			Event{What: "set the review date", By: by, Version: d.Version, Note: reviewOn})
	}
	now := a.space.Now()
	return a.space.Write(ctx, key, func(tx *space.Tx) error {
		ag := d.Agreement
		ag.Version++
		ag.ReviewOn = reviewOn
		if ag.Status == Agreed || ag.Status == Active {
			ag.Status = Proposed
		}
		if _, err := tx.Put(kindAgreement, id, "", ag); err != nil {
			return err
		}
		if _, err := tx.Put(kindVersion, "", id, Version{Agreement: id, Number: ag.Version, Wording: w, ChangedBy: by, At: now}); err != nil {
			return err
		}
		return addEvent(tx, id, Event{What: "revised", By: by, Version: ag.Version, At: now})
	})
}

func (a *Agreements) update(ctx context.Context, key *vault.ContentKey, ag Agreement, change func(*Agreement), e Event) error {
	change(&ag)
	e.At = a.space.Now()
	return a.space.Write(ctx, key, func(tx *space.Tx) error {
		if _, err := tx.Put(kindAgreement, ag.ID, "", ag); err != nil {
			return err
		}
		return addEvent(tx, ag.ID, e)
	})
}

// Propose asks the other partner to read a draft and sign it.
func (a *Agreements) Propose(ctx context.Context, key *vault.ContentKey, id, by string) error {
	return a.move(ctx, key, id, by, "proposed", []string{Draft}, "This agreement has already been put forward.",
		func(ag *Agreement) { ag.Status = Proposed }, "")
}

// Sign records name's "I agree to this" to version, which must be the current one. When
// both partners (partners holds their two names) have signed it, the agreement is agreed.
func (a *Agreements) Sign(ctx context.Context, key *vault.ContentKey, id string, version int, name string, partners [2]string) error {
	name, err := cleanName(name)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(partners[:], func(p string) bool { return strings.EqualFold(p, name) }) {
		return apperr.New(apperr.Invalid, "Please sign with one of the two names your agreements carry.")
	}
	d, err := a.Get(ctx, key, id)
	if err != nil {
		return err
	}
	if version != d.Version {
		return ErrChanged
	}
	switch d.Status {
	case Retired:
		return apperr.New(apperr.Invalid, "A retired agreement cannot be signed again.")
	case Agreed, Active:
		return apperr.New(apperr.Invalid, "You have both already agreed to this version.")
	}
	if slices.ContainsFunc(d.Signatures, func(s Signature) bool { return strings.EqualFold(s.Name, name) }) {
		return apperr.New(apperr.Invalid, name+" has already signed this version.")
	}
	now := a.space.Now()
	signed := append(slices.Clone(d.Signatures), Signature{Agreement: id, Version: version, Name: name, At: now})
	both := true
	for _, p := range partners {
		both = both && slices.ContainsFunc(signed, func(s Signature) bool { return strings.EqualFold(s.Name, p) })
	}
	return a.space.Write(ctx, key, func(tx *space.Tx) error {
		if _, err := tx.Put(kindSignature, signatureID(id, version, name), id, signed[len(signed)-1]); err != nil {
			return err
		}
		if err := addEvent(tx, id, Event{What: "signed", By: name, Version: version, At: now}); err != nil {
			return err
		}
		ag := d.Agreement
		ag.Status = Proposed
		if both {
			ag.Status = Agreed
		}
		if _, err := tx.Put(kindAgreement, id, "", ag); err != nil {
			return err
		}
		if both {
			return addEvent(tx, id, Event{What: "agreed", Version: version, At: now})
		}
		return nil
	})
}

// Begin makes an agreed agreement active: from now on, check-ins ask how it is going.
func (a *Agreements) Begin(ctx context.Context, key *vault.ContentKey, id, by string) error {
	return a.move(ctx, key, id, by, "began", []string{Agreed}, "Both of you need to sign this version before it begins.",
		func(ag *Agreement) { ag.Status = Active }, "")
}

// Renew keeps an active agreement as it is after a review, until reviewOn.
func (a *Agreements) Renew(ctx context.Context, key *vault.ContentKey, id, by, reviewOn string) error {
	if err := checkDate(reviewOn); err != nil {
		return err
	}
	return a.move(ctx, key, id, by, "reviewed and kept", []string{Active}, "Only an agreement you are keeping can be reviewed and kept.",
		func(ag *Agreement) { ag.ReviewOn = reviewOn }, reviewOn)
}

// Retire ends an agreement; it stays in the list of past agreements with its history.
func (a *Agreements) Retire(ctx context.Context, key *vault.ContentKey, id, by, note string) error {
	if utf8.RuneCountInString(note) > maxText {
		return apperr.New(apperr.Invalid, "Please keep the note shorter.")
	}
	return a.move(ctx, key, id, by, "retired", []string{Draft, Proposed, Agreed, Active}, "This agreement is already retired.",
		func(ag *Agreement) { ag.Status = Retired }, strings.TrimSpace(note))
}

func (a *Agreements) move(ctx context.Context, key *vault.ContentKey, id, by, what string, from []string, refused string, change func(*Agreement), note string) error {
	by, err := cleanName(by)
	if err != nil {
		return err
	}
	d, err := a.Get(ctx, key, id)
	if err != nil {
		return err
	}
	if !slices.Contains(from, d.Status) {
		return apperr.New(apperr.Invalid, refused)
	}
	return a.update(ctx, key, d.Agreement, change, Event{What: what, By: by, Version: d.Version, Note: note})
}

// Discard removes a draft that was never put forward, with its versions and history. What
// remains are tombstones, so a copy of the space elsewhere learns it is gone.
func (a *Agreements) Discard(ctx context.Context, key *vault.ContentKey, id string) error {
	d, err := a.Get(ctx, key, id)
	if err != nil {
		return err
	}
	if d.Status != Draft {
		return apperr.New(apperr.Invalid, "Only a draft can be thrown away. An agreement you have put forward can be retired instead, and keeps its history.")
	}
	var children []space.Record
	for _, kind := range []string{kindVersion, kindEvent, kindSignature} {
		list, err := a.space.List(ctx, key, kind, id)
		if err != nil {
			return err
		}
		children = append(children, list...)
	}
	return a.space.Write(ctx, key, func(tx *space.Tx) error {
		for _, c := range children {
			if err := tx.Delete(c.ID); err != nil {
				return err
			}
		}
		return tx.Delete(id)
	})
}
