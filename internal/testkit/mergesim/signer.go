package mergesim

import (
	"crypto/ed25519"
	"crypto/rand"

	"github.com/goldseam/goldseam/internal/space"
)

// KeySigner is a device identity held in memory, for tests and simulations: an Ed25519 key
// that signs as internal/device's identity does (space.Signer).
type KeySigner struct {
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

// NewSigner makes a signer with a new key.
func NewSigner() *KeySigner {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		panic("mergesim: the system's random source failed: " + err.Error())
	}
	return &KeySigner{pub: pub, priv: priv}
}

func (s *KeySigner) DeviceID() string             { return space.DeviceIDOf(s.pub) }
func (s *KeySigner) PublicKey() ed25519.PublicKey { return s.pub }

// Sign signs msg after the device signing prefix, as space.VerifyDeviceSignature checks.
func (s *KeySigner) Sign(msg []byte) []byte {
	return ed25519.Sign(s.priv, append([]byte("goldseam/device/sign/v1\x00"), msg...))
}
