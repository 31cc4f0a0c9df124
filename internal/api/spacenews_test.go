package api_test

import (
	"context"
	"testing"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/vault"
)

// Home mentions, once, what the partner signed on their own computer: nothing before this
// computer is paired, one line when Alex's signature arrives, nothing the next time.
func TestHomeMentionsThePartnersSignatureOnce(t *testing.T) {
	ctx := context.Background()
	r := newVaultRig(t)
	r.create(t)
	sp := api.NewSpace(r.db, r.session)
	if _, err := sp.SaveSettings(api.SpaceSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}); err != nil {
		t.Fatal(err)
	}
	ag := api.NewAgreements(r.db, r.session)
	made, err := ag.Create(api.AgreementInput{What: "We put our phones away at dinner.", Category: "openness", By: "Sam"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ag.Propose(made.ID, "Sam"); err != nil {
		t.Fatal(err)
	}
	// Alex signs on Alex's own computer (another device), and the change arrives here.
	alex := space.Person{Role: "partner-2", Name: "Alex"}
	if err := r.session.WithKeys(func(u *vault.Unlocked) error {
		log := space.NewLog(r.db, u.Key(vault.Shared), space.Author{Signer: mergesim.NewSigner(), Person: alex})
		return agreements.New(log).Sign(ctx, made.ID, made.Current.ID, alex)
	}); err != nil {
		t.Fatal(err)
	}
	if news, err := sp.News(); err != nil || len(news) != 0 {
		t.Fatalf("before pairing: %v %v", news, err)
	}
	pairedAsSam(t, r)
	news, err := sp.News()
	if err != nil || len(news) != 1 || news[0].Text != "Alex signed “We put our phones away at dinner.”" || news[0].Route != "agreements/"+made.ID {
		t.Fatalf("paired: %+v %v", news, err)
	}
	if again, err := sp.News(); err != nil || len(again) != 0 {
		t.Fatalf("told twice: %v %v", again, err)
	}
}
