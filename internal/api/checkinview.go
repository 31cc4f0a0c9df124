package api

import (
	"context"

	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// This file is the check-ins as their screen reads them from the change log: each check-in
// with each partner's answer under their name, who wrote it, the ties and the earlier values.

// CheckInView is one check-in as the screen shows it.
type CheckInView struct {
	ID      string       `json:"id"`
	On      string       `json:"on"` // during a tie on the day, one of the tied days; Written.Ties holds both
	Answers []AnswerView `json:"answers"`
	// Together is what a check-in made before the change log held, written together at one
	// keyboard: shown read only as "written together before". Nil for newer check-ins.
	Together *checkins.Together `json:"together"`
	Written  Written            `json:"written"` // of the check-in's own record: its day, its deletion
}

// AnswerView is one partner's answer and who wrote what of it.
type AnswerView struct {
	Answer  checkins.Answer `json:"answer"`
	Written Written         `json:"written"`
}

// viewOf makes the screen's view of a folded check-in; here is this computer's device id.
func viewOf(f checkins.Folded, here string) CheckInView {
	v := CheckInView{ID: f.CheckIn.ID, On: f.CheckIn.On, Answers: []AnswerView{}, Together: f.CheckIn.Together, Written: writtenOf(f.Record, here)}
	for i, a := range f.CheckIn.Answers {
		v.Answers = append(v.Answers, AnswerView{Answer: a, Written: writtenOf(f.Answers[i], here)})
	}
	return v
}

// coupleSettings are the couple's names and rhythm, which name each answer's partner.
func (k sharedKey) coupleSettings() (space.CoupleSettings, error) {
	return withKey(k.keyed, func(ctx context.Context, key *vault.ContentKey) (space.CoupleSettings, error) {
		return k.space.Settings(ctx, key)
	})
}

// readCheckIns reads every live check-in, newest first, each with who wrote what of it.
func readCheckIns(ctx context.Context, k sharedKey, log *space.Log, names space.CoupleSettings) ([]CheckInView, error) {
	list, err := checkins.Read(ctx, log, names)
	if err != nil {
		return nil, err
	}
	here, err := k.here(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]CheckInView, 0, len(list))
	for _, f := range list {
		out = append(out, viewOf(f, here))
	}
	return out, nil
}

// plainCheckIns are the views as the trend reads them.
func plainCheckIns(list []CheckInView) []checkins.CheckIn {
	out := make([]checkins.CheckIn, 0, len(list))
	for _, v := range list {
		c := checkins.CheckIn{ID: v.ID, On: v.On, Together: v.Together}
		for _, a := range v.Answers {
			c.Answers = append(c.Answers, a.Answer)
		}
		out = append(out, c)
	}
	return out
}
