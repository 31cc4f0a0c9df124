package api

import (
	"context"
	"time"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Agreements is the service behind the agreements screens: making, signing, reviewing and
// retiring the agreements a couple makes together.
type Agreements struct{ k sharedKey }

// NewAgreements returns the Agreements service over db (nil when the data file is unusable).
func NewAgreements(db *store.DB, s *session.Session) *Agreements {
	return &Agreements{newSharedKey(db, s)}
}

// AgreementInput is a wording and review date, and who is writing it.
type AgreementInput struct {
	What     string   `json:"what"`
	Why      string   `json:"why"`
	Actions  []string `json:"actions"`
	Category string   `json:"category"`
	ReviewOn string   `json:"reviewOn"`
	By       string   `json:"by"`
}

// AgreementVersion is one wording of an agreement.
type AgreementVersion struct {
	Number    int      `json:"number"`
	What      string   `json:"what"`
	Why       string   `json:"why"`
	Actions   []string `json:"actions"`
	Category  string   `json:"category"`
	ChangedBy string   `json:"changedBy"`
	At        string   `json:"at"` // RFC 3339
}

// AgreementSignature is one partner's "I agree to this" to the current version.
type AgreementSignature struct {
	Name string `json:"name"`
	At   string `json:"at"`
}

// AgreementEvent is one line of an agreement's history.
type AgreementEvent struct {
	What    string `json:"what"`
	By      string `json:"by"`
	Version int    `json:"version"`
	Note    string `json:"note"`
	At      string `json:"at"`
}

// AgreementView is an agreement as the screens show it.
type AgreementView struct {
	ID         string               `json:"id"`
	Status     string               `json:"status"` // draft, proposed, agreed, active, up-for-review, retired
	Version    int                  `json:"version"`
	ProposedBy string               `json:"proposedBy"`
	ReviewOn   string               `json:"reviewOn"`
	CreatedAt  string               `json:"createdAt"`
	Current    AgreementVersion     `json:"current"`
	Versions   []AgreementVersion   `json:"versions"`
	Signatures []AgreementSignature `json:"signatures"`
	History    []AgreementEvent     `json:"history"`
}

func stamp(t time.Time) string { return t.Format(time.RFC3339) }

func versionView(v agreements.Version) AgreementVersion {
	w := v.Wording
	if w.Actions == nil {
		w.Actions = []string{}
	}
	return AgreementVersion{Number: v.Number, What: w.What, Why: w.Why, Actions: w.Actions, Category: w.Category, ChangedBy: v.ChangedBy, At: stamp(v.At)}
}

func agreementView(d agreements.Detail, today string) AgreementView {
	out := AgreementView{ID: d.ID, Status: d.Shown(today), Version: d.Version, ProposedBy: d.ProposedBy, ReviewOn: d.ReviewOn,
		CreatedAt: stamp(d.CreatedAt), Current: versionView(d.Current),
		Versions: []AgreementVersion{}, Signatures: []AgreementSignature{}, History: []AgreementEvent{}}
	for _, v := range d.Versions {
		out.Versions = append(out.Versions, versionView(v))
	}
	for _, s := range d.Signatures {
		out.Signatures = append(out.Signatures, AgreementSignature{Name: s.Name, At: stamp(s.At)})
	}
	for _, e := range d.History {
		out.History = append(out.History, AgreementEvent{What: e.What, By: e.By, Version: e.Version, Note: e.Note, At: stamp(e.At)})
	}
	return out
}

func (in AgreementInput) wording() agreements.Wording {
	return agreements.Wording{What: in.What, Why: in.Why, Actions: in.Actions, Category: in.Category}
}

// List returns every agreement, in the order they were made.
func (a *Agreements) List() ([]AgreementView, error) {
	return withKey(a.k.keyed, func(ctx context.Context, key *vault.ContentKey) ([]AgreementView, error) {
		list, err := agreements.New(a.k.space).List(ctx, key)
		out := []AgreementView{}
		for _, d := range list {
			out = append(out, agreementView(d, a.k.today()))
		}
		return out, err
	})
}

// Get returns one agreement with its versions, signatures and history.
func (a *Agreements) Get(id string) (AgreementView, error) {
	return a.change(id, func(context.Context, *vault.ContentKey, *agreements.Agreements) error { return nil })
}

// change runs fn on the agreements and returns agreement id as it is afterwards.
func (a *Agreements) change(id string, fn func(ctx context.Context, key *vault.ContentKey, ag *agreements.Agreements) error) (AgreementView, error) {
	return withKey(a.k.keyed, func(ctx context.Context, key *vault.ContentKey) (AgreementView, error) {
		ag := agreements.New(a.k.space)
		if err := fn(ctx, key, ag); err != nil {
			return AgreementView{}, err
		}
		d, err := ag.Get(ctx, key, id)
		return agreementView(d, a.k.today()), err
	})
}

// Create writes the first draft of an agreement.
func (a *Agreements) Create(in AgreementInput) (AgreementView, error) {
	id, err := withKey(a.k.keyed, func(ctx context.Context, key *vault.ContentKey) (string, error) {
		return agreements.New(a.k.space).Create(ctx, key, in.wording(), in.ReviewOn, in.By)
	})
	if err != nil {
		return AgreementView{}, err
	}
	return a.Get(id)
}

// Revise writes a new version; an agreed or active agreement then needs both signatures again.
func (a *Agreements) Revise(id string, in AgreementInput) (AgreementView, error) {
	return a.change(id, func(ctx context.Context, key *vault.ContentKey, ag *agreements.Agreements) error {
		return ag.Revise(ctx, key, id, in.wording(), in.ReviewOn, in.By)
	})
}

// Propose puts a draft forward for both partners to read and sign.
func (a *Agreements) Propose(id, by string) (AgreementView, error) {
	return a.change(id, func(ctx context.Context, key *vault.ContentKey, ag *agreements.Agreements) error {
		return ag.Propose(ctx, key, id, by)
	})
}

// Sign records name's "I agree to this" to version, which must still be the current one.
func (a *Agreements) Sign(id string, version int, name string) (AgreementView, error) {
	return a.change(id, func(ctx context.Context, key *vault.ContentKey, ag *agreements.Agreements) error {
		set, err := a.k.space.Settings(ctx, key)
		if err != nil {
			return err
		}
		if set.Names[0] == "" {
			return apperr.New(apperr.Invalid, "Please first give the two names your agreements carry.")
		}
		return ag.Sign(ctx, key, id, version, name, set.Names)
	})
}

// Begin starts keeping an agreement both partners signed.
func (a *Agreements) Begin(id, by string) (AgreementView, error) {
	return a.change(id, func(ctx context.Context, key *vault.ContentKey, ag *agreements.Agreements) error {
		return ag.Begin(ctx, key, id, by)
	})
}

// Renew keeps an agreement as it is after a review, until the next review date.
func (a *Agreements) Renew(id, by, reviewOn string) (AgreementView, error) {
	return a.change(id, func(ctx context.Context, key *vault.ContentKey, ag *agreements.Agreements) error {
		return ag.Renew(ctx, key, id, by, reviewOn)
	})
}

// Retire ends an agreement; it keeps its history.
func (a *Agreements) Retire(id, by, note string) (AgreementView, error) {
	return a.change(id, func(ctx context.Context, key *vault.ContentKey, ag *agreements.Agreements) error {
		return ag.Retire(ctx, key, id, by, note)
	})
}

// Discard throws away a draft that was never put forward.
func (a *Agreements) Discard(id string) error {
	return a.k.do(func(ctx context.Context, key *vault.ContentKey) error {
		return agreements.New(a.k.space).Discard(ctx, key, id)
	})
}
