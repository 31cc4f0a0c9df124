package pairing

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/device"
)

// through sends Saved through JSON, as the caller seals and keeps it.
func through(t *testing.T, s Saved) Saved {
	t.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var out Saved
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func reopen(t *testing.T, id *device.Identity) *device.Identity {
	t.Helper()
	secret := id.SealWith(func(s []byte) []byte { return append([]byte(nil), s...) })
	again, err := device.Open(id.Public(), secret)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(again.Wipe)
	return again
}

// TestRestartInTheMiddleResumes restarts both apps at every step: each side is rebuilt from
// its Saved (through JSON) and a freshly opened device identity, and the pairing ends as if
// nothing happened.
func TestRestartInTheMiddleResumes(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	devA, devB := newDevice(t), newDevice(t)
	key := randomKey(t, 2)
	restartA := func(in *Inviter) *Inviter {
		t.Helper()
		again, err := ResumeInviter(a, through(t, in.Saved()), reopen(t, devA))
		if err != nil {
			t.Fatalf("resume inviter: %v", err)
		}
		return again
	}
	restartB := func(j *Joiner) *Joiner {
		t.Helper()
		again, err := ResumeJoiner(b, through(t, j.Saved()), reopen(t, devB))
		if err != nil {
			t.Fatalf("resume joiner: %v", err)
		}
		return again
	}

	inv, err := Start(a, testSpace, devA, "Alex", "partner-1")
	if err != nil {
		t.Fatal(err)
	}
	inv = restartA(inv)
	poll(t, inv, Waiting)
	carry(t, a, b)
	joi, err := Join(b, onlyOffer(t, b, devB), devB, "Sam")
	if err != nil {
		t.Fatal(err)
	}
	joi = restartB(joi)
	poll(t, joi, Waiting)
	carry(t, b, a)
	poll(t, inv, Compare)
	codeA, _ := inv.Code()
	inv = restartA(inv) // after the reveal was written: the same answer and code
	poll(t, inv, Compare)
	if c, _ := inv.Code(); c != codeA {
		t.Fatalf("the code changed over a restart: %q then %q", codeA, c)
	}
	carry(t, a, b)
	poll(t, joi, Compare)
	joi = restartB(joi) // before confirming: the person must confirm again
	poll(t, joi, Compare)
	if c, _ := joi.Code(); c != codeA {
		t.Fatalf("codes %q %q", codeA, c)
	}
	if st, err := joi.Confirm(); err != nil || st != Confirmed {
		t.Fatalf("%v %v", st, err)
	}
	joi = restartB(joi) // after confirming: the confirmation is kept
	poll(t, joi, Confirmed)

	if _, err := inv.Confirm(key); err != nil {
		t.Fatal(err)
	}
	keyFile := readRaw(t, a, inv.Pairing(), kindKey)
	inv = restartA(inv) // after sending the key
	poll(t, inv, Confirmed)
	p, err := inv.Partner()
	if err != nil || p.Public.ID != devB.ID() {
		t.Fatalf("partner after a restart: %+v %v", p, err)
	}
	if _, err := inv.Confirm(randomKey(t, 9)); err != nil {
		t.Fatalf("confirming again after a restart: %v", err)
	}
	if string(readRaw(t, a, inv.Pairing(), kindKey)) != string(keyFile) {
		t.Fatal("confirming again wrote another key file")
	}

	carry(t, a, b)
	poll(t, joi, Done)
	joi = restartB(joi) // after the key: opened again from the folder, same key
	poll(t, joi, Done)
	if _, got, err := joi.Result(); err != nil || got != key {
		t.Fatalf("key after a restart: %v", err)
	}
	carry(t, b, a)
	poll(t, inv, Done)
	inv = restartA(inv)
	poll(t, inv, Done)
}

func TestResumeRefusesSavedThatDoesNotFit(t *testing.T) {
	root := t.TempDir()
	devA, devB := newDevice(t), newDevice(t)
	inv, err := Start(root, testSpace, devA, "Alex", "partner-1")
	if err != nil {
		t.Fatal(err)
	}
	joi, err := Join(root, onlyOffer(t, root, devB), devB, "Sam")
	if err != nil {
		t.Fatal(err)
	}
	s := inv.Saved()
	wrongNonce := s
	wrongNonce.Nonce = make([]byte, nonceSize)
	if _, err := ResumeInviter(root, wrongNonce, devA); !errors.Is(err, ErrSaved) {
		t.Fatalf("another nonce: %v", err)
	}
	if _, err := ResumeInviter(root, s, devB); !errors.Is(err, ErrTampered) {
		t.Fatalf("another device: %v", err)
	}
	if _, err := ResumeJoiner(root, s, devB); !errors.Is(err, ErrSaved) {
		t.Fatalf("the inviter's state as a joiner's: %v", err)
	}
	js := joi.Saved()
	js.Offer = make([]byte, 32)
	if _, err := ResumeJoiner(root, js, devB); !errors.Is(err, ErrTampered) {
		t.Fatalf("another offer: %v", err)
	}
	if err := os.RemoveAll(pairingDir(root, inv.Pairing())); err != nil {
		t.Fatal(err)
	}
	if _, err := ResumeInviter(root, s, devA); !errors.Is(err, ErrGone) {
		t.Fatalf("files gone: %v", err)
	}
	if _, err := ResumeJoiner(root, joi.Saved(), devB); !errors.Is(err, ErrGone) {
		t.Fatalf("files gone: %v", err)
	}
}

var typedShape = regexp.MustCompile(`^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$`)

// TestTypedCodeRoundTrip: the USB-stick variant, with the stick carried each way.
func TestTypedCodeRoundTrip(t *testing.T) {
	a, stick := t.TempDir(), t.TempDir()
	devA, devB := newDevice(t), newDevice(t)
	key := randomKey(t, 1)
	inv, err := StartTyped(a, testSpace, devA, "Alex", "partner-2")
	if err != nil {
		t.Fatal(err)
	}
	code, ok := inv.TypedCode()
	if !ok || !typedShape.MatchString(code) {
		t.Fatalf("typed code %q", code)
	}
	carry(t, a, stick)
	offer := onlyOffer(t, stick, devB)
	if !offer.Typed {
		t.Fatal("the offer does not ask for the code")
	}
	wrong := []byte(strings.ReplaceAll(code, "-", ""))
	wrong[5] = typedAlphabet[(strings.IndexByte(typedAlphabet, wrong[5])+1)%32]
	if _, err := JoinTyped(stick, offer, devB, "Sam", string(wrong)); !errors.Is(err, ErrWrongTypedCode) {
		t.Fatalf("a wrong code: %v", err)
	}
	for _, shape := range []string{"", "ABCD", "ABCD-EFGH-JKLM-NPQO", "ABCD-EFGH-JKLM-NPQ1", code + "A"} {
		if _, err := JoinTyped(stick, offer, devB, "Sam", shape); !errors.Is(err, ErrTypedCodeShape) {
			t.Fatalf("code %q: %v", shape, err)
		}
	}
	if _, err := os.Stat(filepath.Join(pairingDir(stick, offer.Pairing), answerName(devB.ID()))); !os.IsNotExist(err) {
		t.Fatal("a refused code wrote an answer")
	}
	typedAsPerson := strings.ToLower(strings.ReplaceAll(code, "-", " "))
	joi, err := JoinTyped(stick, offer, devB, "Sam", typedAsPerson)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := joi.Code(); ok {
		t.Fatal("a typed pairing shows digits to compare")
	}
	poll(t, joi, Confirmed) // typing the code was the confirmation; waiting for the key
	joi, err = ResumeJoiner(stick, through(t, joi.Saved()), devB)
	if err != nil {
		t.Fatal(err)
	}
	poll(t, joi, Confirmed)

	poll(t, inv, Waiting)
	carry(t, stick, a)
	poll(t, inv, Ready)
	if _, ok := inv.Code(); ok {
		t.Fatal("a typed pairing shows digits to compare")
	}
	inv, err = ResumeInviter(a, through(t, inv.Saved()), devA)
	if err != nil {
		t.Fatal(err)
	}
	poll(t, inv, Ready)
	p, err := inv.Confirm(key)
	if err != nil || p.Name != "Sam" || p.Role != "partner-1" || !samePublic(p.Public, devB.Public()) {
		t.Fatalf("%+v %v", p, err)
	}
	inv, err = ResumeInviter(a, through(t, inv.Saved()), devA) // the key file pins the answer
	if err != nil {
		t.Fatal(err)
	}
	poll(t, inv, Confirmed)
	carry(t, a, stick)
	poll(t, joi, Done)
	pa, got, err := joi.Result()
	if err != nil || got != key || !samePublic(pa.Public, devA.Public()) || pa.Role != "partner-2" {
		t.Fatalf("%+v %v", pa, err)
	}
	carry(t, stick, a)
	poll(t, inv, Done)
	if _, err := os.Stat(filepath.Join(pairingDir(a, inv.Pairing()), kindReveal)); !os.IsNotExist(err) {
		t.Fatal("a typed pairing wrote a reveal")
	}
}

// TestTypedAnswerWithoutTheCodeIsRefused: someone with the stick but not the code writes an
// answer; the inviter stops rather than send the key.
func TestTypedAnswerWithoutTheCodeIsRefused(t *testing.T) {
	root := t.TempDir()
	devA, devM := newDevice(t), newDevice(t)
	inv, err := StartTyped(root, testSpace, devA, "Alex", "partner-1")
	if err != nil {
		t.Fatal(err)
	}
	code, _ := inv.TypedCode()
	guess := "ABCD-EFGH-JKLM-NPQR"
	if guess == code {
		guess = "BCDE-FGHJ-KLMN-PQRS"
	}
	macKey, err := typedKey(guess, inv.Pairing())
	if err != nil {
		t.Fatal(err)
	}
	offer := readRaw(t, root, inv.Pairing(), kindOffer)
	var ob offerBody
	env, err := open(offer, kindOffer, &ob)
	if err != nil {
		t.Fatal(err)
	}
	body := answerBody{Pairing: inv.Pairing(), Offer: digest(kindOffer, env.Body), Bundle: bundleOf(devM.Public()), Name: "Sam", Nonce: mustRandom(t)}
	data, _, err := seal(kindAnswer, &body, devM, macKey)
	if err != nil {
		t.Fatal(err)
	}
	writeRaw(t, root, inv.Pairing(), answerName(devM.ID()), data)
	_, err = inv.Poll()
	stoppedBy(t, err, errTypedMAC)
	if _, err := inv.Confirm(randomKey(t, 1)); !errors.Is(err, ErrNothingToConfirm) {
		t.Fatalf("confirm after a refused answer: %v", err)
	}
}

func TestTypedCodeEncoding(t *testing.T) {
	for range 200 {
		code, err := newTypedCode()
		if err != nil {
			t.Fatal(err)
		}
		if !typedShape.MatchString(code) {
			t.Fatalf("code %q", code)
		}
		raw, err := parseTyped(code)
		if err != nil || formatTyped(raw) != code || len(raw) != typedBytes {
			t.Fatalf("%q does not round-trip: %v", code, err)
		}
	}
	if len(typedAlphabet) != 32 || strings.ContainsAny(typedAlphabet, "O0I1") {
		t.Fatal("the alphabet is not 32 unambiguous characters")
	}
}
