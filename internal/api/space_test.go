package api_test

import (
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/checkins"
)

func TestTheSharedSpaceThroughItsServices(t *testing.T) {
	r := newVaultRig(t)
	space, ag, ci := api.NewSpace(r.db, r.session), api.NewAgreements(r.db, r.session), api.NewCheckIns(r.db, r.session)
	_, err := ag.List()
	wantCode(t, err, apperr.Locked)
	r.create(t)

	in := api.AgreementInput{What: "We tell each other where we are going.", Category: "openness", ReviewOn: "2000-01-01", By: "Sam"}
	_, err = ag.Create(in)
	wantCode(t, err, apperr.Invalid) // the names are not set yet
	if _, err := space.SaveSettings(api.SpaceSettings{Names: [2]string{"Sam", "Alex"}}); err != nil {
		t.Fatal(err)
	}
	_, err = ag.Create(api.AgreementInput{What: "We rest.", By: "Jordan"})
	wantCode(t, err, apperr.Invalid) // neither of the two
	a, err := ag.Create(in)
	if err != nil || a.Status != "draft" || a.Current.Actions == nil || a.ProposedBy != "Sam" || !a.Current.By.Here || a.Version != 1 {
		t.Fatalf("created %+v %v", a, err)
	}
	for _, name := range []string{"Sam", "Alex"} {
		if a, err = ag.Sign(a.ID, a.Current.ID, name); err != nil {
			t.Fatal(err)
		}
	}
	if a, err = ag.Begin(a.ID, "Sam"); err != nil || a.Status != "up-for-review" || len(a.Signatures) != 2 || a.Signatures[1].By.Name != "Alex" { // its review date has passed
		t.Fatalf("begun %+v %v", a, err)
	}
	_, err = ag.Sign(a.ID, "an-earlier-wording", "Sam")
	wantCode(t, err, apperr.Conflict)
	_, err = ag.Get("4f1c0f3e-0000-4000-8000-000000000000")
	wantCode(t, err, apperr.NotFound)

	due, err := space.Due()
	if err != nil || len(due.Reviews) != 1 || !due.CheckInDue || due.Today != time.Now().Format(time.DateOnly) {
		t.Fatalf("due %+v %v", due, err)
	}
	seven := 7
	if _, err := ci.Save(checkins.CheckIn{On: due.Today, Answers: []checkins.Answer{{Name: "Sam",
		Items: []checkins.Item{{AgreementID: a.ID, Outcome: "kept"}}, Ratings: checkins.Ratings{Trust: &seven}}}}); err != nil {
		t.Fatal(err)
	}
	_, err = ci.Save(checkins.CheckIn{On: "soon"})
	wantCode(t, err, apperr.Invalid)
	if due, _ = space.Due(); due.CheckInDue {
		t.Fatalf("a check-in was just made, yet one is due: %+v", due)
	}
	tr, err := ci.Trend()
	if err != nil || len(tr.Partners["Sam"]) != 1 || tr.Agreements[a.ID][0].Outcome != "kept" {
		t.Fatalf("trend %+v %v", tr, err)
	}
}
