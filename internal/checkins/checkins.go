// Package checkins owns the couple's regular check-ins: for each active agreement whether it
// was kept, a struggle, or not relevant this time; each partner's 0-10 sense of safety, trust
// and connection; and what went well, what was hard, and what to try. It also turns them into
// a trend over weeks and months. It never concludes anything from the numbers: whether trust
// has come back is for the partner who was hurt to judge, not for Goldseam.
package checkins

import (
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/space"
)

const kind = "checkin"

// Outcomes an agreement can have at a check-in.
var Outcomes = []string{"kept", "struggled", "not-relevant"}

// Item is how one agreement went since the last check-in.
type Item struct {
	AgreementID string `json:"agreementId"`
	What        string `json:"what"` // the agreement's wording when checked, so the history reads on its own
	Outcome     string `json:"outcome"`
	Note        string `json:"note"`
}

// Rating is one partner's sense of how things are, each from 0 to 10; nil is not answered.
type Rating struct {
	Name       string `json:"name"`
	Safety     *int   `json:"safety"`
	Trust      *int   `json:"trust"`
	Connection *int   `json:"connection"`
}

// CheckIn is one check-in.
type CheckIn struct {
	ID       string   `json:"id"`
	On       string   `json:"on"` // YYYY-MM-DD
	Items    []Item   `json:"items"`
	Ratings  []Rating `json:"ratings"`
	WentWell string   `json:"wentWell"`
	Hard     string   `json:"hard"`
	Try      string   `json:"try"`
}

// CheckIns keeps check-ins in the shared space: Save (a new one when its id is empty, else
// it replaces the one with that id), Delete (leaving a tombstone) and List (newest first).
type CheckIns struct {
	*space.Collection[CheckIn]
}

// New returns the check-ins kept in sp.
func New(sp *space.Space) *CheckIns {
	return &CheckIns{space.NewCollection(sp, kind, space.Rules[CheckIn]{
		ID:    func(c *CheckIn) *string { return &c.ID },
		Clean: func(c CheckIn, _ time.Time) (CheckIn, error) { return c.clean() },
		Order: func(a, b CheckIn) int { return strings.Compare(b.On, a.On) },
	})}
}

const maxText = 20_000

func (c CheckIn) clean() (CheckIn, error) {
	if _, err := time.Parse(time.DateOnly, c.On); err != nil {
		return c, apperr.New(apperr.Invalid, "Please give the day of the check-in as a date.")
	}
	for i, it := range c.Items {
		if !slices.Contains(Outcomes, it.Outcome) {
			return c, apperr.New(apperr.Invalid, "For each agreement, please choose kept, a struggle, or not relevant this time.")
		}
		c.Items[i].Note = strings.TrimSpace(it.Note)
	}
	for _, r := range c.Ratings {
		for _, v := range []*int{r.Safety, r.Trust, r.Connection} {
			if v != nil && (*v < 0 || *v > 10) {
				return c, apperr.New(apperr.Invalid, "Each rating is a number from 0 to 10.")
			}
		}
	}
	c.WentWell, c.Hard, c.Try = strings.TrimSpace(c.WentWell), strings.TrimSpace(c.Hard), strings.TrimSpace(c.Try)
	total := utf8.RuneCountInString(c.WentWell + c.Hard + c.Try)
	for _, it := range c.Items {
		total += utf8.RuneCountInString(it.Note)
	}
	if total > maxText {
		return c, apperr.New(apperr.Invalid, "This check-in is longer than Goldseam keeps in one piece; please shorten it.")
	}
	empty := len(c.Items) == 0 && c.WentWell == "" && c.Hard == "" && c.Try == ""
	for _, r := range c.Ratings {
		empty = empty && r.Safety == nil && r.Trust == nil && r.Connection == nil
	}
	if empty {
		return c, apperr.New(apperr.Invalid, "There is nothing to keep yet: answer at least one question.")
	}
	return c, nil
}

// Point is one partner's ratings at one check-in.
type Point struct {
	On         string `json:"on"`
	Safety     *int   `json:"safety"`
	Trust      *int   `json:"trust"`
	Connection *int   `json:"connection"`
}

// Mark is how one agreement went at one check-in.
type Mark struct {
	On      string `json:"on"`
	Outcome string `json:"outcome"`
}

// Trend is the check-ins over time: each partner's ratings, and each agreement's marks,
// oldest first.
type Trend struct {
	Partners   map[string][]Point `json:"partners"`
	Agreements map[string][]Mark  `json:"agreements"` // by agreement id
	Wording    map[string]string  `json:"wording"`    // the latest wording seen for each agreement
}

// TrendOf turns check-ins (in any order) into a trend.
func TrendOf(list []CheckIn) Trend {
	list = slices.Clone(list)
	sort.SliceStable(list, func(i, j int) bool { return list[i].On < list[j].On }) // sort, not slices: see docs/architecture.md, binary size
	t := Trend{Partners: map[string][]Point{}, Agreements: map[string][]Mark{}, Wording: map[string]string{}}
	for _, c := range list {
		for _, r := range c.Ratings {
			if r.Name == "" || (r.Safety == nil && r.Trust == nil && r.Connection == nil) {
				continue
			}
			t.Partners[r.Name] = append(t.Partners[r.Name], Point{On: c.On, Safety: r.Safety, Trust: r.Trust, Connection: r.Connection})
		}
		for _, it := range c.Items {
			t.Agreements[it.AgreementID] = append(t.Agreements[it.AgreementID], Mark{On: c.On, Outcome: it.Outcome})
			if it.What != "" {
				t.Wording[it.AgreementID] = it.What
			}
		}
	}
	return t
}

// NextDue returns the day the next check-in falls due under rhythm, given the latest
// check-in's day; with no check-in yet it is today. It is a gentle reminder, never a debt:
// a missed week does not pile up.
func NextDue(latest, rhythm, today string) string {
	if latest == "" {
		return today
	}
	days, ok := space.Rhythms[rhythm]
	if !ok {
		days = space.Rhythms[space.DefaultRhythm]
	}
	d, err := time.Parse(time.DateOnly, latest)
	if err != nil {
		return today
	}
	return d.AddDate(0, 0, days).Format(time.DateOnly)
}
