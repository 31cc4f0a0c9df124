package pairing

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/device"
)

// commitment is what the offer publishes before the inviter has seen anything of the joiner:
// a hash of the inviter's keys and its secret nA.
func commitment(a device.Public, nA []byte) []byte {
	h := sha256.New()
	h.Write([]byte(commitPrefix))
	h.Write(bundleBytes(a))
	h.Write(nA)
	return h.Sum(nil)
}

// transcript is everything both screens' code is derived from.
type transcript struct {
	pairing      string
	offerDigest  []byte
	answerDigest []byte
	a, b         device.Public
	nA, nB       []byte
}

// codeLength is how many digits the compared code has: 10^6 codes, so a substituted key
// shows the same code on both screens about once in a million pairings.
const codeModulus = 1_000_000

// code derives the six digits both screens show, as "123 456". The 64 bits taken modulo a
// million leave a bias below 10^-13.
func (t transcript) code() string {
	secret := append(append([]byte{}, t.nA...), t.nB...)
	info := []byte(codePrefix)
	info = appendPart(info, []byte(t.pairing))
	info = appendPart(info, t.offerDigest)
	info = appendPart(info, t.answerDigest)
	info = appendPart(info, bundleBytes(t.a))
	info = appendPart(info, bundleBytes(t.b))
	out, err := hkdf.Key(sha256.New, secret, nil, string(info), 8)
	if err != nil {
		panic("pairing: HKDF-SHA256 refused an 8-byte key: " + err.Error()) // cannot happen
	}
	n := binary.BigEndian.Uint64(out) % codeModulus
	return fmt.Sprintf("%03d %03d", n/1000, n%1000)
}

// typedAlphabet has 32 characters, so each carries 5 bits: the letters without I and O and
// the digits without 0 and 1, which people confuse with them.
const typedAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// typedBytes is the typed code's entropy: 80 bits, 16 characters.
const typedBytes = 10

// ErrTypedCodeShape refuses a typed code that cannot be one, before it is tried.
var ErrTypedCodeShape = apperr.New(apperr.Invalid,
	"That is not a pairing code. It has 16 letters and digits, like ABCD-EFGH-JKLM-NPQR, and never uses O, 0, I or 1.")

// newTypedCode makes a random typed code and returns it grouped for the screen.
func newTypedCode() (string, error) {
	raw := make([]byte, typedBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	return formatTyped(raw), nil
}

func formatTyped(raw []byte) string {
	var b strings.Builder
	var acc uint
	bits := 0
	n := 0
	for _, c := range raw {
		acc = acc<<8 | uint(c)
		bits += 8
		for bits >= 5 {
			bits -= 5
			if n > 0 && n%4 == 0 {
				b.WriteByte('-')
			}
			b.WriteByte(typedAlphabet[(acc>>bits)&31])
			n++
		}
	}
	return b.String()
}

// parseTyped reads a typed code as a person may type it (any case, with or without spaces
// and hyphens) and returns its 10 bytes.
func parseTyped(s string) ([]byte, error) {
	var acc uint
	bits := 0
	out := make([]byte, 0, typedBytes)
	n := 0
	for _, r := range strings.ToUpper(s) {
		if r == '-' || r == ' ' {
			continue
		}
		i := strings.IndexRune(typedAlphabet, r)
		if i < 0 || n == 16 {
			return nil, ErrTypedCodeShape
		}
		n++
		acc = acc<<5 | uint(i)
		bits += 5
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
		}
	}
	if n != 16 {
		return nil, ErrTypedCodeShape
	}
	return out, nil
}

// typedKey is the HMAC key a typed code gives for one pairing.
func typedKey(code, pairing string) ([]byte, error) {
	raw, err := parseTyped(code)
	if err != nil {
		return nil, err
	}
	return hkdf.Key(sha256.New, raw, nil, typedKeyInfo+pairing, sha256.Size)
}
