package agreements

// Reading: an agreement is read whole, its parts checked as they are read (integrity.go).

import (
	"context"
	"errors"
	"sort"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// Get returns an agreement with its versions, the signatures on its current version and its
// history.
func (a *Agreements) Get(ctx context.Context, key *vault.ContentKey, id string) (Detail, error) {
	var d Detail
	rec, err := a.space.Get(ctx, key, kindAgreement, id, &d.Agreement)
	if errors.Is(err, space.ErrNotFound) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, err
	}
	d.ID, d.UpdatedAt = id, rec.UpdatedAt
	if err := a.readVersions(ctx, key, &d); err != nil {
		return d, err
	}
	if err := a.readSignatures(ctx, key, &d); err != nil {
		return d, err
	}
	if d.History, err = space.ListOf[Event](ctx, a.space, key, kindEvent, id, nil); err != nil {
		return d, err
	}
	// sort, not slices, here and below: see docs/architecture.md, binary size.
	sort.SliceStable(d.History, func(i, j int) bool { return d.History[i].At.Before(d.History[j].At) })
	return d, nil
}

// List returns every agreement with its current version, in the order they were made.
func (a *Agreements) List(ctx context.Context, key *vault.ContentKey) ([]Detail, error) {
	recs, err := a.space.List(ctx, key, kindAgreement, "")
	if err != nil {
		return nil, err
	}
	out := make([]Detail, 0, len(recs))
	for _, r := range recs {
		d, err := a.Get(ctx, key, r.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].CreatedAt.Before(out[j].CreatedAt) })
	return out, nil
}

// Shown is the status to show for an agreement on day today (YYYY-MM-DD): an active
// agreement whose review date has come is up for review.
func (ag Agreement) Shown(today string) string {
	if ag.Status == Active && ag.ReviewOn != "" && ag.ReviewOn <= today {
		return UpForReview
	}
	return ag.Status
}
