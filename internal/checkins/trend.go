package checkins

import (
	"slices"
	"sort"
)

// Point is one partner's ratings at one check-in.
type Point struct {
	On         string `json:"on"`
	Safety     *int   `json:"safety"`
	Trust      *int   `json:"trust"`
	Connection *int   `json:"connection"`
}

// Mark is how one agreement went at one check-in, as one partner saw it.
type Mark struct {
	On      string `json:"on"`
	Outcome string `json:"outcome"`
	Name    string `json:"name"` // whose answer; "" for a mark written together before
}

// Trend is the check-ins over time: each partner's ratings, and each agreement's marks,
// oldest first.
type Trend struct {
	Partners   map[string][]Point `json:"partners"`
	Agreements map[string][]Mark  `json:"agreements"` // by agreement id
	Wording    map[string]string  `json:"wording"`    // the latest wording seen for each agreement
}

// TrendOf turns check-ins (in any order) into a trend, reading each partner's answer and
// what was written together before the change log.
func TrendOf(list []CheckIn) Trend {
	list = slices.Clone(list)
	sort.SliceStable(list, func(i, j int) bool { return list[i].On < list[j].On }) // sort, not slices: see docs/architecture.md, binary size
	t := Trend{Partners: map[string][]Point{}, Agreements: map[string][]Mark{}, Wording: map[string]string{}}
	for _, c := range list {
		for _, a := range c.Answers {
			t.rate(c.On, a.Name, a.Ratings)
			t.mark(c.On, a.Name, a.Items)
		}
		if c.Together != nil {
			for _, r := range c.Together.Ratings {
				t.rate(c.On, r.Name, Ratings{r.Safety, r.Trust, r.Connection})
			}
			t.mark(c.On, "", c.Together.Items)
		}
	}
	return t
}

// rate adds a partner's ratings; a partner who rated nothing that time has no point, not a 0.
func (t Trend) rate(on, name string, r Ratings) {
	if name == "" || r.empty() {
		return
	}
	t.Partners[name] = append(t.Partners[name], Point{On: on, Safety: r.Safety, Trust: r.Trust, Connection: r.Connection})
}

func (t Trend) mark(on, name string, items []Item) {
	for _, it := range items {
		t.Agreements[it.AgreementID] = append(t.Agreements[it.AgreementID], Mark{On: on, Outcome: it.Outcome, Name: name})
		if it.What != "" {
			t.Wording[it.AgreementID] = it.What
		}
	}
}
