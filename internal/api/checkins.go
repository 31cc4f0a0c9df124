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
	out := []checkins.CheckIn{}
	err := c.k.with(func(ctx context.Context, key *vault.ContentKey) error {
		list, err := checkins.New(c.k.space).List(ctx, key)
		out = append(out, list...)
		return err
	})
	return out, err
}

// Save keeps a check-in: new when its id is empty.
func (c *CheckIns) Save(in checkins.CheckIn) (checkins.CheckIn, error) {
	var out checkins.CheckIn
	err := c.k.with(func(ctx context.Context, key *vault.ContentKey) error {
		var err error
		out, err = checkins.New(c.k.space).Save(ctx, key, in)
		return err
	})
	return out, err
}

// Delete removes a check-in.
func (c *CheckIns) Delete(id string) error {
	return c.k.with(func(ctx context.Context, key *vault.ContentKey) error {
		return checkins.New(c.k.space).Delete(ctx, key, id)
	})
}

// Trend returns each partner's ratings and each agreement's marks over time.
func (c *CheckIns) Trend() (checkins.Trend, error) {
	var out checkins.Trend
	err := c.k.with(func(ctx context.Context, key *vault.ContentKey) error {
		list, err := checkins.New(c.k.space).List(ctx, key)
		out = checkins.TrendOf(list)
		return err
	})
	return out, err
}

// Experiences is the service behind the list of new good experiences.
type Experiences struct{ k sharedKey }

// NewExperiences returns the Experiences service over db (nil when the data file is unusable).
func NewExperiences(db *store.DB, s *session.Session) *Experiences {
	return &Experiences{newSharedKey(db, s)}
}

// List returns the list: planned, then ideas, then done.
func (x *Experiences) List() ([]experiences.Experience, error) {
	out := []experiences.Experience{}
	err := x.k.with(func(ctx context.Context, key *vault.ContentKey) error {
		list, err := experiences.New(x.k.space).List(ctx, key)
		out = append(out, list...)
		return err
	})
	return out, err
}

// Save keeps an experience: new when its id is empty.
func (x *Experiences) Save(in experiences.Experience) (experiences.Experience, error) {
	var out experiences.Experience
	err := x.k.with(func(ctx context.Context, key *vault.ContentKey) error {
		var err error
		out, err = experiences.New(x.k.space).Save(ctx, key, in)
		return err
	})
	return out, err
}

// Delete removes an experience from the list.
func (x *Experiences) Delete(id string) error {
	return x.k.with(func(ctx context.Context, key *vault.ContentKey) error {
		return experiences.New(x.k.space).Delete(ctx, key, id)
	})
}
