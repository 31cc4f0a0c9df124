package api

import (
	"context"
	"fmt"
	"sort"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/sharing"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// NewsLine is something the partner did on their own computer that Home mentions once,
// quietly: a signature on an agreement's current wording, or an answer to a check-in.
type NewsLine struct {
	Text  string `json:"text"`  // "Alex signed “We put our phones away at dinner.”"
	Route string `json:"route"` // where it is: "agreements/<id>" or "checkins"
}

// News returns what the partner signed or answered on their own computer since Home last
// asked, and remembers that it was told, so each is mentioned once. Before this computer is
// paired there is no partner's computer, and nothing to tell.
func (s *Space) News() ([]NewsLine, error) {
	return withLogKey(s.k, func(ctx context.Context, log *space.Log, key *vault.ContentKey) ([]NewsLine, error) {
		place, paired, err := sharing.Here(ctx, s.k.db.SQL(), key)
		if err != nil || !paired {
			return []NewsLine{}, err
		}
		here, err := s.k.here(ctx)
		if err != nil {
			return nil, err
		}
		set, err := s.k.space.Settings(ctx, key)
		if err != nil {
			return nil, err
		}
		theirs := func(e space.Entry) bool {
			return e.Person.Role != place.Role && e.Device != here && e.Clock > place.Mentioned
		}
		type dated struct {
			NewsLine
			clock int64
		}
		var found []dated
		list, err := agreements.New(log).List(ctx)
		if err != nil {
			return nil, err
		}
		for _, d := range list {
			for _, sig := range d.Signatures {
				if sig.Version == d.Current.ID && theirs(sig.By) {
					found = append(found, dated{NewsLine{fmt.Sprintf("%s signed “%s”", sig.By.Person.Name, d.Current.Wording.What), "agreements/" + d.ID}, sig.By.Clock})
				}
			}
		}
		answered, err := checkins.Read(ctx, log, set)
		if err != nil {
			return nil, err
		}
		for _, c := range answered {
			for _, rec := range c.Answers {
				if latest, ok := latestEntry(rec); ok && theirs(latest) {
					found = append(found, dated{NewsLine{fmt.Sprintf("%s answered the check-in of %s", latest.Person.Name, c.CheckIn.On), "checkins"}, latest.Clock})
				}
			}
		}
		sort.Slice(found, func(i, j int) bool { return found[i].clock < found[j].clock })
		out := make([]NewsLine, 0, len(found))
		newest := place.Mentioned
		for _, f := range found {
			out = append(out, f.NewsLine)
			newest = max(newest, f.clock)
		}
		if newest > place.Mentioned {
			err = sharing.Mention(ctx, s.k.db, key, newest)
		}
		return out, err
	})
}

// latestEntry is the newest change of any field of rec.
func latestEntry(rec space.RecordState) (space.Entry, bool) {
	var out space.Entry
	found := false
	for _, f := range rec.Fields {
		for _, e := range f.Current {
			if !found || e.Clock > out.Clock {
				out, found = e, true
			}
		}
	}
	return out, found
}
