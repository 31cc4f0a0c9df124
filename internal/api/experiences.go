package api

import (
	"context"

	"github.com/goldseam/goldseam/internal/experiences"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Experiences is the service behind the list of new good experiences, kept on the shared
// space's change log: each field merged on its own, each partner's "how it felt" their own
// record.
type Experiences struct{ k sharedKey }

// NewExperiences returns the Experiences service over db (nil when the data file is unusable).
func NewExperiences(db *store.DB, s *session.Session) *Experiences {
	return &Experiences{newSharedKey(db, s)}
}

// ExperienceView is one experience as the window shows it: its fields (a field in a tie shows
// its latest candidate, the tie itself in Written.Ties), who added and changed it, and each
// partner's words about how it felt.
type ExperienceView struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Note      string `json:"note"`
	Status    string `json:"status"`
	PlannedOn string `json:"plannedOn"`
	DoneOn    string `json:"doneOn"`
	HowItFelt string `json:"howItFelt"` // the words of the person at this computer
	AddedAt   string `json:"addedAt"`
	// Together is how it felt as written before each partner had their own words, shown as
	// "written together before"; FromBefore says the experience was added before Goldseam
	// noted who wrote what, so Written.By is only who carried it over.
	Together   string        `json:"together"`
	FromBefore bool          `json:"fromBefore"`
	Written    Written       `json:"written"`
	Feelings   []FeelingView `json:"feelings"` // one per partner, in the couple's order
}

// FeelingView is one partner's words about how an experience felt.
type FeelingView struct {
	Record string `json:"record"` // the feeling's record, for choosing after a tie
	Role   string `json:"role"`
	Name   string `json:"name"`
	Text   string `json:"text"` // "" while they have written nothing
	Mine   bool   `json:"mine"` // the person at this computer, who may change it here
	// By is who last wrote it, Ties a tie between their own two devices, Earlier their
	// earlier words; all empty while they have written nothing.
	By      Writer    `json:"by"`
	Ties    []Tie     `json:"ties"`
	Earlier []Earlier `json:"earlier"`
}

// people are the person at this computer and the couple, from the space's settings.
func (k sharedKey) people(ctx context.Context, key *vault.ContentKey) (experiences.People, error) {
	me, err := k.me(ctx, key)
	if err != nil {
		return experiences.People{}, err
	}
	set, err := k.space.Settings(ctx, key)
	return experiences.People{Me: me, Couple: [2]space.Person{set.Partner(0), set.Partner(1)}}, err
}

// List returns the list: planned, then ideas, then done.
func (x *Experiences) List() ([]ExperienceView, error) {
	people, err := withKey(x.k.keyed, x.k.people)
	if err != nil {
		return nil, err
	}
	return readLog(x.k, func(ctx context.Context, log *space.Log) ([]ExperienceView, error) {
		here, err := x.k.here(ctx)
		if err != nil {
			return nil, err
		}
		list, err := experiences.New(log, x.k.space.Now, people).List(ctx)
		out := make([]ExperienceView, 0, len(list))
		for _, it := range list {
			out = append(out, experienceView(it, people.Me, here))
		}
		return out, err
	})
}

func experienceView(it experiences.Item, me space.Person, here string) ExperienceView {
	e := it.Experience
	v := ExperienceView{ID: e.ID, Title: e.Title, Note: e.Note, Status: e.Status, PlannedOn: e.PlannedOn,
		DoneOn: e.DoneOn, HowItFelt: e.HowItFelt, AddedAt: e.AddedAt, Together: e.Together,
		FromBefore: e.FromBefore, Written: writtenOf(it.Record, here), Feelings: make([]FeelingView, 0, len(it.Feelings))}
	for _, f := range it.Feelings {
		fv := FeelingView{Record: f.Record, Role: f.Person.Role, Name: f.Person.Name, Text: f.Text,
			Mine: f.Person.Role == me.Role, Ties: []Tie{}, Earlier: []Earlier{}}
		if f.Written {
			w := writtenOf(f.State, here)
			fv.By, fv.Ties, fv.Earlier = w.Changed, w.Ties, w.Earlier
		}
		v.Feelings = append(v.Feelings, fv)
	}
	return v
}

// Save keeps an experience: new when its id is empty, else only the fields that changed,
// written as the person at this computer (their own "how it felt" included).
func (x *Experiences) Save(in experiences.Experience) (experiences.Experience, error) {
	people, err := withKey(x.k.keyed, x.k.people)
	if err != nil {
		return in, err
	}
	return withLog(x.k, people.Me, func(ctx context.Context, log *space.Log) (experiences.Experience, error) {
		return experiences.New(log, x.k.space.Now, people).Save(ctx, in)
	})
}

// Delete removes an experience from the list; what was written about it stays on the log.
func (x *Experiences) Delete(id string) error {
	people, err := withKey(x.k.keyed, x.k.people)
	if err != nil {
		return err
	}
	_, err = withLog(x.k, people.Me, func(ctx context.Context, log *space.Log) (struct{}, error) {
		return struct{}{}, experiences.New(log, x.k.space.Now, people).Delete(ctx, id)
	})
	return err
}

// moveExperiences is the experiences' spaceMove (see experiences.Move): old records name
// nobody, so their changes are written as the person at this computer (sharedKey.me), and
// the screen says they come from before.
func moveExperiences(ctx context.Context, old *space.Space, key *vault.ContentKey, log *space.Log, names space.CoupleSettings) error {
	return experiences.Move(ctx, old, key, log.As(names.Partner(0)))
}
