package vault

import (
	"bytes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"unsafe"

	"github.com/google/uuid"
	"golang.org/x/crypto/chacha20poly1305"
)

const (
	keySize   = chacha20poly1305.KeySize // 32 bytes, for every key Goldseam makes
	nonceSize = chacha20poly1305.NonceSizeX
	saltSize  = 16

	// fieldFormat is the first byte of every field sealed today: format 2 pads the plaintext
	// (see bucket) and binds Field.Bound. Format 1 (no padding, nothing bound beyond the row) is
	// still opened, but only by content keys made before format 2 existed (ContentKey.legacy);
	// the next unlock reseals every such value under new keys (see migrateLegacy).
	fieldFormat    byte = 2
	legacyFormat   byte = 1
	fieldHeader         = 1 + 16 + nonceSize // format byte + key id + nonce
	lengthPrefix        = 4
	minBucket           = 1024
	bucketRounding      = 256
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
// data, so a value copied to another row, column or table fails to open. Bound holds
// further values of the row kept in the clear that the value belongs with (a journal
// entry's day, a shared record's parent): change one of them in the file and the value no
// longer opens.
type Field struct {
	Table  string
	Row    string // the row's uuid
	Column string
	Bound  []string
}

// ContentKey seals and opens the fields of one purpose. It exists only while the vault is
// unlocked; Lock wipes it.
type ContentKey struct {
	id      uuid.UUID
	purpose Purpose
	vaultID string
	key     []byte
	aead    cipher.AEAD
	// legacy keys were wrapped before field format 2; only they open format 1 values, so a
	// format 1 value from an old copy of the file never opens under today's keys.
	legacy bool
}

func newContentKey(id uuid.UUID, purpose Purpose, vaultID string, key []byte, legacy bool) (*ContentKey, error) {
	aead, err := newAEAD(key)
	if err != nil {
		return nil, fmt.Errorf("content key: %w", err)
	}
	return &ContentKey{id: id, purpose: purpose, vaultID: vaultID, key: key, aead: aead, legacy: legacy}, nil
}

// newAEAD makes an XChaCha20-Poly1305 value for key and checks that the copy of the key it
// holds is where clearAEAD will clear it.
func newAEAD(key []byte) (cipher.AEAD, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(aeadKey(aead), key) {
		return nil, errors.New("the AEAD does not keep its key where Goldseam can clear it")
	}
	return aead, nil
}

// aeadKey is the AEAD's own copy of its key. x/crypto's XChaCha20-Poly1305 is a pointer to
// a struct whose first field is the key array; newAEAD checks that this is still so for
// every key it makes, so a change of layout fails loudly instead of leaving keys behind.
func aeadKey(a cipher.AEAD) []byte {
	return unsafe.Slice((*byte)(reflect.ValueOf(a).UnsafePointer()), keySize)
}

// clearAEAD overwrites the AEAD's copy of its key.
func clearAEAD(a cipher.AEAD) {
	if a != nil {
		clear(aeadKey(a))
	}
}

// ID is the key's id, stored with everything it seals.
func (k *ContentKey) ID() string { return k.id.String() }

// Seal pads plaintext (see bucket), then encrypts it for field with XChaCha20-Poly1305 and a
// fresh random nonce. The result is: format byte, key id (16 bytes), nonce (24 bytes),
// ciphertext and tag.
func (k *ContentKey) Seal(f Field, plaintext []byte) []byte { return k.SealAtLeast(f, plaintext, 0) }

// SealAtLeast is Seal with the padded size chosen as for a plaintext of at least n bytes:
// a record whose length could tell its choices apart (the profile's role and safety answers)
// passes the length its longest choices would give, so every choice seals to one length.
func (k *ContentKey) SealAtLeast(f Field, plaintext []byte, n int) []byte {
	return k.sealTo(nil, f, plaintext, n)
}

// sealTo is Seal appending to dst (which it may reuse), for resealing many rows.
func (k *ContentKey) sealTo(dst []byte, f Field, plaintext []byte, atLeast int) []byte {
	size := bucket(max(len(plaintext), atLeast))
	need := fieldHeader + size + k.aead.Overhead()
	if cap(dst) < need {
		dst = make([]byte, 0, need)
	}
	out := dst[:fieldHeader+size]
	out[0] = fieldFormat
	copy(out[1:17], k.id[:])
	if _, err := rand.Read(out[17:fieldHeader]); err != nil {
		panic("vault: the system's random source failed: " + err.Error())
	}
	body := out[fieldHeader:]
	binary.BigEndian.PutUint32(body, uint32(len(plaintext)))
	n := copy(body[lengthPrefix:], plaintext)
	clear(body[lengthPrefix+n:])
	// Seal in place: the padded plaintext is overwritten by its ciphertext.
	return k.aead.Seal(out[:fieldHeader], out[17:fieldHeader], body, k.fieldAD(f, fieldFormat))
}

// bucket is the padded size (length prefix included) of a plaintext of n bytes: at least
// minBucket, so small records (a step state, a settings value, the profile, a signature)
// all seal to one length, then steps of a quarter, so a length tells only roughly how long
// a text is.
func bucket(n int) int {
	size := minBucket
	for size < n+lengthPrefix {
		size += size / 4
		size = (size + bucketRounding - 1) / bucketRounding * bucketRounding
	}
	return size
}

// Open decrypts a value sealed by Seal for the same field, or returns ErrTampered.
func (k *ContentKey) Open(f Field, sealed []byte) ([]byte, error) {
	_, plain, err := k.openTo(nil, f, sealed)
	return plain, err
}

// openTo is Open decrypting into dst's memory when it is large enough. It returns the whole
// decrypted buffer (padding included, for the caller to reuse and clear) and the plaintext.
func (k *ContentKey) openTo(dst []byte, f Field, sealed []byte) (buf, plain []byte, err error) {
	if len(sealed) < fieldHeader+k.aead.Overhead() || [16]byte(sealed[1:17]) != k.id {
		return nil, nil, ErrTampered
	}
	format := sealed[0]
	if format != fieldFormat && (format != legacyFormat || !k.legacy) {
		return nil, nil, ErrTampered
	}
	buf, err = k.aead.Open(dst[:0], sealed[17:fieldHeader], sealed[fieldHeader:], k.fieldAD(f, format))
	if err != nil {
		return nil, nil, ErrTampered
	}
	if format == legacyFormat {
		return buf, buf, nil
	}
	plain, err = unpad(buf)
	return buf, plain, err
}

// unpad checks the length prefix and that every padding byte is zero.
func unpad(padded []byte) ([]byte, error) {
	if len(padded) < lengthPrefix {
		return nil, ErrTampered
	}
	n := binary.BigEndian.Uint32(padded)
	if uint64(n) > uint64(len(padded)-lengthPrefix) {
		return nil, ErrTampered
	}
	rest := padded[lengthPrefix+int(n):]
	for _, b := range rest {
		if b != 0 {
			return nil, ErrTampered
		}
	}
	return padded[lengthPrefix : lengthPrefix+int(n)], nil
}

// SealString and OpenString are Seal and Open for text.
func (k *ContentKey) SealString(f Field, s string) []byte { return k.Seal(f, []byte(s)) }

func (k *ContentKey) OpenString(f Field, sealed []byte) (string, error) {
	b, err := k.Open(f, sealed)
	return string(b), err
}

// fieldAD binds the data format, the vault, the place, the key and (format 2) the bound
// values. Each part is length prefixed and the bound values are counted, so no two
// different places can ever produce the same associated data. It binds the data format
// version, not the app's release version: an upgrade must still open what the previous
// release sealed.
func (k *ContentKey) fieldAD(f Field, format byte) []byte {
	parts := []string{"goldseam/field", strconv.Itoa(int(format)), k.vaultID, f.Table, f.Row, f.Column, string(k.id[:])}
	if format != legacyFormat {
		parts = append(parts, strconv.Itoa(len(f.Bound)))
		parts = append(parts, f.Bound...)
	}
	return ad(parts...)
}

func ad(parts ...string) []byte {
	var out []byte
	for _, p := range parts {
		out = binary.BigEndian.AppendUint32(out, uint32(len(p)))
		out = append(out, p...)
	}
	return out
}

// wipe clears the key and the AEAD's own copy of it.
func (k *ContentKey) wipe() {
	wipe(k.key)
	clearAEAD(k.aead)
}

// sealKey and openKey wrap one key with another (the master key by the passphrase key, a
// content key by the master key): nonce then ciphertext. The AEAD's copy of the wrapping
// key is cleared before they return.
func sealKey(wrapping, key, associated []byte) []byte {
	aead, err := newAEAD(wrapping)
	if err != nil {
		panic("vault: wrapping key: " + err.Error())
	}
	defer clearAEAD(aead)
	nonce := make([]byte, nonceSize, nonceSize+len(key)+aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		panic("vault: the system's random source failed: " + err.Error())
	}
	return aead.Seal(nonce, nonce, key, associated)
}

func openKey(wrapping, sealed, associated []byte) ([]byte, error) {
	aead, err := newAEAD(wrapping)
	if err != nil {
		return nil, ErrTampered
	}
	defer clearAEAD(aead)
	if len(sealed) < nonceSize+aead.Overhead() {
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
