package pairing

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/goldseam/goldseam/internal/apperr"
)

// TestPairingThroughTwoSyncedFolders runs the whole exchange with A and B each on its own
// copy of the folder, carrying files between them one hop at a time as a sync engine would.
func TestPairingThroughTwoSyncedFolders(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	devA, devB := newDevice(t), newDevice(t)
	key := randomKey(t, 3)

	inv, err := Start(a, testSpace, devA, "Alex", "partner-1")
	if err != nil {
		t.Fatal(err)
	}
	if offers, err := Find(a, devA); err != nil || len(offers) != 0 {
		t.Fatalf("the inviter lists its own offer: %v %v", offers, err)
	}
	poll(t, inv, Waiting)
	if _, ok := inv.Code(); ok {
		t.Fatal("a code before any answer")
	}

	carry(t, a, b)
	offer := onlyOffer(t, b, devB)
	if offer.Name != "Alex" || offer.Role != "partner-1" || offer.Space != testSpace || offer.Typed || offer.Pairing != inv.Pairing() {
		t.Fatalf("offer as listed: %+v", offer)
	}
	// The offer shows no key: only a commitment to one.
	if raw := readRaw(t, b, inv.Pairing(), kindOffer); json.Valid(raw) && containsKey(raw, devA.Public().SignKey) {
		t.Fatal("the offer carries the inviter's key before the answer")
	}
	joi, err := Join(b, offer, devB, "Sam")
	if err != nil {
		t.Fatal(err)
	}
	poll(t, joi, Waiting)
	if _, ok := joi.Code(); ok {
		t.Fatal("a code before the reveal")
	}
	if _, _, err := joi.Result(); !errors.Is(err, ErrNotFinished) {
		t.Fatalf("Result before anything: %v", err)
	}
	if _, err := joi.Confirm(); !errors.Is(err, ErrNothingToConfirm) {
		t.Fatalf("Confirm before a code: %v", err)
	}

	poll(t, inv, Waiting) // the answer has not travelled yet
	carry(t, b, a)
	poll(t, inv, Compare)
	codeA, ok := inv.Code()
	if !ok || !codeShape.MatchString(codeA) {
		t.Fatalf("inviter's code %q", codeA)
	}
	if _, err := inv.Partner(); !errors.Is(err, ErrNotFinished) {
		t.Fatalf("the partner before confirming: %v", err)
	}

	carry(t, a, b)
	poll(t, joi, Compare)
	codeB, _ := joi.Code()
	if codeA != codeB {
		t.Fatalf("codes differ: %q and %q", codeA, codeB)
	}
	if st, err := joi.Confirm(); err != nil || st != Confirmed {
		t.Fatalf("joiner confirms before the key: %v %v", st, err)
	}
	if _, _, err := joi.Result(); !errors.Is(err, ErrNotFinished) {
		t.Fatalf("Result before the key: %v", err)
	}

	partnerB, err := inv.Confirm(key)
	if err != nil {
		t.Fatal(err)
	}
	if !samePublic(partnerB.Public, devB.Public()) || partnerB.Name != "Sam" || partnerB.Role != "partner-2" {
		t.Fatalf("inviter's partner: %+v", partnerB)
	}
	poll(t, inv, Confirmed)

	carry(t, a, b)
	poll(t, joi, Done)
	partnerA, got, err := joi.Result()
	if err != nil {
		t.Fatal(err)
	}
	if got != key {
		t.Fatal("the joiner opened a different key")
	}
	if !samePublic(partnerA.Public, devA.Public()) || partnerA.Name != "Alex" || partnerA.Role != "partner-1" {
		t.Fatalf("joiner's partner: %+v", partnerA)
	}
	poll(t, joi, Done)

	carry(t, b, a)
	poll(t, inv, Done)

	// Each side tidies its own files; nothing of the other's is touched.
	if err := joi.Cancel(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(pairingDir(b, inv.Pairing()), kindKey)); err != nil {
		t.Fatal("the joiner's Cancel removed the inviter's key file")
	}
	if err := inv.Cancel(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(pairingDir(a, inv.Pairing()), answerName(devB.ID()))); err != nil {
		t.Fatal("the inviter's Cancel removed the joiner's answer")
	}
}

func containsKey(raw, key []byte) bool {
	var v any
	_ = json.Unmarshal(raw, &v)
	b, _ := json.Marshal(v)
	enc, _ := json.Marshal(key)
	return len(enc) > 2 && contains(b, enc[1:len(enc)-1])
}

func contains(b, sub []byte) bool {
	for i := 0; i+len(sub) <= len(b); i++ {
		if string(b[i:i+len(sub)]) == string(sub) {
			return true
		}
	}
	return false
}

// TestPairingInOneSharedFolder: two people on one computer, or a folder both reach; the
// inviter confirms first this time, and the key waits until the joiner's person confirms.
func TestPairingInOneSharedFolder(t *testing.T) {
	root := t.TempDir()
	devA, devB := newDevice(t), newDevice(t)
	key := randomKey(t, 1)
	inv, err := Start(root, testSpace, devA, "Alex", "partner-2")
	if err != nil {
		t.Fatal(err)
	}
	joi, err := Join(root, onlyOffer(t, root, devB), devB, "Sam")
	if err != nil {
		t.Fatal(err)
	}
	// Answered but not revealed yet: a third computer still sees it (and answering would
	// stop the pairing with ErrManyAnswers rather than be chosen silently).
	if offers, _ := Find(root, newDevice(t)); len(offers) != 1 {
		t.Fatalf("an answered offer before its reveal: %d listed", len(offers))
	}
	poll(t, inv, Compare)
	if offers, _ := Find(root, newDevice(t)); len(offers) != 0 {
		t.Fatal("a revealed offer is still listed")
	}
	poll(t, joi, Compare)
	ca, _ := inv.Code()
	cb, _ := joi.Code()
	if ca != cb || !codeShape.MatchString(ca) {
		t.Fatalf("codes %q %q", ca, cb)
	}
	p, err := inv.Confirm(key)
	if err != nil || p.Role != "partner-1" {
		t.Fatalf("%+v %v", p, err)
	}
	// The key is in the folder, but the joiner's person has not confirmed: nothing opens.
	poll(t, joi, Compare)
	if _, _, err := joi.Result(); !errors.Is(err, ErrNotFinished) {
		t.Fatalf("Result before the person confirmed: %v", err)
	}
	if st, err := joi.Confirm(); err != nil || st != Done {
		t.Fatalf("Confirm with the key there: %v %v", st, err)
	}
	_, got, err := joi.Result()
	if err != nil || got != key {
		t.Fatalf("key %v", err)
	}
	poll(t, inv, Done)
	if err := joi.Cancel(); err != nil {
		t.Fatal(err)
	}
	if err := inv.Cancel(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(pairingDir(root, inv.Pairing())); !os.IsNotExist(err) {
		t.Fatalf("the pairing's folder is left after both cancelled: %v", err)
	}
}

// An offer that was answered but not revealed yet is still listed (someone may have
// answered for a moment); the test above checks it is gone once revealed. Here: what Find
// leaves out.
func TestFindListsOnlyOthersFreshWholeOffers(t *testing.T) {
	root := t.TempDir()
	devA, devB, devC := newDevice(t), newDevice(t), newDevice(t)
	inv, err := Start(root, testSpace, devA, "Alex", "partner-1")
	if err != nil {
		t.Fatal(err)
	}
	typed, err := StartTyped(root, testSpace, devC, "Chris", "partner-2")
	if err != nil {
		t.Fatal(err)
	}
	// A stale offer, a torn one, junk names and a stray file are all left out.
	stale := offerBody{Pairing: "00112233445566778899aabbccddeeff", Space: testSpace, From: devC.ID(), Name: "Old",
		Role: "partner-1", Made: 1_000_000_000, Mode: modeCompare, Commit: make([]byte, 32)}
	data, _, err := seal(kindOffer, &stale, devC, nil)
	if err != nil {
		t.Fatal(err)
	}
	writeRaw(t, root, stale.Pairing, kindOffer, data)
	whole := readRaw(t, root, inv.Pairing(), kindOffer)
	writeRaw(t, root, "ffeeddccbbaa99887766554433221100", kindOffer, whole[:len(whole)/2])
	writeRaw(t, root, "not-a-pairing", kindOffer, whole)
	if err := os.WriteFile(filepath.Join(pairingRoot(root), "stray"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}

	offers, err := Find(root, devB)
	if err != nil {
		t.Fatal(err)
	}
	if len(offers) != 2 {
		t.Fatalf("found %d offers: %+v", len(offers), offers)
	}
	seen := map[string]bool{}
	for _, o := range offers {
		seen[o.Pairing] = o.Typed
	}
	if typedFlag, ok := seen[typed.Pairing()]; !ok || !typedFlag {
		t.Fatal("the typed offer is missing or not marked typed")
	}
	if typedFlag, ok := seen[inv.Pairing()]; !ok || typedFlag {
		t.Fatal("the compared offer is missing or marked typed")
	}
	if offers, _ := Find(root, devA); len(offers) != 1 || offers[0].Pairing != typed.Pairing() {
		t.Fatalf("A sees %+v", offers)
	}
	if offers, _ := Find(t.TempDir(), devA); offers != nil {
		t.Fatal("offers in an empty folder")
	}
	if _, err := Join(root, Offer{Pairing: inv.Pairing()}, devA, "Alex"); !errors.Is(err, ErrOwnInvitation) {
		t.Fatalf("joining one's own offer: %v", err)
	}
	if _, err := Join(root, Offer{Pairing: typed.Pairing()}, devB, "Sam"); !errors.Is(err, ErrNeedsTypedCode) {
		t.Fatalf("joining a typed offer without the code: %v", err)
	}
	if _, err := Join(root, Offer{Pairing: inv.Pairing()}, devB, "Sam\u202e"); !errors.Is(err, ErrName) {
		t.Fatalf("a name with a hidden character: %v", err)
	}
	if _, err := Start(root, "nope", devA, "Alex", "partner-1"); !errors.Is(err, ErrSpace) {
		t.Fatalf("a bad space id: %v", err)
	}
	if _, err := Start(root, testSpace, devA, "Alex", "boss"); !errors.Is(err, ErrRole) {
		t.Fatalf("a bad role: %v", err)
	}
}

// TestTornFilesAreNotYet: a sync engine can carry a file's first half before the rest.
func TestTornFilesAreNotYet(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	devA, devB := newDevice(t), newDevice(t)
	inv, err := Start(a, testSpace, devA, "Alex", "partner-1")
	if err != nil {
		t.Fatal(err)
	}
	carry(t, a, b)
	joi, err := Join(b, onlyOffer(t, b, devB), devB, "Sam")
	if err != nil {
		t.Fatal(err)
	}
	answer := readRaw(t, b, inv.Pairing(), answerName(devB.ID()))
	for _, cut := range []int{0, 1, len(answer) / 3, len(answer) - 3} {
		writeRaw(t, a, inv.Pairing(), answerName(devB.ID()), answer[:cut])
		poll(t, inv, Waiting)
	}
	writeRaw(t, a, inv.Pairing(), answerName(devB.ID()), answer)
	poll(t, inv, Compare)
	reveal := readRaw(t, a, inv.Pairing(), kindReveal)
	writeRaw(t, b, inv.Pairing(), kindReveal, reveal[:len(reveal)/2])
	poll(t, joi, Waiting)
	writeRaw(t, b, inv.Pairing(), kindReveal, reveal)
	poll(t, joi, Compare)
	if _, err := joi.Confirm(); err != nil {
		t.Fatal(err)
	}
	if _, err := inv.Confirm(randomKey(t, 1)); err != nil {
		t.Fatal(err)
	}
	key := readRaw(t, a, inv.Pairing(), kindKey)
	writeRaw(t, b, inv.Pairing(), kindKey, key[:len(key)-10])
	poll(t, joi, Confirmed)
	writeRaw(t, b, inv.Pairing(), kindKey, key)
	poll(t, joi, Done)
}

// TestTwoAnswersStop: a second computer answering is never silently preferred.
func TestTwoAnswersStop(t *testing.T) {
	root := t.TempDir()
	devA := newDevice(t)
	inv, err := Start(root, testSpace, devA, "Alex", "partner-1")
	if err != nil {
		t.Fatal(err)
	}
	o := onlyOffer(t, root, newDevice(t))
	for _, name := range []string{"Sam", "Someone"} {
		if _, err := Join(root, o, newDevice(t), name); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := inv.Poll(); !errors.Is(err, ErrManyAnswers) || apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("two answers: %v", err)
	}
	if _, err := inv.Confirm(randomKey(t, 1)); !errors.Is(err, ErrNothingToConfirm) {
		t.Fatalf("confirm with two answers: %v", err)
	}
}

// TestMismatchCancelsAndSaysWhy: the person says the codes differ.
func TestMismatchCancelsAndSaysWhy(t *testing.T) {
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
	poll(t, inv, Compare)
	poll(t, joi, Compare)
	if err := joi.Mismatch(); !errors.Is(err, ErrCodesDiffer) {
		t.Fatalf("joiner's mismatch: %v", err)
	}
	if err := inv.Mismatch(); !errors.Is(err, ErrCodesDiffer) {
		t.Fatalf("inviter's mismatch: %v", err)
	}
	if _, err := os.Stat(pairingDir(root, inv.Pairing())); !os.IsNotExist(err) {
		t.Fatalf("files left after both said the codes differ: %v", err)
	}
	if apperr.MessageOf(ErrCodesDiffer) == "" || apperr.CodeOf(ErrCodesDiffer) != apperr.Invalid {
		t.Fatal("the mismatch error has no sentence")
	}
}

// TestTheOtherSideCancelling: a side waiting on a side that cancelled learns it, instead of
// waiting for ever.
func TestTheOtherSideCancelling(t *testing.T) {
	root := t.TempDir()
	devA, devB := newDevice(t), newDevice(t)
	inv, err := Start(root, testSpace, devA, " Alex ", "partner-1")
	if err != nil {
		t.Fatal(err)
	}
	if o := onlyOffer(t, root, devB); o.Name != "Alex" {
		t.Fatalf("the name is not trimmed: %q", o.Name)
	}
	joi, err := Join(root, onlyOffer(t, root, devB), devB, "Sam")
	if err != nil {
		t.Fatal(err)
	}
	poll(t, joi, Waiting)
	poll(t, inv, Compare)
	poll(t, joi, Compare)
	if err := joi.Mismatch(); !errors.Is(err, ErrCodesDiffer) {
		t.Fatal(err)
	}
	if _, err := inv.Poll(); !errors.Is(err, ErrGone) {
		t.Fatalf("the inviter after the joiner cancelled: %v", err)
	}

	inv, err = Start(root, testSpace, devA, "Alex", "partner-1")
	if err != nil {
		t.Fatal(err)
	}
	joi, err = Join(root, onlyOffer(t, root, devB), devB, "Sam")
	if err != nil {
		t.Fatal(err)
	}
	if err := inv.Cancel(); err != nil {
		t.Fatal(err)
	}
	if _, err := joi.Poll(); !errors.Is(err, ErrGone) {
		t.Fatalf("the joiner after the inviter cancelled: %v", err)
	}
}

// TestTidyRemovesOnlyOwnLeftovers: after a pairing, the inviter tidies once it saw the
// receipt, then the joiner's Tidy removes its own; a fresh offer and other devices' files
// stay, and an offer of this device's older than a day goes.
func TestTidyRemovesOnlyOwnLeftovers(t *testing.T) {
	root := t.TempDir()
	devA, devB, devC := newDevice(t), newDevice(t), newDevice(t)
	inv, err := Start(root, testSpace, devA, "Alex", "partner-1")
	if err != nil {
		t.Fatal(err)
	}
	joi, err := Join(root, onlyOffer(t, root, devB), devB, "Sam")
	if err != nil {
		t.Fatal(err)
	}
	poll(t, inv, Compare)
	poll(t, joi, Compare)
	if _, err := joi.Confirm(); err != nil {
		t.Fatal(err)
	}
	if _, err := inv.Confirm(randomKey(t, 1)); err != nil {
		t.Fatal(err)
	}
	poll(t, joi, Done)
	if err := Tidy(root, devB); err != nil { // the inviter has not seen the receipt yet
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(pairingDir(root, inv.Pairing()), kindDone)); err != nil {
		t.Fatal("Tidy removed the receipt before the inviter saw it")
	}
	poll(t, inv, Done)
	if err := inv.Cancel(); err != nil {
		t.Fatal(err)
	}
	fresh, err := Start(root, testSpace, devC, "Chris", "partner-2")
	if err != nil {
		t.Fatal(err)
	}
	stale := offerBody{Pairing: "00112233445566778899aabbccddeeff", Space: testSpace, From: devB.ID(), Name: "Sam",
		Role: "partner-1", Made: 1_000_000_000, Mode: modeCompare, Commit: make([]byte, 32)}
	data, _, err := seal(kindOffer, &stale, devB, nil)
	if err != nil {
		t.Fatal(err)
	}
	writeRaw(t, root, stale.Pairing, kindOffer, data)
	if err := Tidy(root, devB); err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{inv.Pairing(), stale.Pairing} {
		if _, err := os.Stat(pairingDir(root, gone)); !os.IsNotExist(err) {
			t.Errorf("pairing %s is left: %v", gone, err)
		}
	}
	if _, err := os.Stat(filepath.Join(pairingDir(root, fresh.Pairing()), kindOffer)); err != nil {
		t.Fatal("Tidy removed another device's fresh offer")
	}
}
