package api

import (
	"context"
	"time"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Agreements is the service behind the agreements screens: making, signing, reviewing and
// retiring the agreements a couple makes together, kept on the shared change log.
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

func (in AgreementInput) wording() agreements.Wording {
	return agreements.Wording{What: in.What, Why: in.Why, Actions: in.Actions, Category: in.Category}
}

func stamp(t time.Time) string { return t.Format(time.RFC3339) }

// List returns every agreement, in the order they were made.
func (a *Agreements) List() ([]AgreementView, error) {
	return readLog(a.k, func(ctx context.Context, log *space.Log) ([]AgreementView, error) {
		here, err := a.k.here(ctx)
		if err != nil {
			return nil, err
		}
		list, err := agreements.New(log).List(ctx)
		out := []AgreementView{}
		for _, d := range list {
			out = append(out, agreementView(d, a.k.today(), here))
		}
		return out, err
	})
}

// Get returns one agreement with its versions, signatures, ties and history.
func (a *Agreements) Get(id string) (AgreementView, error) {
	return readLog(a.k, func(ctx context.Context, log *space.Log) (AgreementView, error) {
		return a.view(ctx, log, id)
	})
}

func (a *Agreements) view(ctx context.Context, log *space.Log, id string) (AgreementView, error) {
	here, err := a.k.here(ctx)
	if err != nil {
		return AgreementView{}, err
	}
	d, err := agreements.New(log).Get(ctx, id)
	return agreementView(d, a.k.today(), here), err
}

// couple returns the two partners' names, which every change to an agreement is made as.
func (a *Agreements) couple() (space.CoupleSettings, error) {
	return withKey(a.k.keyed, func(ctx context.Context, key *vault.ContentKey) (space.CoupleSettings, error) {
		set, err := a.k.space.Settings(ctx, key)
		if err == nil && set.Names[0] == "" {
			err = apperr.New(apperr.Invalid, "Please first give the two names your agreements carry.")
		}
		return set, err
	})
}

// change runs fn as the partner named by (one keyboard, two people: the page says who is
// acting), on this computer's device, and returns the agreement as it is afterwards: id, or
// the one fn made when it returns an id.
func (a *Agreements) change(id, by string, fn func(ctx context.Context, ag *agreements.Agreements, p space.Person) (string, error)) (AgreementView, error) {
	set, err := a.couple()
	if err != nil {
		return AgreementView{}, err
	}
	p, ok := set.PartnerNamed(by)
	if !ok {
		return AgreementView{}, apperr.New(apperr.Invalid, "Please choose which of you is doing this: "+set.Names[0]+" or "+set.Names[1]+".")
	}
	return withLog(a.k, p, func(ctx context.Context, log *space.Log) (AgreementView, error) {
		if err := a.k.actingAs(ctx, log.Key(), set, p); err != nil {
			return AgreementView{}, err
		}
		made, err := fn(ctx, agreements.New(log), p)
		if err != nil {
			return AgreementView{}, err
		}
		if made != "" {
			id = made
		}
		return a.view(ctx, log, id)
	})
}

// Create writes the first draft of an agreement.
func (a *Agreements) Create(in AgreementInput) (AgreementView, error) {
	return a.change("", in.By, func(ctx context.Context, ag *agreements.Agreements, p space.Person) (string, error) {
		return ag.Create(ctx, in.wording(), in.ReviewOn, p)
	})
}

// step adapts a write that makes no new agreement to change.
func step(fn func(ctx context.Context, ag *agreements.Agreements, p space.Person) error) func(context.Context, *agreements.Agreements, space.Person) (string, error) {
	return func(ctx context.Context, ag *agreements.Agreements, p space.Person) (string, error) {
		return "", fn(ctx, ag, p)
	}
}

// Revise writes a new version over the current one; an agreed or active agreement then needs
// both signatures again.
func (a *Agreements) Revise(id string, in AgreementInput) (AgreementView, error) {
	return a.change(id, in.By, step(func(ctx context.Context, ag *agreements.Agreements, p space.Person) error {
		return ag.Revise(ctx, id, in.wording(), in.ReviewOn, p)
	}))
}

// Propose puts a draft forward for both partners to read and sign.
func (a *Agreements) Propose(id, by string) (AgreementView, error) {
	return a.change(id, by, step(func(ctx context.Context, ag *agreements.Agreements, p space.Person) error {
		return ag.Propose(ctx, id, p)
	}))
}

// Sign records name's "I agree to these words" to version (its id), which must still be the
// current one. It is written as the partner with that name, from this computer.
func (a *Agreements) Sign(id, version, name string) (AgreementView, error) {
	return a.change(id, name, step(func(ctx context.Context, ag *agreements.Agreements, p space.Person) error {
		return ag.Sign(ctx, id, version, p)
	}))
}

// Begin starts keeping an agreement both partners signed.
func (a *Agreements) Begin(id, by string) (AgreementView, error) {
	return a.change(id, by, step(func(ctx context.Context, ag *agreements.Agreements, p space.Person) error {
		return ag.Begin(ctx, id, p)
	}))
}

// Renew keeps an agreement as it is after a review, until the next review date.
func (a *Agreements) Renew(id, by, reviewOn string) (AgreementView, error) {
	return a.change(id, by, step(func(ctx context.Context, ag *agreements.Agreements, p space.Person) error {
		return ag.Renew(ctx, id, p, reviewOn)
	}))
}

// Retire ends an agreement; it keeps its history.
func (a *Agreements) Retire(id, by, note string) (AgreementView, error) {
	return a.change(id, by, step(func(ctx context.Context, ag *agreements.Agreements, p space.Person) error {
		return ag.Retire(ctx, id, p, note)
	}))
}

// Discard throws away a draft that was never put forward, as the person of this computer.
func (a *Agreements) Discard(id string) error {
	_, err := withMyLog(a.k, func(ctx context.Context, log *space.Log) (struct{}, error) {
		return struct{}{}, agreements.New(log).Discard(ctx, id, log.Person())
	})
	return err
}

// moveAgreements carries the old table's agreements onto the change log (see
// agreements.MoveFromTable for what becomes of each part).
func moveAgreements(ctx context.Context, old *space.Space, key *vault.ContentKey, log *space.Log, names space.CoupleSettings) error {
	_, err := agreements.MoveFromTable(ctx, old, key, log, names)
	return err
}
