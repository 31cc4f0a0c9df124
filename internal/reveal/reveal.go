// Package reveal owns answers given privately and seen together: a check-in's answer, or a
// program prompt meant for both, that the partner's computer holds from the moment it is
// written but can open only once the partner has answered too.
//
// Each sealed value is the answer locked under a key of its own, k, with a commitment to k
// beside it (Envelope). The value travels on the change log like any change, in the field
// FieldSealed of the person's own answer record. k is never stored: the writing device
// derives it again when it needs it from its own signature of the envelope's seed (Ed25519
// signatures are deterministic, and nobody without the device's private key can make one),
// so it never leaves the data file's device identity until it is released. This device
// appends the release (a change of kind KindRelease carrying k) only once its copy of the log
// holds the partner's own answer to the same question (Pass); a reader opens the partner's
// value only with a release whose k gives the value's commitment and that was written as the
// value's own person (Reader). Nothing here ever depends on whether anyone looked: releasing
// happens when answers arrive, never when a screen is read. docs/security.md, "Answers seen
// together", says what this rests on.
package reveal

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/goldseam/goldseam/internal/space"
)

// FieldSealed is the field of an answer record that holds a sealed answer (an Envelope).
const FieldSealed = "sealed"

// KindRelease is the kind of the record that releases one person's keys to one answer
// record: space.PersonalRecordID(KindRelease, answer record, person), parent the answer
// record, one field per sealed value, named by hex of its commitment, holding the key.
const KindRelease = "reveal-release"

// Answered are the kinds whose answers are sealed until both have answered: Pass looks for
// answers owed a release among them.
var Answered = []string{"checkin-answer", "prompt-answer"}

// The domain-separation prefixes: each use of a hash or a signature has its own.
const (
	derivePrefix = "goldseam/reveal/derive/v1\x00" // what the device signs to derive k
	keyPrefix    = "goldseam/reveal/key/v1\x00"    // k = SHA-256(keyPrefix ‖ that signature)
	commitPrefix = "goldseam/reveal/commit/v1\x00" // c = SHA-256(commitPrefix ‖ k)
	adPrefix     = "goldseam/reveal/ad/v1\x00"     // the AEAD's associated data
)

// Envelope is one sealed answer as it travels: the seed its key was derived from (also the
// XChaCha20-Poly1305 nonce: each key seals once), the commitment to the key, and the box.
// The commitment is needed because the AEAD alone does not commit to its key: without it a
// rebuilt Goldseam could craft one box that opens to two answers under two keys and choose
// which to release after reading the partner's.
type Envelope struct {
	Seed   []byte `json:"seed"`
	Commit []byte `json:"commit"`
	Box    []byte `json:"box"`
}

// Question is what one sealed value answers and whose it is, bound into the box: the answer
// record, its kind, its parent (the check-in or the prompt) and the person's role. A box
// moved to another record, question or person does not open.
type Question struct {
	Kind, Record, Parent, Role string
}

func (q Question) associated() []byte {
	out := []byte(adPrefix)
	for _, s := range []string{q.Kind, q.Record, q.Parent, FieldSealed, q.Role} {
		out = binary.BigEndian.AppendUint32(out, uint32(len(s)))
		out = append(out, s...)
	}
	return out
}

// deriveKey is k for seed: the hash of the device's signature of seed and the question. Only
// the device holding the private key can make that signature, and it makes the same one
// each time, so k needs no storage of its own.
func deriveKey(s space.Signer, seed []byte, q Question) []byte {
	sig := s.Sign(append(append([]byte(derivePrefix), seed...), q.associated()...))
	sum := sha256.Sum256(append([]byte(keyPrefix), sig...))
	return sum[:]
}

func commitTo(k []byte) []byte {
	sum := sha256.Sum256(append([]byte(commitPrefix), k...))
	return sum[:]
}

// Seal locks value (encoded as JSON) for q under a fresh key only s can derive again.
func Seal(s space.Signer, q Question, value any) (Envelope, error) {
	plain, err := json.Marshal(value)
	if err != nil {
		return Envelope{}, fmt.Errorf("encode the answer: %w", err)
	}
	defer clear(plain)
	seed := make([]byte, chacha20poly1305.NonceSizeX)
	if _, err := rand.Read(seed); err != nil {
		return Envelope{}, fmt.Errorf("seed: %w", err)
	}
	k := deriveKey(s, seed, q)
	defer clear(k)
	aead, err := chacha20poly1305.NewX(k)
	if err != nil {
		return Envelope{}, err
	}
	return Envelope{Seed: seed, Commit: commitTo(k), Box: aead.Seal(nil, seed, plain, q.associated())}, nil
}

// errNotThisKey is a key that is not the one the envelope committed to, or a box that does
// not open under it and its question.
var errNotThisKey = errors.New("that key does not open this answer")

// open opens env for q with k, refusing a k the envelope did not commit to.
func open(env Envelope, q Question, k []byte) (json.RawMessage, error) {
	if len(k) != chacha20poly1305.KeySize || len(env.Seed) != chacha20poly1305.NonceSizeX || !bytes.Equal(commitTo(k), env.Commit) {
		return nil, errNotThisKey
	}
	aead, err := chacha20poly1305.NewX(k)
	if err != nil {
		return nil, err
	}
	plain, err := aead.Open(nil, env.Seed, env.Box, q.associated())
	if err != nil || !json.Valid(plain) {
		return nil, errNotThisKey
	}
	return plain, nil
}

// release is the value of a release field: the key.
type release struct {
	Key []byte `json:"key"`
}

// ReleaseRecordID is the record that holds p's releases for the answer record answer.
func ReleaseRecordID(answer string, p space.Person) string {
	return space.PersonalRecordID(KindRelease, answer, p)
}

// releaseField is the field of a release record that releases the value committed to c.
func releaseField(commit []byte) string { return hex.EncodeToString(commit) }

// questionOf is the question a sealed entry of rec answers.
func questionOf(rec space.RecordState, e space.Entry) Question {
	return Question{Kind: rec.Kind, Record: rec.ID, Parent: rec.Parent, Role: e.Person.Role}
}

func envelopeOf(e space.Entry) (Envelope, bool) {
	var env Envelope
	return env, json.Unmarshal(e.Value, &env) == nil && len(env.Commit) == sha256.Size
}

// entries is every value a field was given, oldest first.
func entries(f space.FieldState) []space.Entry {
	return append(append([]space.Entry{}, f.History...), f.Current...)
}
