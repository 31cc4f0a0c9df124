package pairing

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/device"
)

// Inviter is the side that starts a pairing (A): it writes the offer, reveals its keys once
// an answer came, and sends the space key once its person confirmed.
type Inviter struct {
	root        string
	me          *device.Identity
	offer       offerBody
	offerDigest []byte
	nonce       []byte // nA, compared codes
	typed       string // the typed code, typed variant
	macKey      []byte

	// Set once an answer is taken.
	answer       *answerBody
	answerDigest []byte
	partner      device.Public
	code         string

	sent      bool // the key file is written: the person confirmed
	keyDigest []byte
	done      bool
}

// Start begins a pairing with compared codes in the space: it writes the offer, which commits
// to this device's keys without showing them. name is how this person wants to be shown on
// the other computer; role is theirs in the space ("partner-1" or "partner-2").
func Start(root, space string, me *device.Identity, name, role string) (*Inviter, error) {
	return start(root, space, me, name, role, false)
}

// StartTyped begins a pairing in the typed-code variant (a USB stick): TypedCode is shown on
// this screen and typed on the other computer, and the offer carries this device's keys at
// once, authenticated by that code.
func StartTyped(root, space string, me *device.Identity, name, role string) (*Inviter, error) {
	return start(root, space, me, name, role, true)
}

func start(root, space string, me *device.Identity, name, role string, typed bool) (*Inviter, error) {
	name = strings.TrimSpace(name)
	switch {
	case !validName(name):
		return nil, ErrName
	case !validRole(role):
		return nil, ErrRole
	case !isSpaceID(space):
		return nil, ErrSpace
	}
	id, err := newPairingID()
	if err != nil {
		return nil, err
	}
	in := &Inviter{root: root, me: me}
	in.offer = offerBody{Pairing: id, Space: space, From: me.ID(), Name: name, Role: role, Made: time.Now().Unix()}
	if typed {
		if in.typed, err = newTypedCode(); err != nil {
			return nil, err
		}
		if in.macKey, err = typedKey(in.typed, id); err != nil {
			return nil, err
		}
		in.offer.Mode, in.offer.Bundle = modeTyped, bundleOf(me.Public())
	} else {
		if in.nonce, err = randomBytes(nonceSize); err != nil {
			return nil, err
		}
		in.offer.Mode, in.offer.Commit = modeCompare, commitment(me.Public(), in.nonce)
	}
	data, raw, err := seal(kindOffer, &in.offer, me, in.macKey)
	if err != nil {
		return nil, err
	}
	if err := writeOnce(root, id, kindOffer, data); err != nil {
		return nil, err
	}
	in.offerDigest = digest(kindOffer, raw)
	return in, nil
}

// ResumeInviter rebuilds the inviter from what Saved returned and the folder, after a
// restart; Poll then carries on where it was.
func ResumeInviter(root string, s Saved, me *device.Identity) (*Inviter, error) {
	if s.Version != savedVersion || s.Side != "inviter" || !isHexID(s.Pairing, pairingIDSize) {
		return nil, ErrSaved
	}
	data, found, err := readFile(filepath.Join(pairingDir(root, s.Pairing), kindOffer))
	if err != nil && !found {
		return nil, err
	}
	if !found {
		return nil, ErrGone
	}
	in := &Inviter{root: root, me: me}
	env, err := open(data, kindOffer, &in.offer)
	if err != nil || in.offer.check() != nil || in.offer.Pairing != s.Pairing {
		return nil, tampered(errMalformed)
	}
	if !env.verify(me.Public()) || in.offer.From != me.ID() {
		return nil, tampered(errSignature)
	}
	switch in.offer.Mode {
	case modeCompare:
		if len(s.Nonce) != nonceSize || !bytes.Equal(commitment(me.Public(), s.Nonce), in.offer.Commit) {
			return nil, ErrSaved
		}
		in.nonce = bytes.Clone(s.Nonce)
	case modeTyped:
		if in.macKey, err = typedKey(s.Typed, s.Pairing); err != nil || !env.checkMAC(in.macKey) {
			return nil, ErrSaved
		}
		in.typed = s.Typed
	}
	in.offerDigest = digest(kindOffer, env.Body)
	return in, nil
}

// Saved is what the caller seals and keeps to resume after a restart.
func (in *Inviter) Saved() Saved {
	return Saved{Version: savedVersion, Side: "inviter", Pairing: in.offer.Pairing, Nonce: bytes.Clone(in.nonce), Typed: in.typed}
}

// Pairing is the pairing's id (the name of its folder).
func (in *Inviter) Pairing() string { return in.offer.Pairing }

// TypedCode is the code to show in the typed-code variant, grouped as "ABCD-EFGH-JKLM-NPQR".
func (in *Inviter) TypedCode() (string, bool) { return in.typed, in.typed != "" }

// Code is the six digits to compare ("123 456"), once an answer came and the keys are
// revealed; false before then and in the typed-code variant.
func (in *Inviter) Code() (string, bool) { return in.code, in.code != "" }

// Poll reads the folder and moves on as far as the files that arrived allow: it takes the
// answer and writes the reveal, notices the key file it wrote before a restart, and the
// joiner's receipt. It can be called any number of times; a missing or torn file is Waiting.
func (in *Inviter) Poll() (State, error) {
	st, err := in.step()
	if err != nil || st == Done {
		return st, err
	}
	// Still waiting on the joiner: if this device's offer or the answer it took is gone,
	// the pairing was cancelled on one side, and waiting longer would never end.
	dir := pairingDir(in.root, in.offer.Pairing)
	if _, found, _ := readFile(filepath.Join(dir, kindOffer)); !found {
		return 0, ErrGone
	}
	if in.answer != nil {
		if _, found, _ := readFile(filepath.Join(dir, answerName(in.partner.ID))); !found {
			return 0, ErrGone
		}
	}
	return st, nil
}

func (in *Inviter) step() (State, error) {
	if in.answer == nil {
		ok, err := in.takeAnswer()
		if err != nil || !ok {
			return Waiting, err
		}
	}
	if !in.sent {
		if err := in.findKey(); err != nil {
			return 0, err
		}
		if !in.sent {
			return in.before(), nil
		}
	}
	if !in.done {
		if err := in.findDone(); err != nil {
			return 0, err
		}
		if !in.done {
			return Confirmed, nil
		}
	}
	return Done, nil
}

func (in *Inviter) before() State {
	if in.offer.Mode == modeTyped {
		return Ready
	}
	return Compare
}

// takeAnswer finds the answer to take: the one this device's own reveal or key file names if
// it chose before a restart, else the only whole answer in the folder, for which it writes
// the reveal (compared codes).
func (in *Inviter) takeAnswer() (bool, error) {
	dir := pairingDir(in.root, in.offer.Pairing)
	pinned, err := in.ownPin()
	if err != nil {
		return false, err
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return false, ErrGone
	}
	if err != nil {
		return false, fileErr(errCannotRead, err)
	}
	type taken struct {
		body   *answerBody
		digest []byte
		pub    device.Public
	}
	var found []taken
	for _, e := range entries {
		id, ok := strings.CutPrefix(e.Name(), kindAnswer+"-")
		if !ok || !isHexID(id, device.IDLength/2) {
			continue
		}
		body, pub, d, err := in.readAnswer(filepath.Join(dir, e.Name()), id)
		if errors.Is(err, errShort) {
			continue
		}
		if err != nil {
			if pinned != nil {
				continue // the reveal already names the answer taken; others do not matter
			}
			return false, err
		}
		if pinned == nil || bytes.Equal(pinned, d) {
			found = append(found, taken{body, d, pub})
		}
	}
	switch {
	case len(found) == 0 && pinned != nil:
		return false, ErrGone
	case len(found) == 0:
		return false, nil
	case len(found) > 1:
		return false, ErrManyAnswers
	}
	t := found[0]
	if in.offer.Mode == modeCompare && pinned == nil {
		rb := revealBody{Pairing: in.offer.Pairing, Answer: t.digest, Bundle: bundleOf(in.me.Public()), Nonce: in.nonce}
		data, _, err := seal(kindReveal, &rb, in.me, nil)
		if err != nil {
			return false, err
		}
		if err := writeOnce(in.root, in.offer.Pairing, kindReveal, data); err != nil {
			return false, err
		}
	}
	in.answer, in.answerDigest, in.partner = t.body, t.digest, t.pub
	if in.offer.Mode == modeCompare {
		in.code = transcript{pairing: in.offer.Pairing, offerDigest: in.offerDigest, answerDigest: t.digest,
			a: in.me.Public(), b: t.pub, nA: in.nonce, nB: t.body.Nonce}.code()
	}
	return true, nil
}

// ownPin is the digest of the answer this device already chose before a restart, as its
// own signed files name it: the reveal (compared codes) or the key file (typed code);
// nil if it has chosen none.
func (in *Inviter) ownPin() ([]byte, error) {
	kind := kindReveal
	if in.offer.Mode == modeTyped {
		kind = kindKey
	}
	data, found, err := readFile(filepath.Join(pairingDir(in.root, in.offer.Pairing), kind))
	if err != nil && !found {
		return nil, err
	}
	if !found {
		return nil, nil
	}
	var pairing string
	var answer []byte
	var env envelope
	if kind == kindReveal {
		var rb revealBody
		env, err = open(data, kind, &rb)
		if err == nil && (rb.check() != nil || !bytes.Equal(rb.Nonce, in.nonce)) {
			err = errMalformed
		}
		pairing, answer = rb.Pairing, rb.Answer
	} else {
		var kb keyBody
		env, err = open(data, kind, &kb)
		if err == nil && kb.check() != nil {
			err = errMalformed
		}
		pairing, answer = kb.Pairing, kb.Answer
	}
	if err != nil || pairing != in.offer.Pairing {
		return nil, tampered(errMalformed)
	}
	if !env.verify(in.me.Public()) {
		return nil, tampered(errSignature)
	}
	return answer, nil
}

// readAnswer reads and checks one answer: errShort if it is not whole yet.
func (in *Inviter) readAnswer(path, id string) (*answerBody, device.Public, []byte, error) {
	data, found, err := readFile(path)
	if !found {
		return nil, device.Public{}, nil, errShort // gone between listing and reading
	}
	if err != nil {
		return nil, device.Public{}, nil, tampered(err)
	}
	var b answerBody
	env, err := open(data, kindAnswer, &b)
	if errors.Is(err, errShort) {
		return nil, device.Public{}, nil, errShort
	}
	if err != nil || b.check() != nil {
		return nil, device.Public{}, nil, tampered(errMalformed)
	}
	if b.Pairing != in.offer.Pairing {
		return nil, device.Public{}, nil, tampered(errWrongPair)
	}
	if in.offer.Mode == modeTyped && !env.checkMAC(in.macKey) {
		return nil, device.Public{}, nil, tampered(errTypedMAC)
	}
	if !bytes.Equal(b.Offer, in.offerDigest) {
		return nil, device.Public{}, nil, tampered(errOtherOffer)
	}
	pub, err := b.Bundle.public()
	if err != nil || pub.ID != id || pub.ID == in.me.ID() {
		return nil, device.Public{}, nil, tampered(errMalformed)
	}
	if !env.verify(pub) {
		return nil, device.Public{}, nil, tampered(errSignature)
	}
	return &b, pub, digest(kindAnswer, env.Body), nil
}

// findKey notices a key file this device wrote before a restart.
func (in *Inviter) findKey() error {
	data, found, err := readFile(filepath.Join(pairingDir(in.root, in.offer.Pairing), kindKey))
	if err != nil && !found {
		return err
	}
	if !found {
		return nil
	}
	var kb keyBody
	env, err := open(data, kindKey, &kb)
	if err != nil || kb.check() != nil {
		return tampered(errMalformed)
	}
	if !env.verify(in.me.Public()) {
		return tampered(errSignature)
	}
	if kb.Pairing != in.offer.Pairing || !bytes.Equal(kb.Answer, in.answerDigest) {
		return tampered(errOtherAnswer)
	}
	in.sent, in.keyDigest = true, digest(kindKey, env.Body)
	return nil
}

// findDone notices the joiner's receipt for the key.
func (in *Inviter) findDone() error {
	var db doneBody
	env, ok, err := arrived(in.root, in.offer.Pairing, kindDone, kindDone, &db)
	if !ok {
		return err
	}
	if !env.verify(in.partner) {
		return tampered(errSignature)
	}
	if db.Pairing != in.offer.Pairing || !bytes.Equal(db.Key, in.keyDigest) {
		return tampered(errWrongPair)
	}
	in.done = true
	return nil
}

// Confirm is called when the person at this computer confirmed that both screens show the
// same code (in the typed-code variant: when it is time to send the key). It writes the
// space key wrapped to the partner's device and returns the partner, now trusted. Calling it
// again after the key was written returns the partner and writes nothing.
func (in *Inviter) Confirm(key SpaceKey) (Partner, error) {
	if in.answer == nil {
		return Partner{}, ErrNothingToConfirm
	}
	if !in.sent {
		if err := in.findKey(); err != nil {
			return Partner{}, err
		}
	}
	if !in.sent {
		w, err := Wrap(key, in.partner, in.me, in.context())
		if err != nil {
			return Partner{}, err
		}
		kb := keyBody{Pairing: in.offer.Pairing, Answer: in.answerDigest, Wrapped: w}
		data, raw, err := seal(kindKey, &kb, in.me, nil)
		if err != nil {
			return Partner{}, err
		}
		if err := writeOnce(in.root, in.offer.Pairing, kindKey, data); err != nil {
			return Partner{}, err
		}
		in.sent, in.keyDigest = true, digest(kindKey, raw)
	}
	return in.partnerOut(), nil
}

// Partner returns the partner once Confirm sent the key.
func (in *Inviter) Partner() (Partner, error) {
	if !in.sent {
		return Partner{}, ErrNotFinished
	}
	return in.partnerOut(), nil
}

func (in *Inviter) partnerOut() Partner {
	return Partner{Public: in.partner, Name: in.answer.Name, Role: otherRole(in.offer.Role)}
}

func (in *Inviter) context() Context {
	return Context{Space: in.offer.Space, Purpose: "pairing/" + in.offer.Pairing}
}

// Cancel removes this device's files of the pairing (offer, reveal, key), and the pairing's
// folder once the joiner's are gone too. After Done it is how the inviter tidies up (the
// joiner has its key and has said so); the joiner's Tidy then removes the joiner's files.
func (in *Inviter) Cancel() error {
	return removeOwn(in.root, in.offer.Pairing, kindOffer, kindReveal, kindKey)
}

// Mismatch is called when the person says the codes differ: it cancels and returns
// ErrCodesDiffer, whose sentence says what happened and what to do.
func (in *Inviter) Mismatch() error {
	if err := in.Cancel(); err != nil {
		return err
	}
	return ErrCodesDiffer
}
