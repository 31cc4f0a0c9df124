package api

import (
	"context"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// SpaceMove is a kind's move as a test writes one.
type SpaceMove = func(ctx context.Context, old *space.Space, key *vault.ContentKey, log *space.Log, names space.CoupleSettings) error

// AddSpaceMoveForTest runs move after the kinds' own moves, until the returned func is called.
func AddSpaceMoveForTest(move SpaceMove) (remove func()) {
	before := spaceMoves
	spaceMoves = append(append([]spaceMove{}, spaceMoves...), move)
	return func() { spaceMoves = before }
}
