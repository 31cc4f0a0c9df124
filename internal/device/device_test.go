package device_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"testing"

	"github.com/goldseam/goldseam/internal/device"
)

func mustNew(t *testing.T) *device.Identity {
	t.Helper()
	id, err := device.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(id.Wipe)
	return id
}

// secretOf copies what SealWith hands out, as the vault would seal it.
func secretOf(id *device.Identity) []byte {
	return id.SealWith(func(secret []byte) []byte { return bytes.Clone(secret) })
}

// TestTheIDIsDerivedFromTheSigningKey recomputes the id from its definition (docs/security.md)
// rather than through DeriveID, so a change to either shows.
func TestTheIDIsDerivedFromTheSigningKey(t *testing.T) {
	a, b := mustNew(t), mustNew(t)
	p := a.Public()
	sum := sha256.Sum256(append([]byte("goldseam/device/id/v1\x00"), p.SignKey...))
	if want := hex.EncodeToString(sum[:16]); p.ID != want || a.ID() != want || len(p.ID) != device.IDLength {
		t.Fatalf("id %q, want %q", p.ID, want)
	}
	if err := p.Check(); err != nil {
		t.Fatal(err)
	}
	if b.ID() == a.ID() || bytes.Equal(b.Public().BoxKey, p.BoxKey) {
		t.Fatal("two new identities share a key")
	}
}

func TestSignaturesRoundTripAndATamperedMessageFails(t *testing.T) {
	a, b := mustNew(t), mustNew(t)
	msg := []byte("agreement 7f3c, version 9a21, signed by Sam")
	sig := a.Sign(msg)
	if !device.Verify(a.Public().SignKey, msg, sig) {
		t.Fatal("a signature does not verify")
	}
	bad := bytes.Clone(msg)
	bad[len(bad)-1] ^= 1
	flipped := bytes.Clone(sig)
	flipped[0] ^= 1
	switch {
	case device.Verify(a.Public().SignKey, bad, sig):
		t.Fatal("a changed message verified")
	case device.Verify(b.Public().SignKey, msg, sig):
		t.Fatal("another device's key verified the signature")
	case device.Verify(a.Public().SignKey, msg, flipped):
		t.Fatal("a changed signature verified")
	case device.Verify(a.Public().SignKey[:10], msg, sig):
		t.Fatal("a cut key verified")
	}
	// Sign's domain keeps its signatures apart from the box key's binding, and the reverse.
	p := a.Public()
	binding := append([]byte("goldseam/device/box-key/v1\x00"+p.ID), p.BoxKey...)
	if device.Verify(p.SignKey, binding, p.BoxSig) {
		t.Fatal("the box key's binding verifies as a message signature")
	}
}

func TestOpenGivesBackTheSameIdentity(t *testing.T) {
	a := mustNew(t)
	opened, err := device.Open(a.Public(), secretOf(a))
	if err != nil {
		t.Fatal(err)
	}
	defer opened.Wipe()
	msg := []byte("the same words")
	if !device.Verify(a.Public().SignKey, msg, opened.Sign(msg)) {
		t.Fatal("the reopened identity signs with another key")
	}
	peer := mustNew(t)
	mine, err := opened.ECDH(peer.Public().BoxKey)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := peer.ECDH(a.Public().BoxKey)
	if err != nil || !bytes.Equal(mine, theirs) || len(mine) != 32 {
		t.Fatalf("the two sides agree on different secrets: %v", err)
	}
	if _, err := opened.ECDH(make([]byte, 32)); err == nil {
		t.Fatal("an all-zero peer key gave a shared secret")
	}
}

// TestOpenRefusesPartsThatDoNotBelongTogether changes each stored part in turn.
func TestOpenRefusesPartsThatDoNotBelongTogether(t *testing.T) {
	a, b := mustNew(t), mustNew(t)
	secret := secretOf(a)
	cases := map[string]func(p *device.Public, s []byte) []byte{
		"another device's signing key": func(p *device.Public, s []byte) []byte { p.SignKey = b.Public().SignKey; return s },
		"another device's box key":     func(p *device.Public, s []byte) []byte { p.BoxKey = b.Public().BoxKey; return s },
		"another device's binding":     func(p *device.Public, s []byte) []byte { p.BoxSig = b.Public().BoxSig; return s },
		"another id":                   func(p *device.Public, s []byte) []byte { p.ID = b.ID(); return s },
		"another device's secret":      func(p *device.Public, s []byte) []byte { return secretOf(b) },
		"another box secret": func(p *device.Public, s []byte) []byte {
			return append(s[:32:32], secretOf(b)[32:]...)
		},
		"a cut secret": func(p *device.Public, s []byte) []byte { return s[:40] },
	}
	for name, change := range cases {
		p := a.Public()
		s := change(&p, bytes.Clone(secret))
		if _, err := device.Open(p, s); !errors.Is(err, device.ErrMismatch) {
			t.Errorf("%s: got %v, want ErrMismatch", name, err)
		}
	}
}

func TestWipeClearsThePrivateHalves(t *testing.T) {
	a := mustNew(t)
	a.Wipe()
	if s := secretOf(a); !bytes.Equal(s, make([]byte, device.SecretSize)) {
		t.Fatal("Wipe left private bytes behind")
	}
	a.Wipe() // twice is fine
	var none *device.Identity
	none.Wipe()
}
