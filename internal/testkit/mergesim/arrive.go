package mergesim

import (
	"context"
	"fmt"

	"github.com/goldseam/goldseam/internal/reveal"
	"github.com/goldseam/goldseam/internal/space"
)

// Arrive brings every change of from to to, as a sharing pass does, then runs the release
// pass the sharing pass runs after taking changes in (reveal.Pass), so the answers to's device
// sealed and now owes are released. A change refused on the way is an error: a test that meant
// to bring a change across must know it did not.
func Arrive(ctx context.Context, from, to *space.Log) error {
	all, err := from.All(ctx)
	if err != nil {
		return err
	}
	n, err := to.Merge(ctx, all)
	if err != nil {
		return err
	}
	if n.Refused > 0 {
		return fmt.Errorf("%d changes were refused", n.Refused)
	}
	_, err = reveal.Pass(ctx, to)
	return err
}
