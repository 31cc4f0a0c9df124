package space_test

import (
	"context"
	"testing"

	"github.com/goldseam/goldseam/internal/device"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// A vault's device identity is a space.Signer as it stands.
var _ space.Signer = (*device.Identity)(nil)

// The change log derives device ids and checks signatures exactly as internal/device makes
// them: a vault's own identity signs changes that pass every check, under the id the vault
// stamps, and the test signer used everywhere else signs as the identity does.
func TestTheDeviceIdentitySignsChangesTheLogAccepts(t *testing.T) {
	ctx := context.Background()
	db, u := testvault.Open(t)
	id, err := u.Device(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer id.Wipe()
	if got := space.DeviceIDOf(id.Public().SignKey); got != id.ID() || got != device.DeriveID(id.Public().SignKey) {
		t.Fatalf("space derives %s, device %s", got, id.ID())
	}
	l := space.NewLog(db, u.Key(vault.Shared), space.Author{Signer: id, Person: alex})
	c := mustAppend(t, l, space.Draft{Record: "r", Kind: "agreement-signature", Value: "I agree"})[0]
	stamped, err := vault.DeviceID(ctx, db.SQL())
	if err != nil || c.Device != stamped {
		t.Fatalf("change by %s, the vault's device is %s (%v)", c.Device, stamped, err)
	}
	if _, err := space.Open(u.Key(vault.Shared), c); err != nil {
		t.Fatalf("the identity's change does not open: %v", err)
	}
	msg := []byte("any message")
	test := mergesim.NewSigner()
	if !device.Verify(test.PublicKey(), msg, test.Sign(msg)) || !space.VerifyDeviceSignature(id.Public().SignKey, msg, id.Sign(msg)) {
		t.Fatal("the test signer and the device identity sign differently")
	}
}
