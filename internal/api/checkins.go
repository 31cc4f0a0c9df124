package api

import (
	"context"

	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/experiences"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// CheckIns is the service behind the check-ins screens and the trend chart.
type CheckIns struct{ k sharedKey }

// NewCheckIns returns the CheckIns service over db (nil when the data file is unusable).
func NewCheckIns(db *store.DB, s *session.Session) *CheckIns { return &CheckIns{newSharedKey(db, s)} }

// List returns every check-in, newest first.
func (c *CheckIns) List() ([]checkins.CheckIn, error) {
	return withKey(c.k.keyed, func(ctx context.Context, key *vault.ContentKey) ([]checkins.CheckIn, error) {
		list, err := checkins.New(c.k.space).List(ctx, key)
		return append([]checkins.CheckIn{}, list...), err
	})
}

// Save keeps a check-in: new when its id is empty.
func (c *CheckIns) Save(in checkins.CheckIn) (checkins.CheckIn, error) {
	return withKey(c.k.keyed, func(ctx context.Context, key *vault.ContentKey) (checkins.CheckIn, error) {
		return checkins.New(c.k.space).Save(ctx, key, in)
	})
}

// Delete removes a check-in.
func (c *CheckIns) Delete(id string) error {
	return c.k.do(func(ctx context.Context, key *vault.ContentKey) error {
		return checkins.New(c.k.space).Delete(ctx, key, id)
	})
}

// Trend returns each partner's ratings and each agreement's marks over time.
func (c *CheckIns) Trend() (checkins.Trend, error) {
	return withKey(c.k.keyed, func(ctx context.Context, key *vault.ContentKey) (checkins.Trend, error) {
		list, err := checkins.New(c.k.space).List(ctx, key)
		return checkins.TrendOf(list), err
	})
}

// Experiences is the service behind the list of new good experiences.
type Experiences struct{ k sharedKey }

// NewExperiences returns the Experiences service over db (nil when the data file is unusable).
func NewExperiences(db *store.DB, s *session.Session) *Experiences {
	return &Experiences{newSharedKey(db, s)}
}

// List returns the list: planned, then ideas, then done.
func (x *Experiences) List() ([]experiences.Experience, error) {
	return withKey(x.k.keyed, func(ctx context.Context, key *vault.ContentKey) ([]experiences.Experience, error) {
		list, err := experiences.New(x.k.space).List(ctx, key)
		return append([]experiences.Experience{}, list...), err
	})
}

// Save keeps an experience: new when its id is empty.
func (x *Experiences) Save(in experiences.Experience) (experiences.Experience, error) {
	return withKey(x.k.keyed, func(ctx context.Context, key *vault.ContentKey) (experiences.Experience, error) {
		return experiences.New(x.k.space).Save(ctx, key, in)
	})
}

// Delete removes an experience from the list.
func (x *Experiences) Delete(id string) error {
	return x.k.do(func(ctx context.Context, key *vault.ContentKey) error {
		return experiences.New(x.k.space).Delete(ctx, key, id)
	})
}
