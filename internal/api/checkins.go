package api

import (
	"context"

	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/sharing"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
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
	return readMyLog(c.k, func(ctx context.Context, log *space.Log) ([]CheckInView, error) {
		return readCheckIns(ctx, c.k, log, names)
	})
}

// Save keeps a check-in, new when its id is empty, else the answers given for it: each
// partner's answer written as that partner (by the name it carries), signed by this
// computer, the day written by the person at this computer (personHere). It returns the check-in as kept.
func (c *CheckIns) Save(in checkins.CheckIn) (CheckInView, error) {
	names, err := c.k.coupleSettings()
	if err != nil {
		return CheckInView{}, err
	}
	return withMyLog(c.k, func(ctx context.Context, log *space.Log) (CheckInView, error) {
		for _, ans := range in.Answers {
			if p, ok := names.PartnerNamed(ans.Name); ok && !ans.Blank() {
				if err := c.k.actingAs(ctx, log.Key(), names, p); err != nil {
					return CheckInView{}, err
				}
			}
		}
		// On a computer paired with the partner's each answer is the person's own, hidden from
		// the partner until both have answered; at one keyboard there is nothing to hide.
		save := checkins.Save
		if _, paired, err := sharing.Here(ctx, c.k.db.SQL(), log.Key()); err != nil {
			return CheckInView{}, err
		} else if paired {
			save = checkins.SaveSealed
		}
		id, err := save(ctx, log, names, in)
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
	_, err := withMyLog(c.k, func(ctx context.Context, log *space.Log) (struct{}, error) {
		return struct{}{}, checkins.Delete(ctx, log, id)
	})
	return err
}

// Trend returns each partner's ratings and each agreement's marks over time.
func (c *CheckIns) Trend() (checkins.Trend, error) {
	list, err := c.List()
	return checkins.TrendOf(plainCheckIns(list)), err
}
