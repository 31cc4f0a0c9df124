package api

import (
	"context"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/sharing"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/together"
)

// This file is the program's prompts meant for both (internal/together): each answers on
// their own computer, and both answers show together once both have answered.

// errNotPairedToAnswer refuses an answer meant for both on a computer not yet paired: it is
// written to be seen together, which needs each person at their own computer.
var errNotPairedToAnswer = apperr.New(apperr.Invalid, "Each of you answers this on your own computer, so it can stay private until you have both answered. Pair your two computers in Settings, under Sharing, first.")

// TogetherAnswers returns the answers to the program prompt meant for both, as this computer
// can read them: the person here's own, and the partner's only once both have answered.
func (s *Space) TogetherAnswers(prompt string) ([]together.Answer, error) {
	names, err := s.k.coupleSettings()
	if err != nil {
		return nil, err
	}
	return readMyLog(s.k, func(ctx context.Context, log *space.Log) ([]together.Answer, error) {
		me, err := s.k.personHere(ctx, log.Key(), names)
		if err != nil {
			return nil, err
		}
		return together.Read(ctx, log.As(me), prompt, names)
	})
}

// AnswerTogether keeps the answer of the person at this computer to the program prompt
// meant for both, shared with the partner and locked until theirs has arrived, and returns
// the answers as they now read. Only a paired computer answers.
func (s *Space) AnswerTogether(prompt, text string) ([]together.Answer, error) {
	names, err := s.k.coupleSettings()
	if err != nil {
		return nil, err
	}
	return withMyLog(s.k, func(ctx context.Context, log *space.Log) ([]together.Answer, error) {
		if _, paired, err := sharing.Here(ctx, s.k.db.SQL(), log.Key()); err != nil {
			return nil, err
		} else if !paired {
			return nil, errNotPairedToAnswer
		}
		if err := together.Save(ctx, log, prompt, text); err != nil {
			return nil, err
		}
		return together.Read(ctx, log, prompt, names)
	})
}
