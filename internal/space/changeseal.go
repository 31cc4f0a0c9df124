package space

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"time"

	"github.com/goldseam/goldseam/internal/vault"
)

// saltSize is the random part of a payload: it makes the commitment hiding, so a short
// value (a rating, a date) cannot be found by hashing guesses against the commitment.
const saltSize = 32

// Opened is a change that passed every check, with what it says.
type Opened struct {
	Header
	ID     string
	Person Person
	Value  json.RawMessage
}

// sealField is where a change's payload lives: its row is the change id and its canonical
// header is bound in, so the payload opens only under the header it was written with.
func sealField(id string, header []byte) vault.Field {
	return vault.SharedChangeContent.Field(id, string(header))
}

// payload is what is sealed: the salt, the person (private, so never in the clear) and the
// value's JSON.
func payload(salt []byte, p Person, value []byte) []byte {
	out := append([]byte{}, salt...)
	out = appendString(appendString(out, p.Role), p.Name)
	return append(out, value...)
}

func parsePayload(b []byte) (Person, json.RawMessage, bool) {
	r := reader{b: b}
	r.take(saltSize)
	p := Person{Role: r.string(), Name: r.string()}
	if r.bad || !json.Valid(r.b) {
		return Person{}, nil, false
	}
	return p, json.RawMessage(bytes.Clone(r.b)), true
}

func commitment(payload []byte) []byte {
	sum := sha256.Sum256(append([]byte(commitPrefix), payload...))
	return sum[:]
}

// newChange makes, seals and signs a change of h (its device and time filled in) setting
// value (JSON), by a.
func newChange(key *vault.ContentKey, a Author, h Header, value []byte) (Change, error) {
	if h.Record == "" || h.Kind == "" {
		return Change{}, fmt.Errorf("a change needs a record and a kind, got %q %q", h.Record, h.Kind)
	}
	pub := a.Signer.PublicKey()
	h.Device = a.Signer.DeviceID()
	if h.Device != DeviceIDOf(pub) {
		return Change{}, fmt.Errorf("device id %q is not the one its key gives", h.Device)
	}
	// Nanoseconds in UTC is all the header keeps; keeping only that here too makes a change
	// equal to itself read back.
	h.At = time.Unix(0, h.At.UnixNano()).UTC()
	salt := make([]byte, saltSize)
	if _, err := rand.Read(salt); err != nil {
		return Change{}, fmt.Errorf("salt: %w", err)
	}
	plain := payload(salt, a.Person, value)
	defer clear(plain)
	hdr := h.canonical()
	c := Change{Header: h, Commit: commitment(plain), Pub: bytes.Clone(pub)}
	c.ID = changeID(hdr, c.Commit)
	c.Sealed = key.Seal(sealField(c.ID, hdr), plain)
	c.Sig = a.Signer.Sign(signedMessage(hdr, c.Commit))
	return c, c.Check()
}

// Check verifies everything about c that needs no key: the id is the one its header and
// commitment give, the device id is the one its key gives, and the signature is that key's.
// A failure wraps vault.ErrTampered.
func (c Change) Check() error {
	if err := c.checkShape(); err != nil {
		return err
	}
	if !VerifyDeviceSignature(c.Pub, signedMessage(c.canonical(), c.Commit), c.Sig) {
		return c.refused("signature does not verify")
	}
	return nil
}

// checkShape is Check without the signature.
func (c Change) checkShape() error {
	hdr := c.canonical()
	switch {
	case c.Clock < 1 || c.Clock > maxClock:
		return c.refused("clock out of range")
	case c.Record == "" || c.Kind == "":
		return c.refused("no record or kind")
	case len(c.Commit) != sha256.Size || c.ID != changeID(hdr, c.Commit):
		return c.refused("id does not match its header")
	case len(c.Pub) != ed25519.PublicKeySize || c.Device != DeviceIDOf(c.Pub):
		return c.refused("device id does not match its key")
	}
	return nil
}

// Open checks c (see Check), opens its payload with key under its header, and checks the
// payload against the signed commitment. Anything altered is refused with vault.ErrTampered.
func Open(key *vault.ContentKey, c Change) (Opened, error) {
	plain, err := openPayload(key, c)
	if err != nil {
		return Opened{}, err
	}
	defer clear(plain)
	p, value, ok := parsePayload(plain)
	if !ok {
		return Opened{}, c.refused("payload is malformed")
	}
	return Opened{Header: c.Header, ID: c.ID, Person: p, Value: value}, nil
}

// openPayload checks c (see Check), opens its payload with key under its header and checks
// it against the signed commitment; the caller clears what it returns.
func openPayload(key *vault.ContentKey, c Change) ([]byte, error) {
	if err := c.Check(); err != nil {
		return nil, err
	}
	plain, err := key.Open(sealField(c.ID, c.canonical()), c.Sealed)
	if err != nil {
		return nil, c.refused("payload does not open under its header")
	}
	if !bytes.Equal(commitment(plain), c.Commit) {
		clear(plain)
		return nil, c.refused("payload is not the one signed")
	}
	return plain, nil
}

func (c Change) refused(why string) error {
	return fmt.Errorf("change %s refused: %s: %w", c.ID, why, vault.ErrTampered)
}
