package space

import (
	"context"
	"sort"
	"time"

	"github.com/goldseam/goldseam/internal/vault"
)

// Rules are what the package that owns a kind of record says about its values.
type Rules[T any] struct {
	// ID is where a value keeps its record's id.
	ID func(*T) *string
	// Clean checks a value a person gave and tidies it before it is kept, given the time
	// now; an error refuses the value, in words fit to show them. Nil keeps every value as it is.
	Clean func(v T, now time.Time) (T, error)
	// Order is the order List returns; nil leaves the oldest change first.
	Order func(a, b T) int
}

// Collection is one kind of top-level record kept in the space as values of T, such as
// check-ins or good experiences: it keeps one, deletes one (leaving a tombstone) and lists
// them, by the rules of the package that owns T.
type Collection[T any] struct {
	space *Space
	kind  string
	rules Rules[T]
}

// NewCollection returns the records of kind in s as a collection of T.
func NewCollection[T any](s *Space, kind string, rules Rules[T]) *Collection[T] {
	return &Collection[T]{space: s, kind: kind, rules: rules}
}

// Save keeps v: a new record when its id is empty, else the record with that id. It returns
// v as kept, with its id.
func (c *Collection[T]) Save(ctx context.Context, key *vault.ContentKey, v T) (T, error) {
	if c.rules.Clean != nil {
		var err error
		if v, err = c.rules.Clean(v, c.space.Now()); err != nil {
			return v, err
		}
	}
	id := c.rules.ID(&v)
	var err error
	*id, err = c.space.Put(ctx, key, c.kind, *id, v)
	return v, err
}

// Delete removes the record id, leaving a tombstone.
func (c *Collection[T]) Delete(ctx context.Context, key *vault.ContentKey, id string) error {
	return c.space.Delete(ctx, key, id)
}

// List returns every live record of the collection, in the order its rules give.
func (c *Collection[T]) List(ctx context.Context, key *vault.ContentKey) ([]T, error) {
	out, err := ListOf(ctx, c.space, key, c.kind, "", func(v *T, id string) { *c.rules.ID(v) = id })
	if err != nil {
		return nil, err
	}
	if c.rules.Order != nil {
		// sort, not slices: see docs/architecture.md, binary size.
		sort.SliceStable(out, func(i, j int) bool { return c.rules.Order(out[i], out[j]) < 0 })
	}
	return out, nil
}
