package space

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// A change is one immutable fact of the shared space: "this person, on this device, set this
// field of this record to this value, at this clock". The space's truth is the set of its
// changes; merging two copies is the union of their sets and what a screen shows is a fold of
// the set (see Fold), so two copies holding the same changes show the same space whatever
// order the changes arrived in (docs/architecture.md, "The change log").

// The domain-separation prefixes of the change log: each hash and signature has its own.
const (
	headerMagic   = "goldseam/change/header"
	headerVersion = 1
	idPrefix      = "goldseam/change/id/v1\x00"
	sigPrefix     = "goldseam/change/sig/v1\x00"
	commitPrefix  = "goldseam/change/commit/v1\x00"
	// deviceIDPrefix and deviceSignPrefix are internal/device's: a device id is derived and a
	// device signs exactly as that package does, so its identity is a Signer as it stands.
	// This package does not import it (the log needs only something that signs); the two
	// must stay equal, which identity_test.go checks.
	deviceIDPrefix   = "goldseam/device/id/v1\x00"
	deviceSignPrefix = "goldseam/device/sign/v1\x00"
)

// maxClock bounds a change's clock far above any real count of changes, so a partner's
// change can never push this copy's next clock past what an int64 holds. It is a fixed
// bound, not one relative to this copy's clock: whether a change is refused must not depend
// on which copy looks at it, or two copies holding the same changes could differ.
const maxClock = 1 << 53

// Special fields.
const (
	// FieldWhole is the field of a record's creation or whole immutable value (a version's
	// wording).
	FieldWhole = ""
	// FieldDeleted is the tombstone field: true deletes the record, and merges by clock like
	// any other field, so a later change can bring the record back.
	FieldDeleted = "deleted"
)

// Person is who wrote a change, as the space names them. It travels sealed, never in the
// clear: names are private.
type Person struct {
	Role string `json:"role"`
	Name string `json:"name"`
}

// Signer is a device identity able to sign changes: internal/device's identity, or a test's.
// Sign must return the Ed25519 signature of deviceSignPrefix followed by msg, as
// device.Identity.Sign does.
type Signer interface {
	DeviceID() string
	PublicKey() ed25519.PublicKey
	Sign(msg []byte) []byte
}

// Author is who appends to a log: the device that signs and the person at it.
type Author struct {
	Signer Signer
	Person Person
}

// DeviceIDOf is the device id of an Ed25519 public key: 32 lowercase hex digits, the first
// 16 bytes of SHA-256 over "goldseam/device/id/v1\x00" and the key, the same derivation as
// internal/device's DeriveID. A change names its device and carries the key, and is refused
// unless the two agree, so no list of devices is needed to check who signed it.
func DeviceIDOf(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(append([]byte(deviceIDPrefix), pub...))
	return hex.EncodeToString(sum[:16])
}

// VerifyDeviceSignature reports whether sig is pub's signature of msg made as Signer says.
func VerifyDeviceSignature(pub ed25519.PublicKey, msg, sig []byte) bool {
	return len(pub) == ed25519.PublicKeySize && ed25519.Verify(pub, append([]byte(deviceSignPrefix), msg...), sig)
}

// Header is the part of a change kept in the clear, so a copy can find, order and merge
// changes without opening them. All of it is bound into the sealed value's associated data
// and covered by the id and the signature.
type Header struct {
	Record string    // the record changed: a uuid, or an id derived from its parent and a person
	Kind   string    // what the record is: "agreement", "checkin-answer", ...
	Parent string    // the record's parent, "" at the top level
	Field  string    // the field set; FieldWhole or FieldDeleted are special
	Clock  int64     // Lamport clock: one more than any clock its device had seen
	Device string    // the author device's id (DeviceIDOf its public key)
	At     time.Time // wall time, for people only: never used to order
}

// Change is one change as stored and exchanged.
type Change struct {
	Header
	ID     string            // hex, from the header and the commitment (see changeID)
	Commit []byte            // SHA-256 commitment to the sealed payload (see payload)
	Sealed []byte            // the payload, sealed with the shared key, header bound in
	Pub    ed25519.PublicKey // the author device's public key
	Sig    []byte            // the device's signature of the header and commitment
}

// canonical is the header's one encoding: a magic and version, then every field in a fixed
// order, strings length prefixed and numbers fixed width, so no two headers encode alike and
// nothing depends on how a JSON encoder orders keys.
func (h Header) canonical() []byte {
	out := appendString(nil, headerMagic)
	out = append(out, headerVersion)
	for _, s := range []string{h.Record, h.Kind, h.Parent, h.Field, h.Device} {
		out = appendString(out, s)
	}
	out = binary.BigEndian.AppendUint64(out, uint64(h.Clock))
	return binary.BigEndian.AppendUint64(out, uint64(h.At.UnixNano()))
}

func appendString(out []byte, s string) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(s)))
	return append(out, s...)
}

// errHeader is any header that is not exactly one canonical encoding.
var errHeader = errors.New("not a canonical change header")

// parseHeader reads a header written by canonical, refusing anything else: another
// version, trailing bytes or a clock out of range.
func parseHeader(b []byte) (Header, error) {
	r := reader{b: b}
	if r.string() != headerMagic || r.byte() != headerVersion {
		return Header{}, errHeader
	}
	var h Header
	for _, s := range []*string{&h.Record, &h.Kind, &h.Parent, &h.Field, &h.Device} {
		*s = r.string()
	}
	clock, at := r.uint64(), r.uint64()
	if r.bad || len(r.b) != 0 || clock < 1 || clock > maxClock {
		return Header{}, errHeader
	}
	h.Clock, h.At = int64(clock), time.Unix(0, int64(at)).UTC()
	return h, nil
}

// reader reads length-prefixed parts, remembering whether any was short.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) take(n uint64) []byte {
	if r.bad || uint64(len(r.b)) < n {
		r.bad = true
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) byte() byte {
	if b := r.take(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) uint64() uint64 {
	if b := r.take(8); b != nil {
		return binary.BigEndian.Uint64(b)
	}
	return 0
}

func (r *reader) string() string {
	b := r.take(4)
	if b == nil {
		return ""
	}
	return string(r.take(uint64(binary.BigEndian.Uint32(b))))
}

// changeID is hex of SHA-256 over the header and the commitment, cut to 32 digits. It covers
// the commitment, not the ciphertext, so resealing (a passphrase change, or a copy keeping
// a partner's changes under its own key) keeps every id and signature valid.
func changeID(header, commit []byte) string {
	sum := sha256.Sum256(append(append([]byte(idPrefix), header...), commit...))
	return hex.EncodeToString(sum[:16])
}

// signedMessage is what a device signs for a change.
func signedMessage(header, commit []byte) []byte {
	return append(append([]byte(sigPrefix), header...), commit...)
}

func (c Change) String() string {
	return fmt.Sprintf("%s %s/%s.%s@%d", c.ID, c.Kind, c.Record, c.Field, c.Clock)
}
