package api_test

import (
	"context"
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/vault"
)

// TestWhatTheWindowSavesIsStampedWithThisDevice creates the vault and an agreement through
// the bound services, as the window does, then locks, unlocks and changes the passphrase:
// every shared change is stamped with the one device id the vault made at its creation.
func TestWhatTheWindowSavesIsStampedWithThisDevice(t *testing.T) {
	ctx := context.Background()
	r := newVaultRig(t)
	r.create(t)
	made, err := vault.DeviceID(ctx, r.db.SQL())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := api.NewSpace(r.db, r.session).SaveSettings(api.SpaceSettings{Names: [2]string{"Sam", "Alex"}}); err != nil {
		t.Fatal(err)
	}
	ag := api.NewAgreements(r.db, r.session)
	stamped := func(what string) {
		t.Helper()
		a, err := ag.Create(api.AgreementInput{What: what, Category: "openness", ReviewOn: "2030-01-01", By: "Sam"})
		if err != nil {
			t.Fatal(err)
		}
		var device string
		if err := r.db.SQL().QueryRow(`SELECT DISTINCT device FROM shared_changes WHERE record = ?`, a.ID).Scan(&device); err != nil || device != made {
			t.Fatalf("%q is stamped %q, the device is %q: %v", what, device, made, err)
		}
	}
	stamped("We say where we are going.")
	if err := r.svc.Lock(); err != nil {
		t.Fatal(err)
	}
	if err := r.svc.Unlock(passphrase); err != nil {
		t.Fatal(err)
	}
	stamped("We talk on Sundays.")
	if _, err := r.svc.ChangePassphrase(passphrase, passphrase+" and then some more"); err != nil {
		t.Fatal(err)
	}
	stamped("We keep our phones face up.")
}
