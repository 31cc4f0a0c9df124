package pairing

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/goldseam/goldseam/internal/device"
	"github.com/goldseam/goldseam/internal/testkit/figures"
)

// half runs a pairing up to the point where A has the offer out and B has answered, A in
// folder a and B in folder b; the answer has not travelled to a yet.
func half(t *testing.T) (a, b string, devA, devB *device.Identity, inv *Inviter, joi *Joiner) {
	t.Helper()
	a, b = t.TempDir(), t.TempDir()
	devA, devB = newDevice(t), newDevice(t)
	inv, err := Start(a, testSpace, devA, "Alex", "partner-1")
	if err != nil {
		t.Fatal(err)
	}
	carry(t, a, b)
	joi, err = Join(b, onlyOffer(t, b, devB), devB, "Sam")
	if err != nil {
		t.Fatal(err)
	}
	return a, b, devA, devB, inv, joi
}

// TestSubstitutedAnswerGivesAnotherCode: someone who can write A's copy of the folder
// answers with their own keys before B's answer arrives. A shows a code B never shows, and
// B stops at the reveal, which names an answer that is not B's.
func TestSubstitutedAnswerGivesAnotherCode(t *testing.T) {
	a, b, _, devB, inv, joi := half(t)
	devM := newDevice(t)
	if _, err := Join(a, onlyOffer(t, a, devM), devM, "Sam"); err != nil {
		t.Fatal(err)
	}
	poll(t, inv, Compare)
	codeA, _ := inv.Code()
	carry(t, a, b)
	_, err := joi.Poll()
	stoppedBy(t, err, errOtherAnswer)
	if _, ok := joi.Code(); ok {
		t.Fatal("the joiner shows a code for a reveal made to someone else")
	}
	// The code B would have shown for this reveal, had it not stopped, is another code.
	var rb revealBody
	if _, err := open(readRaw(t, b, inv.Pairing(), kindReveal), kindReveal, &rb); err != nil {
		t.Fatal(err)
	}
	pubA, _ := rb.Bundle.public()
	honest := transcript{pairing: inv.Pairing(), offerDigest: joi.offerDigest, answerDigest: joi.answerDigest,
		a: pubA, b: devB.Public(), nA: rb.Nonce, nB: joi.answer.Nonce}.code()
	if honest == codeA {
		t.Fatalf("the substituted answer gives the honest code %q", codeA)
	}
	// The key A would send goes to M, and B cannot open it even if it confirms by mistake.
	if _, err := inv.Confirm(randomKey(t, 1)); err != nil {
		t.Fatal(err)
	}
	if p, _ := inv.Partner(); p.Public.ID != devM.ID() {
		t.Fatal("the inviter's partner is not the one it compared codes for")
	}
}

// TestAnswerUnderAnotherDevicesName: keys put under B's file name are refused outright.
func TestAnswerUnderAnotherDevicesName(t *testing.T) {
	a, _, _, devB, inv, _ := half(t)
	devM := newDevice(t)
	other := t.TempDir()
	carry(t, a, other)
	if _, err := Join(other, onlyOffer(t, other, devM), devM, "Sam"); err != nil {
		t.Fatal(err)
	}
	writeRaw(t, a, inv.Pairing(), answerName(devB.ID()), readRaw(t, other, inv.Pairing(), answerName(devM.ID())))
	_, err := inv.Poll()
	stoppedBy(t, err, errMalformed)
}

// TestSubstitutedRevealFailsTheCommitment: a reveal with other keys (signed by them, or A's
// keys with another nonce) does not match what the offer committed to.
func TestSubstitutedRevealFailsTheCommitment(t *testing.T) {
	a, b, devA, _, inv, joi := half(t)
	carry(t, b, a)
	poll(t, inv, Compare)
	var real revealBody
	if _, err := open(readRaw(t, a, inv.Pairing(), kindReveal), kindReveal, &real); err != nil {
		t.Fatal(err)
	}
	devM := newDevice(t)
	for name, forged := range map[string]struct {
		body   revealBody
		signer *device.Identity
	}{
		"other keys":  {revealBody{Pairing: real.Pairing, Answer: real.Answer, Bundle: bundleOf(devM.Public()), Nonce: real.Nonce}, devM},
		"other nonce": {revealBody{Pairing: real.Pairing, Answer: real.Answer, Bundle: real.Bundle, Nonce: make([]byte, nonceSize)}, devA},
	} {
		t.Run(name, func(t *testing.T) {
			data, _, err := seal(kindReveal, &forged.body, forged.signer, nil)
			if err != nil {
				t.Fatal(err)
			}
			writeRaw(t, b, inv.Pairing(), kindReveal, data)
			_, err = joi.Poll()
			stoppedBy(t, err, errCommitment)
			if _, ok := joi.Code(); ok {
				t.Fatal("a code from a reveal that fails the commitment")
			}
		})
	}
	// A reveal signed by someone else over A's true keys and nonce fails the signature.
	data, _, err := seal(kindReveal, &real, devM, nil)
	if err != nil {
		t.Fatal(err)
	}
	writeRaw(t, b, inv.Pairing(), kindReveal, data)
	_, err = joi.Poll()
	stoppedBy(t, err, errSignature)

	// The true reveal still works afterwards: the checks kept no state.
	writeRaw(t, b, inv.Pairing(), kindReveal, readRaw(t, a, inv.Pairing(), kindReveal))
	poll(t, joi, Compare)
	ca, _ := inv.Code()
	cb, _ := joi.Code()
	if ca != cb {
		t.Fatal("codes differ for the true reveal")
	}
}

// TestManInTheMiddleShowsDifferentCodes: M answers A with its own keys and, to B, replaces
// A's offer with one of its own; both screens show codes only chance would make equal.
func TestManInTheMiddleShowsDifferentCodes(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	devA, devB, devM := newDevice(t), newDevice(t), newDevice(t)
	inv, err := Start(a, testSpace, devA, "Alex", "partner-1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Join(a, onlyOffer(t, a, devM), devM, "Sam"); err != nil {
		t.Fatal(err)
	}
	poll(t, inv, Compare)
	fake, err := Start(b, testSpace, devM, "Alex", "partner-1")
	if err != nil {
		t.Fatal(err)
	}
	joi, err := Join(b, onlyOffer(t, b, devB), devB, "Sam")
	if err != nil {
		t.Fatal(err)
	}
	poll(t, fake, Compare)
	poll(t, joi, Compare)
	ca, _ := inv.Code()
	cb, _ := joi.Code()
	if ca == cb {
		t.Fatalf("both screens show %q through a man in the middle", ca)
	}
}

// TestForgedKeyFileIsRefused: a key file signed by anyone but the inviter the person
// confirmed is refused, even though it is sealed to B's key.
func TestForgedKeyFileIsRefused(t *testing.T) {
	a, b, _, devB, inv, joi := half(t)
	carry(t, b, a)
	poll(t, inv, Compare)
	carry(t, a, b)
	poll(t, joi, Compare)
	if _, err := joi.Confirm(); err != nil {
		t.Fatal(err)
	}
	devM := newDevice(t)
	ctx := Context{Space: testSpace, Purpose: "pairing/" + inv.Pairing()}
	w, err := Wrap(randomKey(t, 1), devB.Public(), devM, ctx)
	if err != nil {
		t.Fatal(err)
	}
	forged := keyBody{Pairing: inv.Pairing(), Answer: joi.answerDigest, Wrapped: w}
	data, _, err := seal(kindKey, &forged, devM, nil)
	if err != nil {
		t.Fatal(err)
	}
	writeRaw(t, b, inv.Pairing(), kindKey, data)
	_, err = joi.Poll()
	stoppedBy(t, err, errSignature)
	if _, _, err := joi.Result(); !errors.Is(err, ErrNotFinished) {
		t.Fatalf("a result from a forged key: %v", err)
	}
	if _, err := os.Stat(filepath.Join(pairingDir(b, inv.Pairing()), kindDone)); !os.IsNotExist(err) {
		t.Fatal("a receipt for a forged key")
	}
}

// TestReplayedKeyFileIsRefused: a key file A wrote in an earlier pairing with B is refused
// in a new one, though A signed it and it is sealed to B.
func TestReplayedKeyFileIsRefused(t *testing.T) {
	root := t.TempDir()
	devA, devB := newDevice(t), newDevice(t)
	pair := func() (*Inviter, *Joiner) {
		inv, err := Start(root, testSpace, devA, "Alex", "partner-1")
		if err != nil {
			t.Fatal(err)
		}
		offers, err := Find(root, devB)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range offers {
			if o.Pairing == inv.Pairing() {
				joi, err := Join(root, o, devB, "Sam")
				if err != nil {
					t.Fatal(err)
				}
				poll(t, inv, Compare)
				poll(t, joi, Compare)
				return inv, joi
			}
		}
		t.Fatal("offer not found")
		return nil, nil
	}
	inv1, joi1 := pair()
	if _, err := inv1.Confirm(randomKey(t, 1)); err != nil {
		t.Fatal(err)
	}
	if st, err := joi1.Confirm(); err != nil || st != Done {
		t.Fatalf("first pairing: %v %v", st, err)
	}
	inv2, joi2 := pair()
	writeRaw(t, root, inv2.Pairing(), kindKey, readRaw(t, root, inv1.Pairing(), kindKey))
	_, err := joi2.Confirm()
	stoppedBy(t, err, errWrongPair)
	// The inviter refuses it as its own key file too.
	_, err = inv2.Poll()
	stoppedBy(t, err, errOtherAnswer)
}

// TestSubstitutionsMatchOnlyByChance derives both screens' codes for many substitutions,
// each with fresh attacker keys and values, over the same transcript code the sides use:
// an answer replaced on its way to A, and a man in the middle who also offers to B. With a
// million codes, a match is expected once in a million trials.
func TestSubstitutionsMatchOnlyByChance(t *testing.T) {
	trials := 2000
	if s := os.Getenv("GOLDSEAM_PAIRING_TRIALS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("GOLDSEAM_PAIRING_TRIALS=%q", s)
		}
		trials = n
	}
	devA, devB := newDevice(t), newDevice(t)
	matches := 0
	seen := map[string]bool{}
	for range trials {
		devM := newDevice(t)
		nA, nB, nM, nMB := mustRandom(t), mustRandom(t), mustRandom(t), mustRandom(t)
		pairing, _ := newPairingID()
		offerA := offerDigestFor(t, pairing, devA, nA)
		answerB := answerDigestFor(t, pairing, offerA, devB, nB)
		answerM := answerDigestFor(t, pairing, offerA, devM, nMB)
		honestB := transcript{pairing, offerA, answerB, devA.Public(), devB.Public(), nA, nB}.code()
		seen[honestB] = true
		// The answer replaced on its way to A: A's code against the code B expects.
		if (transcript{pairing, offerA, answerM, devA.Public(), devM.Public(), nA, nMB}.code()) == honestB {
			matches++
		}
		// A man in the middle: B answered M's own offer (committed before B's nonce).
		offerM := offerDigestFor(t, pairing, devM, nM)
		answerBM := answerDigestFor(t, pairing, offerM, devB, nB)
		codeB := transcript{pairing, offerM, answerBM, devM.Public(), devB.Public(), nM, nB}.code()
		codeA := transcript{pairing, offerA, answerM, devA.Public(), devM.Public(), nA, nMB}.code()
		if codeA == codeB {
			matches++
		}
		devM.Wipe()
	}
	// Two substitutions per trial; expected matches 2*trials/10^6. Allow a wide margin above
	// it (for 2,000 trials: 1 match), which chance exceeds about once in 10^5 runs.
	expected := float64(2*trials) / codeModulus
	allowed := int(expected + 6*math.Sqrt(expected) + 1)
	if matches > allowed {
		t.Fatalf("%d of %d substitutions showed the honest code (expected %.3f, allowed %d)", matches, 2*trials, expected, allowed)
	}
	// The codes spread as random six-digit codes do: the honest ones collide about as often as
	// the birthday bound says, N - M(1-(1-1/M)^N) of N codes out of M (about 2 in 2,000, about
	// 1,230 in 50,000), never much more. (Asking for at most 20 collisions whatever N, as this
	// test did, failed the 50,000 pairings of make reliability with a count chance predicts.)
	n, m := float64(trials), float64(codeModulus)
	collisions := n - m*(1-math.Pow(1-1/m, n))
	if got := float64(trials - len(seen)); got > collisions+6*math.Sqrt(collisions)+1 {
		t.Fatalf("only %d distinct codes in %d pairings (about %.0f collisions expected)", len(seen), trials, collisions)
	}
	_ = figures.Record("pairing_substitution_trials", 2*trials)
	_ = figures.Record("pairing_substitution_matches", matches)
	t.Logf("%d substitutions, %d showed the honest code (expected %.4f)", 2*trials, matches, expected)
}

func mustRandom(t *testing.T) []byte {
	b, err := randomBytes(nonceSize)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func offerDigestFor(t *testing.T, pairing string, from *device.Identity, n []byte) []byte {
	body := offerBody{Pairing: pairing, Space: testSpace, From: from.ID(), Name: "Alex", Role: "partner-1", Made: 1,
		Mode: modeCompare, Commit: commitment(from.Public(), n)}
	_, raw, err := seal(kindOffer, &body, from, nil)
	if err != nil {
		t.Fatal(err)
	}
	return digest(kindOffer, raw)
}

func answerDigestFor(t *testing.T, pairing string, offer []byte, from *device.Identity, n []byte) []byte {
	body := answerBody{Pairing: pairing, Offer: offer, Bundle: bundleOf(from.Public()), Name: "Sam", Nonce: n}
	_, raw, err := seal(kindAnswer, &body, from, nil)
	if err != nil {
		t.Fatal(err)
	}
	return digest(kindAnswer, raw)
}

// TestJoinersFreshValueDecidesTheCode: device keys are public and long-lived, so an attacker
// may know B's keys before B answers. If B's code could be computed from them and the
// offer alone, an attacker could make its own offer only after learning A's code and try
// values until B's code matched. B's fresh nB, chosen after the offer, makes the code
// unknown until B answers: the same offer answered by the same device gives spread codes.
func TestJoinersFreshValueDecidesTheCode(t *testing.T) {
	devA, devB := newDevice(t), newDevice(t)
	pairing, _ := newPairingID()
	nA := mustRandom(t)
	offer := offerDigestFor(t, pairing, devA, nA)
	seen := map[string]bool{}
	const answers = 300
	for range answers {
		nB := mustRandom(t)
		seen[transcript{pairing, offer, answerDigestFor(t, pairing, offer, devB, nB), devA.Public(), devB.Public(), nA, nB}.code()] = true
	}
	// 300 draws from a million codes collide about 0.045 times.
	if len(seen) < answers-2 {
		t.Fatalf("%d answers by the same device to the same offer gave only %d codes", answers, len(seen))
	}
}

// TestFolderTricksAreRefused: a link where a file should be is never followed, an
// oversized file is never read whole, and a receipt signed by anyone but the partner does
// not finish the pairing.
func TestFolderTricksAreRefused(t *testing.T) {
	a, b, _, devB, inv, joi := half(t)
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(secret, readRaw(t, b, inv.Pairing(), answerName(devB.ID())), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(pairingDir(a, inv.Pairing()), answerName(devB.ID()))
	if err := os.Symlink(secret, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	_, err := inv.Poll()
	if !errors.Is(err, ErrTampered) {
		t.Fatalf("an answer behind a link: %v", err)
	}
	if err := os.Remove(link); err != nil {
		t.Fatal(err)
	}
	big := append(readRaw(t, b, inv.Pairing(), answerName(devB.ID())), make([]byte, maxFileSize)...)
	writeRaw(t, a, inv.Pairing(), answerName(devB.ID()), big)
	_, err = inv.Poll()
	stoppedBy(t, err, errMalformed)

	writeRaw(t, a, inv.Pairing(), answerName(devB.ID()), readRaw(t, b, inv.Pairing(), answerName(devB.ID())))
	poll(t, inv, Compare)
	carry(t, a, b)
	poll(t, joi, Compare)
	if _, err := inv.Confirm(randomKey(t, 1)); err != nil {
		t.Fatal(err)
	}
	forged := doneBody{Pairing: inv.Pairing(), Key: digest(kindKey, readEnvBody(t, readRaw(t, a, inv.Pairing(), kindKey)))}
	data, _, err := seal(kindDone, &forged, newDevice(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	writeRaw(t, a, inv.Pairing(), kindDone, data)
	_, err = inv.Poll()
	stoppedBy(t, err, errSignature)
	if _, err := JoinTyped(b, Offer{Pairing: inv.Pairing()}, newDevice(t), "Sam", "ABCD-EFGH-JKLM-NPQR"); !errors.Is(err, ErrNoTypedCode) {
		t.Fatalf("a typed code for a compared offer: %v", err)
	}
}

func readEnvBody(t *testing.T, data []byte) []byte {
	t.Helper()
	var kb keyBody
	env, err := open(data, kindKey, &kb)
	if err != nil {
		t.Fatal(err)
	}
	return env.Body
}
