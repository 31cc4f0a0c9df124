package sharing_test

import (
	"testing"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/reveal"
	"github.com/goldseam/goldseam/internal/sharing"
	"github.com/goldseam/goldseam/internal/space"
)

// readAnswer is what c's computer opens of whose answer to question, or hidden.
func readAnswer(t *testing.T, c sharing.Copy, question string, whose space.Person) (string, bool) {
	t.Helper()
	log := space.NewLog(c.DB, c.Shared, space.Author{Signer: c.Device})
	r, err := reveal.NewReader(ctx, log)
	if err != nil {
		t.Fatal(err)
	}
	rec, ok, err := log.Record(ctx, space.PersonalRecordID("checkin-answer", question, whose))
	if err != nil || !ok {
		return "", true
	}
	rec, hidden := r.Unseal(rec)
	v, _ := rec.Fields["hard"].Value()
	return string(v), hidden
}

// A sharing pass that takes the partner's answer in releases this computer's key to its own
// answer in the same pass, so the partner's next pass opens it; nothing is released before.
func TestASharingPassReleasesAnAnswerOnceThePartnersHasArrived(t *testing.T) {
	a, b, _ := pair(t)
	q := uuid.NewString()
	answer := func(c sharing.Copy, as space.Person, words string) {
		t.Helper()
		if err := reveal.Write(ctx, space.NewLog(c.DB, c.Shared, space.Author{Signer: c.Device, Person: as}), "checkin-answer", q, as, map[string]string{"hard": words}); err != nil {
			t.Fatal(err)
		}
	}
	answer(a, sam, "Sam's words.")
	sync(t, a)
	sync(t, b)
	if _, hidden := readAnswer(t, b, q, sam); !hidden {
		t.Fatal("Alex's computer opened Sam's answer before Alex answered")
	}
	answer(b, alex, "Alex's words.")
	if r := sync(t, b); r.Published != 2 { // Alex's answer and Alex's release
		t.Fatalf("Alex's pass wrote out %d changes, want 2", r.Published)
	}
	if r := sync(t, a); r.Published != 1 { // Sam's release, made by the pass that took Alex's answer in
		t.Fatalf("Sam's pass wrote out %d changes, want 1", r.Published)
	}
	if words, hidden := readAnswer(t, a, q, alex); hidden || words != `"Alex's words."` {
		t.Fatalf("Sam's computer reads %s (hidden %v)", words, hidden)
	}
	sync(t, b)
	if words, hidden := readAnswer(t, b, q, sam); hidden || words != `"Sam's words."` {
		t.Fatalf("Alex's computer reads %s (hidden %v)", words, hidden)
	}
}
