package pairing

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/device"
)

// Offer is an invitation found in the folder, as the joiner's screen lists it. Name, Role
// and Space are as the offer says: they are authenticated only once the codes match.
type Offer struct {
	Pairing string
	Space   string
	Name    string // how the inviting person asked to be shown
	Role    string // the inviting person's role; the joiner takes the other
	Made    time.Time
	Typed   bool // the invitation asks for the typed code shown on the other computer
	raw     []byte
}

// offerMaxAge is how long an invitation is listed: one left behind by a pairing that was
// never finished should not be offered days later.
const offerMaxAge = 24 * time.Hour

// Find lists the invitations in the folder that another device made and nobody has been
// revealed to yet, newest first. Files that are not whole or do not check are left out.
func Find(root string, me *device.Identity) ([]Offer, error) {
	entries, err := os.ReadDir(pairingRoot(root))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fileErr(errCannotRead, err)
	}
	var out []Offer
	for _, e := range entries {
		if !e.IsDir() || !isHexID(e.Name(), pairingIDSize) {
			continue
		}
		dir := pairingDir(root, e.Name())
		if _, err := os.Lstat(filepath.Join(dir, kindReveal)); err == nil {
			continue // already answered by someone
		}
		data, found, err := readFile(filepath.Join(dir, kindOffer))
		if err != nil || !found {
			continue
		}
		o, body, _, err := parseOffer(data)
		if err != nil || body.Pairing != e.Name() || body.From == me.ID() || time.Since(o.Made) > offerMaxAge {
			continue
		}
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Made.Equal(out[j].Made) {
			return out[i].Made.After(out[j].Made)
		}
		return out[i].Pairing < out[j].Pairing
	})
	return out, nil
}

// parseOffer reads and checks an offer as far as can be done without the code or the keys:
// a typed offer's signature by the keys it carries.
func parseOffer(data []byte) (Offer, *offerBody, envelope, error) {
	var b offerBody
	env, err := open(data, kindOffer, &b)
	if err != nil {
		return Offer{}, nil, env, err
	}
	if err := b.check(); err != nil {
		return Offer{}, nil, env, err
	}
	if b.Mode == modeTyped {
		pub, err := b.Bundle.public()
		if err != nil || !env.verify(pub) {
			return Offer{}, nil, env, errSignature
		}
	}
	o := Offer{Pairing: b.Pairing, Space: b.Space, Name: b.Name, Role: b.Role, Made: time.Unix(b.Made, 0),
		Typed: b.Mode == modeTyped, raw: data}
	return o, &b, env, nil
}

// Joiner is the side that answers an invitation (B).
type Joiner struct {
	root         string
	me           *device.Identity
	offer        *offerBody
	offerEnv     envelope
	offerDigest  []byte
	typed        string
	macKey       []byte
	answer       answerBody
	answerDigest []byte

	havePartner bool // compared codes: after the reveal checked; typed: from the start
	partner     device.Public
	code        string
	confirmed   bool

	key  SpaceKey
	done bool
}

// Join answers an invitation with compared codes: it writes this device's keys, a fresh
// random value and name (how this person wants to be shown on the other computer).
func Join(root string, o Offer, me *device.Identity, name string) (*Joiner, error) {
	return join(root, o, me, name, "")
}

// JoinTyped answers an invitation in the typed-code variant with the code the person typed;
// a code that does not fit is ErrWrongTypedCode, and nothing is written.
func JoinTyped(root string, o Offer, me *device.Identity, name, code string) (*Joiner, error) {
	if code == "" {
		return nil, ErrTypedCodeShape
	}
	return join(root, o, me, name, code)
}

func join(root string, o Offer, me *device.Identity, name, code string) (*Joiner, error) {
	name = strings.TrimSpace(name)
	if !validName(name) {
		return nil, ErrName
	}
	if !isHexID(o.Pairing, pairingIDSize) {
		return nil, ErrGone
	}
	j := &Joiner{root: root, me: me, typed: code}
	if err := j.readOffer(o.Pairing, o.raw); err != nil {
		return nil, err
	}
	switch {
	case j.offer.From == me.ID():
		return nil, ErrOwnInvitation
	case j.offer.Mode == modeCompare && code != "":
		return nil, ErrNoTypedCode
	case j.offer.Mode == modeTyped && code == "":
		return nil, ErrNeedsTypedCode
	}
	if err := j.checkTyped(); err != nil {
		return nil, err
	}
	nB, err := randomBytes(nonceSize)
	if err != nil {
		return nil, err
	}
	j.answer = answerBody{Pairing: j.offer.Pairing, Offer: j.offerDigest, Bundle: bundleOf(me.Public()), Name: name, Nonce: nB}
	data, raw, err := seal(kindAnswer, &j.answer, me, j.macKey)
	if err != nil {
		return nil, err
	}
	if err := writeOnce(root, j.offer.Pairing, answerName(me.ID()), data); err != nil {
		return nil, err
	}
	j.answerDigest = digest(kindAnswer, raw)
	return j, nil
}

// readOffer reads the offer from the folder; with want, it must be exactly the offer the
// person chose (the folder can change between Find and Join).
func (j *Joiner) readOffer(pairing string, want []byte) error {
	data, found, err := readFile(filepath.Join(pairingDir(j.root, pairing), kindOffer))
	if err != nil && !found {
		return err
	}
	if !found {
		return ErrGone
	}
	if want != nil && !bytes.Equal(data, want) {
		return tampered(errOtherOffer)
	}
	_, body, env, err := parseOffer(data)
	if errors.Is(err, errShort) {
		return ErrGone // Find never lists a torn offer; one given by hand is not there yet
	}
	if errors.Is(err, errSignature) {
		return tampered(errSignature)
	}
	if err != nil || body.Pairing != pairing {
		return tampered(errMalformed)
	}
	j.offer, j.offerEnv, j.offerDigest = body, env, digest(kindOffer, env.Body)
	return nil
}

// checkTyped checks a typed offer's MAC with the typed code and takes its keys, which the
// code makes trusted: typing it was the person's confirmation.
func (j *Joiner) checkTyped() error {
	if j.offer.Mode != modeTyped {
		return nil
	}
	key, err := typedKey(j.typed, j.offer.Pairing)
	if err != nil {
		return err
	}
	if !j.offerEnv.checkMAC(key) {
		return ErrWrongTypedCode
	}
	pub, err := j.offer.Bundle.public()
	if err != nil {
		return tampered(errMalformed) // parseOffer checked it already
	}
	j.macKey, j.partner, j.havePartner, j.confirmed = key, pub, true, true
	return nil
}

// ResumeJoiner rebuilds the joiner from what Saved returned and the folder, after a restart.
func ResumeJoiner(root string, s Saved, me *device.Identity) (*Joiner, error) {
	if s.Version != savedVersion || s.Side != "joiner" || !isHexID(s.Pairing, pairingIDSize) {
		return nil, ErrSaved
	}
	j := &Joiner{root: root, me: me, typed: s.Typed}
	if err := j.readOffer(s.Pairing, nil); err != nil {
		return nil, err
	}
	if !bytes.Equal(j.offerDigest, s.Offer) {
		return nil, tampered(errOtherOffer)
	}
	if (j.offer.Mode == modeTyped) != (s.Typed != "") {
		return nil, ErrSaved
	}
	if err := j.checkTyped(); err != nil {
		return nil, ErrSaved
	}
	data, found, err := readFile(filepath.Join(pairingDir(root, s.Pairing), answerName(me.ID())))
	if err != nil && !found {
		return nil, err
	}
	if !found {
		return nil, ErrGone
	}
	env, err := open(data, kindAnswer, &j.answer)
	if err != nil || j.answer.check() != nil {
		return nil, tampered(errMalformed)
	}
	if !env.verify(me.Public()) || !bytes.Equal(j.answer.Offer, j.offerDigest) || j.answer.Pairing != s.Pairing {
		return nil, tampered(errSignature)
	}
	j.answerDigest = digest(kindAnswer, env.Body)
	j.confirmed = j.confirmed || s.Confirmed
	return j, nil
}

// Saved is what the caller seals and keeps to resume after a restart; it changes when the
// person confirms, so save it again then.
func (j *Joiner) Saved() Saved {
	return Saved{Version: savedVersion, Side: "joiner", Pairing: j.offer.Pairing, Typed: j.typed,
		Offer: bytes.Clone(j.offerDigest), Confirmed: j.confirmed && j.offer.Mode == modeCompare}
}

// Pairing is the pairing's id.
func (j *Joiner) Pairing() string { return j.offer.Pairing }

// Code is the six digits to compare, once the inviter's keys are revealed and checked.
func (j *Joiner) Code() (string, bool) { return j.code, j.code != "" }

// Poll reads the folder and moves on as far as the files that arrived allow: it checks the
// reveal against the offer's commitment, and once the person confirmed, opens the key and
// writes the receipt. It can be called any number of times; a missing or torn file is "not yet".
func (j *Joiner) Poll() (State, error) {
	if j.done {
		return Done, nil
	}
	st, err := j.step()
	if err != nil || st == Done {
		return st, err
	}
	// Still waiting on the inviter: if its offer is gone, it cancelled (or the codes differed
	// there), and waiting longer would never end.
	if _, found, _ := readFile(filepath.Join(pairingDir(j.root, j.offer.Pairing), kindOffer)); !found {
		return 0, ErrGone
	}
	return st, nil
}

func (j *Joiner) step() (State, error) {
	if !j.havePartner {
		if err := j.takeReveal(); err != nil {
			return 0, err
		}
		if !j.havePartner {
			return Waiting, nil
		}
	}
	if !j.confirmed {
		return Compare, nil
	}
	if err := j.takeKey(); err != nil {
		return 0, err
	}
	if !j.done {
		return Confirmed, nil
	}
	return Done, nil
}

func (j *Joiner) takeReveal() error {
	var rb revealBody
	env, ok, err := arrived(j.root, j.offer.Pairing, kindReveal, kindReveal, &rb)
	if !ok {
		return err
	}
	if rb.Pairing != j.offer.Pairing {
		return tampered(errWrongPair)
	}
	pub, err := rb.Bundle.public()
	if err != nil {
		return tampered(errMalformed)
	}
	// The commitment first: keys other than those committed to are the substitution this
	// protocol exists to catch, whoever signed them.
	if !bytes.Equal(commitment(pub, rb.Nonce), j.offer.Commit) || pub.ID != j.offer.From {
		return tampered(errCommitment)
	}
	if !env.verify(pub) || !j.offerEnv.verify(pub) {
		return tampered(errSignature)
	}
	if !bytes.Equal(rb.Answer, j.answerDigest) {
		return tampered(errOtherAnswer)
	}
	j.partner, j.havePartner = pub, true
	j.code = transcript{pairing: j.offer.Pairing, offerDigest: j.offerDigest, answerDigest: j.answerDigest,
		a: pub, b: j.me.Public(), nA: rb.Nonce, nB: j.answer.Nonce}.code()
	return nil
}

func (j *Joiner) takeKey() error {
	var kb keyBody
	env, ok, err := arrived(j.root, j.offer.Pairing, kindKey, kindKey, &kb)
	if !ok {
		return err
	}
	if !env.verify(j.partner) {
		return tampered(errSignature)
	}
	if kb.Pairing != j.offer.Pairing {
		return tampered(errWrongPair)
	}
	if !bytes.Equal(kb.Answer, j.answerDigest) {
		return tampered(errOtherAnswer)
	}
	key, err := Unwrap(kb.Wrapped, j.me, j.partner, j.context())
	if err != nil {
		return err
	}
	db := doneBody{Pairing: j.offer.Pairing, Key: digest(kindKey, env.Body)}
	receipt, _, err := seal(kindDone, &db, j.me, nil)
	if err != nil {
		return err
	}
	if err := writeOnce(j.root, j.offer.Pairing, kindDone, receipt); err != nil {
		return err
	}
	j.key, j.done = key, true
	return nil
}

func (j *Joiner) context() Context {
	return Context{Space: j.offer.Space, Purpose: "pairing/" + j.offer.Pairing}
}

// Confirm is called when the person at this computer confirmed that both screens show the
// same code. It then polls: Done if the key is already there, Confirmed while it is not.
// In the typed-code variant typing the code was the confirmation, and Confirm only polls.
func (j *Joiner) Confirm() (State, error) {
	if !j.havePartner {
		return 0, ErrNothingToConfirm
	}
	j.confirmed = true
	return j.Poll()
}

// Result returns the partner and the space key, once Poll or Confirm reached Done.
func (j *Joiner) Result() (Partner, SpaceKey, error) {
	if !j.done || !j.confirmed {
		return Partner{}, SpaceKey{}, ErrNotFinished
	}
	return Partner{Public: j.partner, Name: j.offer.Name, Role: j.offer.Role}, j.key, nil
}

// Cancel removes this device's files of the pairing (its answer and receipt), and the
// pairing's folder once the inviter's are gone too. After Done, leave the files for the
// inviter to see the receipt: Tidy removes them once the inviter's are gone.
func (j *Joiner) Cancel() error {
	return removeOwn(j.root, j.offer.Pairing, answerName(j.me.ID()), kindDone)
}

// Mismatch is called when the person says the codes differ: it cancels and returns
// ErrCodesDiffer.
func (j *Joiner) Mismatch() error {
	if err := j.Cancel(); err != nil {
		return err
	}
	return ErrCodesDiffer
}

// Space is the id of the space the invitation is for.
func (j *Joiner) Space() string { return j.offer.Space }
