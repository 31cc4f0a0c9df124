package api

import (
	"context"

	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/experiences"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// CheckIns is the service behind the check-ins screens and the trend chart.
type CheckIns struct{ k sharedKey }

// NewCheckIns returns the CheckIns service over db (nil when the data file is unusable).
func NewCheckIns(db *store.DB, s *session.Session) *CheckIns { return &CheckIns{newSharedKey(db, s)} }

// List returns every check-in, newest first, each partner's answer under their name.
func (c *CheckIns) List() ([]CheckInView, error) {
	names, err := c.k.coupleSettings()
	if err != nil {
		return nil, err
	}
	return readLog(c.k, func(ctx context.Context, log *space.Log) ([]CheckInView, error) {
		return readCheckIns(ctx, c.k, log, names)
	})
}

// Save keeps a check-in, new when its id is empty, else the answers given for it: each
// partner's answer written as that partner (by the name it carries), signed by this
// computer, the day written by the person at this computer. It returns the check-in as kept.
func (c *CheckIns) Save(in checkins.CheckIn) (CheckInView, error) {
	names, err := c.k.coupleSettings()
	if err != nil {
		return CheckInView{}, err
	}
	return withLog(c.k, names.Partner(0), func(ctx context.Context, log *space.Log) (CheckInView, error) {
		id, err := checkins.Save(ctx, log, names, in)
		if err != nil {
			return CheckInView{}, err
		}
		list, err := readCheckIns(ctx, c.k, log, names)
		for _, v := range list {
			if v.ID == id {
				return v, err
			}
		}
		return CheckInView{}, err
	})
}

// Delete removes a check-in, with its answers.
func (c *CheckIns) Delete(id string) error {
	names, err := c.k.coupleSettings()
	if err != nil {
		return err
	}
	_, err = withLog(c.k, names.Partner(0), func(ctx context.Context, log *space.Log) (struct{}, error) {
		return struct{}{}, checkins.Delete(ctx, log, id)
	})
	return err
}

// Trend returns each partner's ratings and each agreement's marks over time.
func (c *CheckIns) Trend() (checkins.Trend, error) {
	list, err := c.List()
	return checkins.TrendOf(plainCheckIns(list)), err
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
