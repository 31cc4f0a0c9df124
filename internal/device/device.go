// Package device owns the cryptography of a device identity: the Ed25519 key pair a copy
// of Goldseam signs with and the X25519 key pair wrapped keys will later be sent to, made
// once per vault from crypto/rand, and the device id derived from the Ed25519 public key.
// The X25519 public key is bound to the identity by an Ed25519 signature, so a partner who
// trusts the device id can trust the key it receives wrapped keys with.
//
// This package keeps nothing on disk: internal/vault stores the public halves in the clear
// and the private halves sealed with the journal key (vault.DeviceSecret), makes the
// identity when a vault is made or first unlocked, and opens it with Open. The private
// halves never leave an *Identity except through SealWith, into the function that seals
// them; Wipe clears them.
package device

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
)

// The domain-separation prefixes: each use of a key or a hash has its own, so a value made
// for one can never be taken for another (a message signed with Sign is never a valid
// binding of a box key, and the reverse).
const (
	idPrefix      = "goldseam/device/id/v1\x00"
	signPrefix    = "goldseam/device/sign/v1\x00"
	boxBindPrefix = "goldseam/device/box-key/v1\x00"
)

// Sizes of the stored parts.
const (
	// IDLength is the length of a device id: 32 lowercase hex digits, the first 16 bytes of
	// SHA-256 over idPrefix and the Ed25519 public key. It never looks like the uuids (36
	// characters with hyphens) that copies before device identities stamped their records with.
	IDLength   = 2 * idBytes
	idBytes    = 16
	boxKeySize = 32
	// SecretSize is the length of the private halves as sealed: the Ed25519 seed, then the
	// X25519 private key.
	SecretSize = ed25519.SeedSize + boxKeySize
)

// ErrMismatch means the stored halves of an identity do not belong together: a public key,
// the id, the box key's binding or the private halves were changed.
var ErrMismatch = errors.New("the device identity's parts do not belong together")

// Public is what anyone may know of an identity: its id, its two public keys and the
// signature that binds the box key to the signing key.
type Public struct {
	ID      string
	SignKey ed25519.PublicKey
	BoxKey  []byte // X25519 public key
	BoxSig  []byte // Ed25519 signature by SignKey over boxBindPrefix, ID and BoxKey
}

// Check reports whether p holds together: the id is the one SignKey gives, and BoxSig is
// SignKey's signature of BoxKey.
func (p Public) Check() error {
	if len(p.SignKey) != ed25519.PublicKeySize || len(p.BoxKey) != boxKeySize || p.ID != DeriveID(p.SignKey) {
		return ErrMismatch
	}
	if !ed25519.Verify(p.SignKey, boxBinding(p.ID, p.BoxKey), p.BoxSig) {
		return ErrMismatch
	}
	return nil
}

// DeriveID is the device id of an Ed25519 public key (see IDLength).
func DeriveID(signKey ed25519.PublicKey) string {
	sum := sha256.Sum256(append([]byte(idPrefix), signKey...))
	return hex.EncodeToString(sum[:idBytes])
}

func boxBinding(id string, boxKey []byte) []byte {
	return append(append([]byte(boxBindPrefix), id...), boxKey...)
}

// Identity is an opened device identity: it signs and agrees keys, and its private halves
// are cleared by Wipe.
type Identity struct {
	pub  Public
	sign ed25519.PrivateKey // seed then public key, as crypto/ed25519 keeps it
	box  []byte             // X25519 private key
}

// New makes a new identity from the system's random source.
func New() (*Identity, error) {
	signPub, sign, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("make the signing key: %w", err)
	}
	boxKey, err := ecdh.X25519().GenerateKey(rand.Reader)
	if err != nil {
		clear(sign)
		return nil, fmt.Errorf("make the box key: %w", err)
	}
	// crypto/ecdh gives no way to clear its own copy; that one is left to the garbage
	// collector, as docs/security.md says of the recovery kit's X25519 key.
	id := &Identity{sign: sign, box: boxKey.Bytes()}
	id.pub = Public{ID: DeriveID(signPub), SignKey: signPub, BoxKey: boxKey.PublicKey().Bytes()}
	id.pub.BoxSig = ed25519.Sign(sign, boxBinding(id.pub.ID, id.pub.BoxKey))
	return id, nil
}

// Open rebuilds an identity from its public halves and its private halves as SealWith gave
// them, checking that every part belongs with the others; any mismatch is ErrMismatch.
// secret is copied: the caller clears its own copy.
func Open(pub Public, secret []byte) (*Identity, error) {
	if len(secret) != SecretSize || pub.Check() != nil {
		return nil, ErrMismatch
	}
	sign := ed25519.NewKeyFromSeed(secret[:ed25519.SeedSize])
	id := &Identity{pub: pub, sign: sign, box: bytes.Clone(secret[ed25519.SeedSize:])}
	boxKey, err := ecdh.X25519().NewPrivateKey(id.box)
	if err != nil || !bytes.Equal(sign[ed25519.SeedSize:], pub.SignKey) || !bytes.Equal(boxKey.PublicKey().Bytes(), pub.BoxKey) {
		id.Wipe()
		return nil, ErrMismatch
	}
	return id, nil
}

// Public returns the identity's public halves.
func (id *Identity) Public() Public { return id.pub }

// ID is the device id.
func (id *Identity) ID() string { return id.pub.ID }

// DeviceID is the device id, as the shared space's change log asks its signers for it.
func (id *Identity) DeviceID() string { return id.pub.ID }

// PublicKey is the Ed25519 public key the identity signs with.
func (id *Identity) PublicKey() ed25519.PublicKey { return id.pub.SignKey }

// SealWith hands the private halves (SecretSize bytes) to seal and returns what seal
// returns; the buffer is cleared afterwards, so seal must not keep it.
func (id *Identity) SealWith(seal func(secret []byte) []byte) []byte {
	secret := make([]byte, 0, SecretSize)
	// Not Seed(), which returns a copy this function could not clear.
	secret = append(append(secret, id.sign[:ed25519.SeedSize]...), id.box...)
	defer clear(secret)
	return seal(secret)
}

// Sign signs message with the identity's Ed25519 key. The message is prefixed with this
// package's own domain, so a signature made here is never valid for anything else the key
// signs (the box key's binding); callers put their own purpose in the message too.
func (id *Identity) Sign(message []byte) []byte {
	return ed25519.Sign(id.sign, signed(message))
}

// Verify reports whether sig is signKey's signature of message made with Sign.
func Verify(signKey ed25519.PublicKey, message, sig []byte) bool {
	return len(signKey) == ed25519.PublicKeySize && ed25519.Verify(signKey, signed(message), sig)
}

func signed(message []byte) []byte { return append([]byte(signPrefix), message...) }

// ECDH returns the X25519 shared secret of this identity's box key and peer, the other
// side's public key; the caller derives a key from it (HKDF) and clears it.
func (id *Identity) ECDH(peer []byte) ([]byte, error) {
	key, err := ecdh.X25519().NewPrivateKey(id.box)
	if err != nil {
		return nil, err
	}
	pub, err := ecdh.X25519().NewPublicKey(peer)
	if err != nil {
		return nil, fmt.Errorf("peer key: %w", err)
	}
	return key.ECDH(pub)
}

// Wipe clears the private halves. It is safe to call more than once.
func (id *Identity) Wipe() {
	if id == nil {
		return
	}
	clear(id.sign)
	clear(id.box)
}
