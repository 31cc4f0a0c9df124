package pairing

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goldseam/goldseam/internal/device"
)

// Domain-separation prefixes: each hash, signature, MAC and key derivation has its own, so
// a value made for one purpose is never valid for another.
const (
	commitPrefix  = "goldseam/pairing/commit/v1\x00"
	codePrefix    = "goldseam/pairing/code/v1\x00"
	filePrefix    = "goldseam/pairing/file/v1\x00"
	typedKeyInfo  = "goldseam/pairing/typed-mac-key/v1\x00"
	bundlePrefix  = "goldseam/pairing/bundle/v1\x00"
	digestPrefix  = "goldseam/pairing/digest/v1\x00"
	fileFormat    = "goldseam-pairing/1"
	maxFileSize   = 64 << 10
	nonceSize     = 32
	maxNameRunes  = 64
	pairingIDSize = 16 // random bytes; the id is their lowercase hex
)

// The kinds of file, which are also their names (the answer's name adds the joiner's id).
const (
	kindOffer  = "offer"
	kindAnswer = "answer"
	kindReveal = "reveal"
	kindKey    = "key"
	kindDone   = "done"
)

// The two ways to confirm.
const (
	modeCompare = "compare"
	modeTyped   = "typed"
)

// envelope is every pairing file: the body's exact bytes, the writer's signature of them
// and, in the typed variant, the HMAC keyed by the typed code. The body stays raw so the
// signature is checked over the bytes that were written, never over a re-encoding.
type envelope struct {
	Format string          `json:"format"`
	Kind   string          `json:"kind"`
	Body   json.RawMessage `json:"body"`
	Sig    []byte          `json:"sig"`
	MAC    []byte          `json:"mac,omitempty"`
}

// bundle is a device.Public as it travels.
type bundle struct {
	ID      string `json:"id"`
	SignKey []byte `json:"signKey"`
	BoxKey  []byte `json:"boxKey"`
	BoxSig  []byte `json:"boxSig"`
}

func bundleOf(p device.Public) *bundle {
	return &bundle{ID: p.ID, SignKey: bytes.Clone(p.SignKey), BoxKey: bytes.Clone(p.BoxKey), BoxSig: bytes.Clone(p.BoxSig)}
}

// public returns the bundle as a device.Public, refusing one whose parts do not belong
// together.
func (b *bundle) public() (device.Public, error) {
	if b == nil {
		return device.Public{}, errors.New("no key bundle")
	}
	p := device.Public{ID: b.ID, SignKey: bytes.Clone(b.SignKey), BoxKey: bytes.Clone(b.BoxKey), BoxSig: bytes.Clone(b.BoxSig)}
	if err := p.Check(); err != nil {
		return device.Public{}, err
	}
	return p, nil
}

// bundleBytes is the canonical form of a device's public halves that commitments and codes
// are computed over: each part with a length in front.
func bundleBytes(p device.Public) []byte {
	out := []byte(bundlePrefix)
	for _, part := range [][]byte{[]byte(p.ID), p.SignKey, p.BoxKey, p.BoxSig} {
		out = appendPart(out, part)
	}
	return out
}

func appendPart(out, part []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(part)))
	return append(out, part...)
}

type offerBody struct {
	Pairing string  `json:"pairing"`
	Space   string  `json:"space"`
	From    string  `json:"from"` // the inviter's device id
	Name    string  `json:"name"`
	Role    string  `json:"role"`
	Made    int64   `json:"made"` // Unix seconds, for the joiner's list only
	Mode    string  `json:"mode"`
	Commit  []byte  `json:"commitment,omitempty"` // compare: SHA-256(commitPrefix, bundle, nA)
	Bundle  *bundle `json:"bundle,omitempty"`     // typed: the inviter's keys at once
}

type answerBody struct {
	Pairing string  `json:"pairing"`
	Offer   []byte  `json:"offer"` // digest of the offer body answered
	Bundle  *bundle `json:"bundle"`
	Name    string  `json:"name"`
	Nonce   []byte  `json:"nonce"` // nB
}

type revealBody struct {
	Pairing string  `json:"pairing"`
	Answer  []byte  `json:"answer"` // digest of the answer body revealed to
	Bundle  *bundle `json:"bundle"`
	Nonce   []byte  `json:"nonce"` // nA
}

type keyBody struct {
	Pairing string          `json:"pairing"`
	Answer  []byte          `json:"answer"`
	Wrapped json.RawMessage `json:"wrapped"`
}

type doneBody struct {
	Pairing string `json:"pairing"`
	Key     []byte `json:"key"` // digest of the key body received
}

// digest names a body in another file: SHA-256 over a prefix, the kind and the exact bytes.
func digest(kind string, body []byte) []byte {
	h := sha256.New()
	h.Write([]byte(digestPrefix))
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write(body)
	return h.Sum(nil)
}

// signedBytes is what a file's signature and MAC cover.
func signedBytes(kind string, body []byte) []byte {
	return append([]byte(filePrefix+kind+"\x00"), body...)
}

func macOf(key []byte, kind string, body []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(signedBytes(kind, body))
	return m.Sum(nil)
}

// seal makes a file: the body encoded, signed by me and, with a MAC key, authenticated by it.
func seal(kind string, body any, me *device.Identity, macKey []byte) ([]byte, []byte, error) {
	raw, err := json.Marshal(body)
	if err != nil {
		return nil, nil, err
	}
	env := envelope{Format: fileFormat, Kind: kind, Body: raw, Sig: me.Sign(signedBytes(kind, raw))}
	if macKey != nil {
		env.MAC = macOf(macKey, kind, raw)
	}
	out, err := json.Marshal(env)
	if err != nil {
		return nil, nil, err
	}
	return append(out, '\n'), raw, nil
}

// errShort means the file is not whole yet (a sync engine can carry a file's first half
// before the rest): the caller treats it as "not arrived".
var errShort = errors.New("the file is not whole yet")

// open parses a file of the given kind without checking its signature (the signer may not
// be known yet) and decodes its body into v, strictly: no unknown fields, nothing after it.
// A file that is not JSON at all is errShort; one that is JSON but wrong is refused.
func open(data []byte, kind string, v any) (envelope, error) {
	var env envelope
	if len(data) > maxFileSize {
		return env, errors.New("the file is too large")
	}
	if !json.Valid(data) {
		return env, errShort
	}
	if err := strictDecode(data, &env); err != nil {
		return env, err
	}
	if env.Format != fileFormat || env.Kind != kind {
		return env, errors.New("not a pairing file of this kind")
	}
	if len(env.Body) == 0 || env.Body[0] != '{' {
		return env, errors.New("the body is not an object")
	}
	if err := strictDecode(env.Body, v); err != nil {
		return env, err
	}
	return env, nil
}

func strictDecode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("something follows the JSON value")
	}
	return nil
}

// verify checks the envelope's signature by signer.
func (env envelope) verify(signer device.Public) bool {
	return device.Verify(signer.SignKey, signedBytes(env.Kind, env.Body), env.Sig)
}

// checkMAC checks the envelope's typed-code MAC.
func (env envelope) checkMAC(key []byte) bool {
	return len(env.MAC) == sha256.Size && hmac.Equal(env.MAC, macOf(key, env.Kind, env.Body))
}

// isHexID reports whether s is n random bytes as lowercase hex: a pairing id or device id.
func isHexID(s string, n int) bool {
	if len(s) != 2*n {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// isSpaceID reports whether s is a uuid in its usual lowercase form.
func isSpaceID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range []byte(s) {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
				return false
			}
		}
	}
	return true
}

func validRole(r string) bool { return r == "partner-1" || r == "partner-2" }

func otherRole(r string) string {
	if r == "partner-1" {
		return "partner-2"
	}
	return "partner-1"
}

// validName reports whether a name is fit to show: some visible text, at most 64 runes, no
// control or formatting characters (which could hide or reorder what the other screen shows).
func validName(n string) bool {
	if !utf8.ValidString(n) || strings.TrimSpace(n) != n || n == "" || utf8.RuneCountInString(n) > maxNameRunes {
		return false
	}
	for _, r := range n {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}

// check* refuse a body whose fields are out of shape, before any cryptography.
func (b *offerBody) check() error {
	if !isHexID(b.Pairing, pairingIDSize) || !isSpaceID(b.Space) || !isHexID(b.From, device.IDLength/2) ||
		!validName(b.Name) || !validRole(b.Role) || b.Made <= 0 {
		return errors.New("the offer's fields are out of shape")
	}
	switch b.Mode {
	case modeCompare:
		if len(b.Commit) != sha256.Size || b.Bundle != nil {
			return errors.New("a compared offer carries a commitment and no keys")
		}
	case modeTyped:
		if b.Commit != nil || b.Bundle == nil || b.Bundle.ID != b.From {
			return errors.New("a typed offer carries its keys")
		}
	default:
		return errors.New("unknown mode")
	}
	return nil
}

func (b *answerBody) check() error {
	if !isHexID(b.Pairing, pairingIDSize) || len(b.Offer) != sha256.Size || b.Bundle == nil ||
		!validName(b.Name) || len(b.Nonce) != nonceSize {
		return errors.New("the answer's fields are out of shape")
	}
	return nil
}

func (b *revealBody) check() error {
	if !isHexID(b.Pairing, pairingIDSize) || len(b.Answer) != sha256.Size || b.Bundle == nil || len(b.Nonce) != nonceSize {
		return errors.New("the reveal's fields are out of shape")
	}
	return nil
}

func (b *keyBody) check() error {
	if !isHexID(b.Pairing, pairingIDSize) || len(b.Answer) != sha256.Size || len(b.Wrapped) == 0 {
		return errors.New("the key file's fields are out of shape")
	}
	return nil
}

func (b *doneBody) check() error {
	if !isHexID(b.Pairing, pairingIDSize) || len(b.Key) != sha256.Size {
		return errors.New("the receipt's fields are out of shape")
	}
	return nil
}
