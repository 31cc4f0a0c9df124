package api_test

import (
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/checkins"
)

// Once this computer is paired with the partner's, each person signs and answers on their own
// computer: here, Sam may sign and answer, and Alex may not (Alex's computer is where Alex
// does). Before pairing, one keyboard serves both, so the same calls as Alex work.
func TestOncePairedEachPersonActsOnTheirOwnComputer(t *testing.T) {
	r := newVaultRig(t)
	r.create(t)
	if _, err := api.NewSpace(r.db, r.session).SaveSettings(api.SpaceSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}); err != nil {
		t.Fatal(err)
	}
	ag := api.NewAgreements(r.db, r.session)
	ci := api.NewCheckIns(r.db, r.session)
	made, err := ag.Create(api.AgreementInput{What: "We put our phones away at dinner.", Category: "openness", By: "Sam"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ag.Propose(made.ID, "Alex"); err != nil {
		t.Fatalf("before pairing, Alex acts at the shared keyboard: %v", err)
	}
	three := 3
	alexAnswers := checkins.CheckIn{On: "2026-11-30", Answers: []checkins.Answer{{Name: "Alex", Ratings: checkins.Ratings{Trust: &three}}}}
	if _, err := ci.Save(alexAnswers); err != nil {
		t.Fatalf("before pairing, Alex answers at the shared keyboard: %v", err)
	}

	// Paired: the place at this computer is the first (package sharing writes it so).
	pairedAsSam(t, r)
	if _, err := ag.Sign(made.ID, made.Current.ID, "Alex"); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("Alex signed from Sam's paired computer: %v", err)
	}
	if _, err := ci.Save(alexAnswers); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("Alex answered from Sam's paired computer: %v", err)
	}
	if _, err := ag.Sign(made.ID, made.Current.ID, "Sam"); err != nil {
		t.Fatal(err)
	}
	samAnswers := checkins.CheckIn{On: "2026-11-30", Answers: []checkins.Answer{{Name: "Sam", Ratings: checkins.Ratings{Trust: &three}}, {Name: "Alex"}}}
	if _, err := ci.Save(samAnswers); err != nil {
		t.Fatalf("Sam's answer, with Alex's left blank, is Sam's to give: %v", err)
	}
}
