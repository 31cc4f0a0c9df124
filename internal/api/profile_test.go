package api_test

import (
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/profile"
)

func TestProfileFirstRunAndSafety(t *testing.T) {
	r := newVaultRig(t)
	p := api.NewProfile(r.db, r.session)
	r.create(t)
	view, err := p.Get()
	if err != nil || view.Exists || view.Safety == nil || view.Contacts == nil {
		t.Fatalf("before first run: %+v %v", view, err)
	}
	view, err = p.Save(api.ProfileInput{Role: "broke-trust", MyName: "Sam",
		Safety: map[string]string{"hurt": "no", "afraid": "no", "control": "no", "pressured": "no"}})
	if err != nil || !view.Exists || !view.SafetyAnswered || view.SafetyConcern || view.Concern != profile.ConcernNone {
		t.Fatalf("saved: %+v %v", view, err)
	}
	// Taking the check again with "rather not say" is a gentle signal, straight away.
	view, err = p.Save(api.ProfileInput{Role: "broke-trust", MyName: "Sam",
		Safety: map[string]string{"hurt": "no", "afraid": "rather-not-say", "control": "no", "pressured": "no"}})
	if err != nil || view.SafetyConcern || view.Concern != profile.ConcernGentle {
		t.Fatalf("gentle: %+v %v", view, err)
	}
	view, err = p.Save(api.ProfileInput{Role: "hurt", Safety: map[string]string{"hurt": "yes", "afraid": "no", "control": "no", "pressured": "no"},
		Contacts: []profile.Contact{{Name: "Local support line", HowToReach: "0800 000 000"}}})
	if err != nil || !view.SafetyConcern || view.Concern != profile.ConcernClear || len(view.Contacts) != 1 {
		t.Fatalf("concern: %+v %v", view, err)
	}
	_, err = p.Save(api.ProfileInput{Role: "someone"})
	wantCode(t, err, apperr.Invalid)
	r.svc.Lock()
	_, err = p.Get()
	wantCode(t, err, apperr.Locked)
}
