package checkins

import (
	"slices"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/space"
)

// This file is check-ins as the old table of whole records kept them (space.Space): one
// record holding both partners' ratings and the words they wrote together. Nothing writes
// them any more but the tests; Move carries them onto the change log.

// Rating is one partner's sense of how things are in an old check-in, each from 0 to 10;
// nil is not answered. The partner is named by name, as the old table did.
type Rating struct {
	Name       string `json:"name"`
	Safety     *int   `json:"safety"`
	Trust      *int   `json:"trust"`
	Connection *int   `json:"connection"`
}

// OldCheckIn is one check-in as the old table kept it.
type OldCheckIn struct {
	ID       string   `json:"id"`
	On       string   `json:"on"` // YYYY-MM-DD
	Items    []Item   `json:"items"`
	Ratings  []Rating `json:"ratings"`
	WentWell string   `json:"wentWell"`
	Hard     string   `json:"hard"`
	Try      string   `json:"try"`
}

// OldCheckIns are the check-ins of the old table: Save, Delete and List (newest first).
type OldCheckIns struct {
	*space.Collection[OldCheckIn]
}

// Old returns the check-ins kept in the old table of sp.
func Old(sp *space.Space) *OldCheckIns {
	return &OldCheckIns{space.NewCollection(sp, kindCheckIn, space.Rules[OldCheckIn]{
		ID:    func(c *OldCheckIn) *string { return &c.ID },
		Clean: func(c OldCheckIn, _ time.Time) (OldCheckIn, error) { return c.clean() },
		Order: func(a, b OldCheckIn) int { return strings.Compare(b.On, a.On) },
	})}
}

func (c OldCheckIn) clean() (OldCheckIn, error) {
	if err := checkDay(c.On); err != nil {
		return c, err
	}
	for _, it := range c.Items {
		if !slices.Contains(Outcomes, it.Outcome) {
			return c, errOutcome
		}
	}
	empty := len(c.Items) == 0 && c.WentWell == "" && c.Hard == "" && c.Try == ""
	for _, r := range c.Ratings {
		if err := (Ratings{r.Safety, r.Trust, r.Connection}).check(); err != nil {
			return c, err
		}
		empty = empty && r.Safety == nil && r.Trust == nil && r.Connection == nil
	}
	if empty {
		return c, errEmpty
	}
	return c, nil
}
