package vault

import (
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"golang.org/x/crypto/chacha20poly1305"
)

const (
	keySize   = chacha20poly1305.KeySize // 32 bytes, for every key Goldseam makes
	nonceSize = chacha20poly1305.NonceSizeX
	saltSize  = 16

	// fieldFormat is the first byte of every sealed field; a new layout gets a new number.
	fieldFormat byte = 1
	// fieldHeader is format byte + key id + nonce.
	fieldHeader = 1 + 16 + nonceSize
)

// ErrTampered means a sealed value did not open: it was changed, moved to another row,
// field or vault, or sealed with another key.
var ErrTampered = errors.New("sealed data failed authentication")

// Purpose names what a content key protects.
type Purpose string

// The content keys every vault has.
const (
	Journal Purpose = "journal" // the private journal and everything else only this person sees
	Shared  Purpose = "shared"  // the shared space: agreements, check-ins, good experiences
)

// Field says where a sealed value lives. It is bound into the ciphertext as associated
// data, so a value copied to another row, column or table fails to open.
type Field struct {
	Table  string
	Row    string // the row's uuid
	Column string
}

// ContentKey seals and opens the fields of one purpose. It exists only while the vault is
// unlocked; Lock wipes it.
type ContentKey struct {
	id      uuid.UUID
	purpose Purpose
	vaultID string
	key     []byte
	aead    cipher.AEAD
}

func newContentKey(id uuid.UUID, purpose Purpose, vaultID string, key []byte) (*ContentKey, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("content key: %w", err)
	}
	return &ContentKey{id: id, purpose: purpose, vaultID: vaultID, key: key, aead: aead}, nil
}

// ID is the key's id, stored with everything it seals.
func (k *ContentKey) ID() string { return k.id.String() }

// Seal encrypts plaintext for field with XChaCha20-Poly1305 and a fresh random nonce.
// The result is: format byte, key id (16 bytes), nonce (24 bytes), ciphertext and tag.
func (k *ContentKey) Seal(f Field, plaintext []byte) []byte {
	out := make([]byte, fieldHeader, fieldHeader+len(plaintext)+k.aead.Overhead())
	out[0] = fieldFormat
	copy(out[1:17], k.id[:])
	if _, err := rand.Read(out[17:fieldHeader]); err != nil {
		panic("vault: the system's random source failed: " + err.Error())
	}
	return k.aead.Seal(out, out[17:fieldHeader], plaintext, k.fieldAD(f))
}

// Open decrypts a value sealed by Seal for the same field, or returns ErrTampered.
func (k *ContentKey) Open(f Field, sealed []byte) ([]byte, error) {
	if len(sealed) < fieldHeader+k.aead.Overhead() || sealed[0] != fieldFormat {
		return nil, ErrTampered
	}
	if [16]byte(sealed[1:17]) != k.id {
		return nil, ErrTampered
	}
	plain, err := k.aead.Open(nil, sealed[17:fieldHeader], sealed[fieldHeader:], k.fieldAD(f))
	if err != nil {
		return nil, ErrTampered
	}
	return plain, nil
}

// SealString and OpenString are Seal and Open for text.
func (k *ContentKey) SealString(f Field, s string) []byte { return k.Seal(f, []byte(s)) }

func (k *ContentKey) OpenString(f Field, sealed []byte) (string, error) {
	b, err := k.Open(f, sealed)
	return string(b), err
}

// fieldAD binds the data format, the vault, the place and the key. Each part is length
// prefixed, so no two different places can ever produce the same associated data.
// It binds the data format version, not the app's release version: an upgrade must
// still open what the previous release sealed.
func (k *ContentKey) fieldAD(f Field) []byte {
	return ad("goldseam/field", fmt.Sprint(fieldFormat), k.vaultID, f.Table, f.Row, f.Column, string(k.id[:]))
}

func ad(parts ...string) []byte {
	var out []byte
	for _, p := range parts {
		out = binary.BigEndian.AppendUint32(out, uint32(len(p)))
		out = append(out, p...)
	}
	return out
}

func (k *ContentKey) wipe() {
	wipe(k.key)
	k.aead = nil
}

// sealKey and openKey wrap one key with another (the master key by the passphrase key, a
// content key by the master key): nonce then ciphertext.
func sealKey(wrapping, key, associated []byte) []byte {
	aead, err := chacha20poly1305.NewX(wrapping)
	if err != nil {
		panic("vault: wrapping key has the wrong size")
	}
	nonce := make([]byte, nonceSize, nonceSize+len(key)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		panic("vault: the system's random source failed: " + err.Error())
	}
	return aead.Seal(nonce, nonce, key, associated)
}

func openKey(wrapping, sealed, associated []byte) ([]byte, error) {
	aead, err := chacha20poly1305.NewX(wrapping)
	if err != nil || len(sealed) < nonceSize+aead.Overhead() {
		return nil, ErrTampered
	}
	key, err := aead.Open(nil, sealed[:nonceSize], sealed[nonceSize:], associated)
	if err != nil || len(key) != keySize {
		return nil, ErrTampered
	}
	return key, nil
}

// wipe overwrites a secret in place. Go may have copied it elsewhere (the garbage
// collector moves nothing, but stacks grow); this is best effort, as docs/security.md says.
func wipe(b []byte) {
	clear(b)
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("vault: the system's random source failed: " + err.Error())
	}
	return b
}
