package agreements

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"

	"github.com/goldseam/goldseam/internal/space"
)

// A version names the words, not a number: its record id is derived from the agreement, the
// version it revises and its wording, so a signature naming a version id names those exact
// words, and a version whose content does not give its id is refused when read.

// versionPrefix separates this hash from every other one Goldseam makes.
const versionPrefix = "goldseam/agreement-version/v1\x00"

// saltSize is the random part of a version: without it, anyone who can see record ids could
// test a guessed short wording ("We text when we are late.") against the id.
const saltSize = 32

// versionBody is a version record's one immutable value (field space.FieldWhole).
type versionBody struct {
	Revises string  `json:"revises"` // the version it was written over; "" for the first
	Wording Wording `json:"wording"`
	Salt    []byte  `json:"salt"`
	// Written is when the words were first written, kept only by the move from the old table
	// (its change is dated the day of the move); empty otherwise, the change's own time.
	Written string `json:"written,omitempty"`
}

// versionID is 32 hex digits of SHA-256 over the prefix, the agreement, the version revised,
// the wording in one canonical encoding (each part length prefixed, actions in order) and the
// salt.
func versionID(agreement string, b versionBody) string {
	out := []byte(versionPrefix)
	put := func(s string) {
		out = binary.BigEndian.AppendUint32(out, uint32(len(s)))
		out = append(out, s...)
	}
	put(agreement)
	put(b.Revises)
	put(b.Wording.What)
	put(b.Wording.Why)
	put(b.Wording.Category)
	out = binary.BigEndian.AppendUint32(out, uint32(len(b.Wording.Actions)))
	for _, a := range b.Wording.Actions {
		put(a)
	}
	put(string(b.Salt))
	sum := sha256.Sum256(out)
	return hex.EncodeToString(sum[:16])
}

// newVersion returns a version of agreement revising revises, and its draft.
func newVersion(agreement, revises string, w Wording) (string, space.Draft, error) {
	return newSalted(agreement, versionBody{Revises: revises, Wording: w, Salt: make([]byte, saltSize)})
}

// newSalted fills b's salt with random bytes and returns its id and draft.
func newSalted(agreement string, b versionBody) (string, space.Draft, error) {
	if _, err := rand.Read(b.Salt); err != nil {
		return "", space.Draft{}, fmt.Errorf("salt: %w", err)
	}
	if b.Wording.Actions == nil {
		b.Wording.Actions = []string{} // one encoding for "no actions"
	}
	id := versionID(agreement, b)
	return id, space.Draft{Record: id, Kind: KindVersion, Parent: agreement, Field: space.FieldWhole, Value: b}, nil
}

// signatureBody is a signature record's one value (field space.FieldWhole). The change that
// writes it is signed by the signing device and carries the signing person sealed, so the
// device's Ed25519 signature covers the agreement, the version id, the person and the device.
type signatureBody struct {
	Agreement string       `json:"agreement"`
	Version   string       `json:"version"`
	Person    space.Person `json:"person"`
	// Written is when the old table said it was signed, kept only by the move.
	Written string `json:"written,omitempty"`
}

// signatureID is the record of p's signature on version: one per person per version, the
// same on every computer, so signing twice is one signature.
func signatureID(version string, p space.Person) string {
	return space.PersonalRecordID(KindSignature, version, p)
}

func signatureDraft(agreement string, b signatureBody) space.Draft {
	return space.Draft{Record: signatureID(b.Version, b.Person), Kind: KindSignature, Parent: agreement, Field: space.FieldWhole, Value: b}
}
