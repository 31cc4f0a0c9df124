package api

import (
	"context"

	"github.com/goldseam/goldseam/internal/checkins"
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
