package reveal_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"testing"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/reveal"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

const kind = "checkin-answer"

var (
	sam  = space.Person{Role: "partner-1", Name: "Sam"}
	alex = space.Person{Role: "partner-2", Name: "Alex"}
)

// computers are Sam's and Alex's copies of one space, paired: each its own data file and
// device, one shared key.
type computers struct {
	sams, alexs *space.Log
}

func pair(t testing.TB, key *vault.ContentKey) computers {
	t.Helper()
	return computers{
		sams:  space.NewLog(testvault.OpenStore(t, t.TempDir()), key, space.Author{Signer: mergesim.NewSigner(), Person: sam}),
		alexs: space.NewLog(testvault.OpenStore(t, t.TempDir()), key, space.Author{Signer: mergesim.NewSigner(), Person: alex}),
	}
}

func newPair(t *testing.T) computers {
	_, key := testvault.OpenKey(t, vault.Shared)
	return pair(t, key)
}

// deliver brings every change of from to to, as a sharing pass does, releasing what to now
// owes (reveal.Pass runs after every pass that took changes in).
func deliver(t testing.TB, from, to *space.Log) {
	t.Helper()
	if err := mergesim.Arrive(context.Background(), from, to); err != nil {
		t.Fatal(err)
	}
}

// revealed has both answer question and their computers meet both ways: each can read both.
func revealed(t *testing.T, c computers, question string) {
	t.Helper()
	answer(t, c.sams, question, "Sam on the "+question+".")
	answer(t, c.alexs, question, "Alex on the "+question+".")
	deliver(t, c.alexs, c.sams)
	deliver(t, c.sams, c.alexs)
}

func answer(t testing.TB, log *space.Log, question, words string) {
	t.Helper()
	if err := reveal.Write(context.Background(), log, kind, question, log.Person(), map[string]string{"hard": words}); err != nil {
		t.Fatal(err)
	}
}

// read is what log's reader opens of whose answer to question: its words, or hidden.
func read(t testing.TB, log *space.Log, question string, whose space.Person) (words string, hidden bool, refused int) {
	t.Helper()
	ctx := context.Background()
	r, err := reveal.NewReader(ctx, log)
	if err != nil {
		t.Fatal(err)
	}
	st, err := log.Kind(ctx, kind)
	if err != nil {
		t.Fatal(err)
	}
	rec, ok := st.Records[space.PersonalRecordID(kind, question, whose)]
	if !ok {
		return "", true, 0
	}
	rec, hidden = r.Unseal(rec)
	if v, ok := rec.Fields["hard"].Value(); ok {
		_ = json.Unmarshal(v, &words)
	}
	return words, hidden, r.Refused
}

func releases(t *testing.T, log *space.Log) int {
	t.Helper()
	st, err := log.Kind(context.Background(), reveal.KindRelease)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, rec := range st.Records {
		n += len(rec.Fields)
	}
	return n
}

func mustSee(t *testing.T, log *space.Log, question string, whose space.Person, want string) {
	t.Helper()
	if got, hidden, _ := read(t, log, question, whose); hidden || got != want {
		t.Fatalf("%s's copy reads %s's answer as %q (hidden %v), want %q", log.Person().Name, whose.Name, got, hidden, want)
	}
}

func mustNotSee(t *testing.T, log *space.Log, question string, whose space.Person) {
	t.Helper()
	if got, hidden, _ := read(t, log, question, whose); !hidden || got != "" {
		t.Fatalf("%s's copy opened %s's answer %q before it should", log.Person().Name, whose.Name, got)
	}
}

func TestNeitherOpensTheOthersAnswerBeforeAnsweringAndBothSeeBothOnceBothHave(t *testing.T) {
	c := newPair(t)
	q := uuid.NewString()
	answer(t, c.sams, q, "Sam's words.")
	mustSee(t, c.sams, q, sam, "Sam's words.") // one's own answer reads at once
	deliver(t, c.sams, c.alexs)
	mustNotSee(t, c.alexs, q, sam) // the answer is on Alex's computer, locked
	if releases(t, c.sams) != 0 {
		t.Fatal("Sam's computer released before Alex's answer arrived")
	}
	answer(t, c.alexs, q, "Alex's words.")
	// Alex's computer released Alex's key at once (Sam's answer is there), but Sam's computer
	// has not seen Alex's answer, so Sam's key is still Sam's.
	if releases(t, c.alexs) != 1 {
		t.Fatalf("Alex's computer holds %d releases, want its own one", releases(t, c.alexs))
	}
	mustNotSee(t, c.alexs, q, sam)
	deliver(t, c.alexs, c.sams)
	mustSee(t, c.sams, q, alex, "Alex's words.")
	mustNotSee(t, c.alexs, q, sam)
	deliver(t, c.sams, c.alexs)
	mustSee(t, c.alexs, q, sam, "Sam's words.")
	mustSee(t, c.alexs, q, alex, "Alex's words.")
}

func TestAnAnswerToAnotherQuestionReleasesNothing(t *testing.T) {
	c := newPair(t)
	answer(t, c.sams, "question-1", "Sam on one.")
	answer(t, c.alexs, "question-2", "Alex on two.")
	deliver(t, c.alexs, c.sams)
	deliver(t, c.sams, c.alexs)
	if releases(t, c.sams)+releases(t, c.alexs) != 0 {
		t.Fatal("an answer to another question released a key")
	}
	mustNotSee(t, c.alexs, "question-1", sam)
	mustNotSee(t, c.sams, "question-2", alex)
}

// forge appends, on log, a release of key for whose sealed value committed to commit under
// question, written as writer: what a rebuilt Goldseam holding the shared key can do.
func forge(t *testing.T, log *space.Log, question string, whose, writer space.Person, commit []byte, key []byte) {
	t.Helper()
	forgeT(t, log, question, whose, writer, commit, key)
}

func forgeT(t testing.TB, log *space.Log, question string, whose, writer space.Person, commit []byte, key []byte) {
	t.Helper()
	answerRecord := space.PersonalRecordID(kind, question, whose)
	_, err := log.Append(context.Background(), space.Draft{Record: reveal.ReleaseRecordID(answerRecord, whose), Kind: reveal.KindRelease,
		Parent: answerRecord, Field: hexOf(commit), Value: map[string][]byte{"key": key}, By: &writer})
	if err != nil {
		t.Fatal(err)
	}
}

// sealed is whose current sealed value of question as log holds it.
func sealed(t testing.TB, log *space.Log, question string, whose space.Person) reveal.Envelope {
	t.Helper()
	rec, ok, err := log.Record(context.Background(), space.PersonalRecordID(kind, question, whose))
	if err != nil || !ok {
		t.Fatalf("no answer of %s: %v", whose.Name, err)
	}
	var env reveal.Envelope
	v, _ := rec.Fields[reveal.FieldSealed].Value()
	if err := json.Unmarshal(v, &env); err != nil {
		t.Fatal(err)
	}
	return env
}

// releasedKey is the key whose release for question log holds.
func releasedKey(t *testing.T, log *space.Log, question string, whose space.Person, commit []byte) []byte {
	t.Helper()
	answerRecord := space.PersonalRecordID(kind, question, whose)
	rec, ok, err := log.Record(context.Background(), reveal.ReleaseRecordID(answerRecord, whose))
	if err != nil || !ok {
		t.Fatalf("no release: %v", err)
	}
	v, _ := rec.Fields[hexOf(commit)].Value()
	var r struct{ Key []byte }
	if err := json.Unmarshal(v, &r); err != nil {
		t.Fatal(err)
	}
	return r.Key
}

func TestAForgedOrReplayedReleaseIsRefused(t *testing.T) {
	c := newPair(t)
	// One check-in both answered: Sam's key to it is released and Alex's computer has it.
	revealed(t, c, "first")
	mustSee(t, c.alexs, "first", sam, "Sam on the first.")
	oldKey := releasedKey(t, c.alexs, "first", sam, sealed(t, c.alexs, "first", sam).Commit)

	// Sam answers a second; Alex's rebuilt Goldseam, holding the shared key, tries to open it
	// without answering.
	answer(t, c.sams, "second", "Sam on the second.")
	deliver(t, c.sams, c.alexs)
	env := sealed(t, c.alexs, "second", sam)
	random := make([]byte, 32)
	rand.Read(random)
	for name, try := range map[string]struct {
		writer space.Person
		key    []byte
	}{
		"a random key, written as Sam":           {sam, random},
		"a random key, written as Alex":          {alex, random},
		"the first check-in's key, as Sam":       {sam, oldKey},
		"the first check-in's key, as Alex":      {alex, oldKey},
		"the commitment itself offered as a key": {sam, env.Commit},
	} {
		forge(t, c.alexs, "second", sam, try.writer, env.Commit, try.key)
		got, hidden, refused := read(t, c.alexs, "second", sam)
		if !hidden || got != "" {
			t.Fatalf("%s opened Sam's answer: %q", name, got)
		}
		if refused == 0 {
			t.Fatalf("%s was not counted as refused", name)
		}
	}
	// The release made for the first check-in, merged again, is a duplicate and opens nothing
	// new; the second stays locked until Alex answers it.
	deliver(t, c.sams, c.alexs)
	mustNotSee(t, c.alexs, "second", sam)
	answer(t, c.alexs, "second", "Alex on the second.")
	deliver(t, c.alexs, c.sams)
	deliver(t, c.sams, c.alexs)
	mustSee(t, c.alexs, "second", sam, "Sam on the second.")
}

func TestABoxMovedToAnotherQuestionDoesNotOpenEvenWithItsKey(t *testing.T) {
	c := newPair(t)
	revealed(t, c, "first")
	env := sealed(t, c.alexs, "first", sam)
	key := releasedKey(t, c.alexs, "first", sam, env.Commit)
	// Alex's rebuilt Goldseam copies Sam's sealed answer and its key under another check-in,
	// as if Sam had written it there.
	moved := space.PersonalRecordID(kind, "elsewhere", sam)
	if _, err := c.alexs.Append(context.Background(), space.Draft{Record: moved, Kind: kind, Parent: "elsewhere", Field: reveal.FieldSealed, Value: env, By: &sam}); err != nil {
		t.Fatal(err)
	}
	forge(t, c.alexs, "elsewhere", sam, sam, env.Commit, key)
	if got, hidden, refused := read(t, c.alexs, "elsewhere", sam); !hidden || refused == 0 {
		t.Fatalf("the moved box opened: %q", got)
	}
}

func TestAnAnswerChangedBeforeTheRevealShowsItsLatestWithTheEarlierInItsHistory(t *testing.T) {
	c := newPair(t)
	answer(t, c.sams, "q", "A first thought.")
	deliver(t, c.sams, c.alexs)
	answer(t, c.sams, "q", "A second thought.")
	answer(t, c.alexs, "q", "Alex's answer.")
	deliver(t, c.alexs, c.sams)
	deliver(t, c.sams, c.alexs)
	mustSee(t, c.alexs, "q", sam, "A second thought.")
	rec, _, _ := c.alexs.Record(context.Background(), space.PersonalRecordID(kind, "q", sam))
	r, _ := reveal.NewReader(context.Background(), c.alexs)
	rec, _ = r.Unseal(rec)
	if h := rec.Fields["hard"].History; len(h) != 1 || string(h[0].Value) != `"A first thought."` {
		t.Fatalf("the earlier answer is not in the history: %+v", h)
	}
	// After the reveal a change is released at once, as the partner's answer is there.
	answer(t, c.sams, "q", "A third thought.")
	deliver(t, c.sams, c.alexs)
	mustSee(t, c.alexs, "q", sam, "A third thought.")
}

func TestAnswersMadeAtOnceAndDeliveredInEitherOrderRevealAlike(t *testing.T) {
	for _, samFirst := range []bool{true, false} {
		c := newPair(t)
		answer(t, c.sams, "q", "Sam.")
		answer(t, c.alexs, "q", "Alex.")
		a, b := c.alexs, c.sams
		if samFirst {
			a, b = b, a
		}
		deliver(t, a, b)
		deliver(t, b, a)
		deliver(t, a, b)
		for _, log := range []*space.Log{c.sams, c.alexs} {
			mustSee(t, log, "q", sam, "Sam.")
			mustSee(t, log, "q", alex, "Alex.")
		}
	}
}

// Only the partner's own answer releases: an "answer" a rebuilt Goldseam writes as some third
// person, or one written into Sam's own record, does not count as Alex having answered.
func TestOnlyThePartnersOwnAnswerReleases(t *testing.T) {
	c := newPair(t)
	answer(t, c.sams, "q", "Sam's words.")
	deliver(t, c.sams, c.alexs)
	stranger := space.Person{Role: "partner-3", Name: "Nobody"}
	for _, d := range []space.Draft{
		{Record: space.PersonalRecordID(kind, "q", stranger), Kind: kind, Parent: "q", Field: "hard", Value: "anything", By: &stranger},
		{Record: space.PersonalRecordID(kind, "q", sam), Kind: kind, Parent: "q", Field: "hard", Value: "anything", By: &alex},
	} {
		if _, err := c.alexs.Append(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	deliver(t, c.alexs, c.sams)
	deliver(t, c.sams, c.alexs)
	if n := releases(t, c.sams); n != 0 {
		t.Fatalf("Sam's computer released %d keys without Alex's own answer", n)
	}
	mustNotSee(t, c.alexs, "q", sam)
}

// A release made by another device than the one that sealed the answer is refused, even with
// the right key (which another device can only have copied after the real release).
func TestAReleaseFromAnotherDeviceIsRefusedEvenWithTheRightKey(t *testing.T) {
	_, key := testvault.OpenKey(t, vault.Shared)
	c := pair(t, key)
	revealed(t, c, "first")
	env := sealed(t, c.alexs, "first", sam)
	rightKey := releasedKey(t, c.alexs, "first", sam, env.Commit)
	// Alex's other computer holds Sam's answer but not Sam's release, and writes one itself.
	other := space.NewLog(testvault.OpenStore(t, t.TempDir()), key, space.Author{Signer: mergesim.NewSigner(), Person: alex})
	all, err := c.alexs.All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var noReleases []space.Change
	for _, ch := range all {
		if ch.Kind != reveal.KindRelease {
			noReleases = append(noReleases, ch)
		}
	}
	if _, err := other.Merge(context.Background(), noReleases); err != nil {
		t.Fatal(err)
	}
	mustNotSee(t, other, "first", sam)
	forge(t, other, "first", sam, sam, env.Commit, rightKey)
	if got, hidden, refused := read(t, other, "first", sam); !hidden || refused == 0 {
		t.Fatalf("a release by another device opened Sam's answer: %q", got)
	}
	deliver(t, c.sams, other) // Sam's own release arrives: now it opens
	mustSee(t, other, "first", sam, "Sam on the first.")
}

