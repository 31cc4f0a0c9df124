package profile_test

import (
	"context"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/profile"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	m.Run()
}

func TestProfileIsSealedAndComesBack(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Journal)
	if _, exists, err := profile.Load(ctx, db, key); err != nil || exists {
		t.Fatalf("fresh vault: exists=%v %v", exists, err)
	}
	in := profile.Profile{Role: "hurt", MyName: " Ana ", PartnerName: "Sam",
		Safety:   map[string]string{"hurt": "no", "afraid": "yes", "control": "no", "pressured": "rather-not-say"},
		Contacts: []profile.Contact{{Name: "Dr Okafor", HowToReach: "0123 456"}, {}}}
	saved, err := profile.Save(ctx, db, key, in)
	if err != nil {
		t.Fatal(err)
	}
	got, exists, err := profile.Load(ctx, db, key)
	if err != nil || !exists || got.MyName != "Ana" || len(got.Contacts) != 1 || !got.SafetyAnswered() || !got.SafetyConcern() || saved.Role != "hurt" {
		t.Fatalf("got %+v exists=%v %v", got, exists, err)
	}
	// The row must really be read: a query that fails or finds nothing would let the check
	// below pass on nothing.
	var raw []byte
	if err := db.SQL().QueryRow(`SELECT content FROM profile`).Scan(&raw); err != nil || len(raw) == 0 {
		t.Fatalf("the stored profile could not be read (%d bytes): %v", len(raw), err)
	}
	for _, word := range []string{"Ana", "Sam", "Okafor", "afraid"} {
		if strings.Contains(string(raw), word) {
			t.Fatalf("%q is readable in the stored row", word)
		}
	}
	bad := []profile.Profile{
		{Role: "victim"},
		{Role: "hurt", MyName: strings.Repeat("a", 61)},
		{Role: "hurt", Safety: map[string]string{"hurt": "maybe"}},
		{Role: "hurt", Safety: map[string]string{"weather": "no"}},
		{Role: "hurt", Contacts: []profile.Contact{{HowToReach: "no name"}}},
	}
	for _, p := range bad {
		if _, err := profile.Save(ctx, db, key, p); apperr.CodeOf(err) != apperr.Invalid || apperr.MessageOf(err) == "" {
			t.Errorf("%+v: got %v, want a reason", p, err)
		}
	}
	if got, _, _ := profile.Load(ctx, db, key); got.MyName != "Ana" {
		t.Fatal("a refused save changed the profile")
	}
}
