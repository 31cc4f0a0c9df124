package checkins

import (
	"context"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// Move carries every check-in of the old table onto the change log: a check-in record with
// the old id and day, and one answer per rating under a partner's name, written as that
// partner. What the old record held that nobody can be named for (the words and agreement
// marks written together at one keyboard, and a rating under a name that is neither
// partner's now) is kept whole on the check-in record's read-only field "together". Each
// record already on the log is left alone, so Move cut short finishes at the next unlock
// and Move run twice changes nothing; the old table is only read. It is a spaceMove
// (internal/api/spacemove.go).
func Move(ctx context.Context, old *space.Space, key *vault.ContentKey, log *space.Log, names space.CoupleSettings) error {
	list, err := Old(old).List(ctx, key)
	if err != nil {
		return err
	}
	for _, c := range list {
		if err := moveOne(ctx, log, names, c); err != nil {
			return err
		}
	}
	return nil
}

func moveOne(ctx context.Context, log *space.Log, names space.CoupleSettings, c OldCheckIn) error {
	named, rest := splitRatings(c.Ratings, names)
	_, there, err := log.Record(ctx, c.ID)
	if err != nil {
		return err
	}
	if !there {
		drafts := []space.Draft{{Record: c.ID, Kind: kindCheckIn, Field: fieldOn, Value: c.On}}
		if len(c.Items) > 0 || c.WentWell != "" || c.Hard != "" || c.Try != "" || len(rest) > 0 {
			together := Together{Items: c.Items, WentWell: c.WentWell, Hard: c.Hard, Try: c.Try, Ratings: rest}
			if together.Items == nil {
				together.Items = []Item{}
			}
			if together.Ratings == nil {
				together.Ratings = []Rating{}
			}
			drafts = append(drafts, space.Draft{Record: c.ID, Kind: kindCheckIn, Field: fieldTogether, Value: together})
		}
		if _, err := log.As(names.Partner(0)).Append(ctx, drafts...); err != nil {
			return err
		}
	}
	for _, n := range named {
		rid := space.PersonalRecordID(kindAnswer, c.ID, n.person)
		if _, there, err := log.Record(ctx, rid); err != nil || there {
			if err != nil {
				return err
			}
			continue
		}
		r := Ratings{n.rating.Safety, n.rating.Trust, n.rating.Connection}
		d := space.Draft{Record: rid, Kind: kindAnswer, Parent: c.ID, Field: fieldRatings, Value: r}
		if _, err := log.As(n.person).Append(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

type namedRating struct {
	person space.Person
	rating Rating
}

// splitRatings sorts an old check-in's ratings into those under a partner's name (the first
// one for each partner) and the rest, which stay with the words written together.
func splitRatings(ratings []Rating, names space.CoupleSettings) ([]namedRating, []Rating) {
	var named []namedRating
	var rest []Rating
next:
	for _, r := range ratings {
		p, ok := names.PartnerNamed(r.Name)
		if ok {
			for _, n := range named {
				if n.person.Role == p.Role {
					rest = append(rest, r)
					continue next
				}
			}
			named = append(named, namedRating{p, r})
			continue
		}
		rest = append(rest, r)
	}
	return named, rest
}
