package checkins_test

import (
	"context"
	"testing"

	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
)

func mustSaveSealed(t *testing.T, log *space.Log, c checkins.CheckIn) string {
	t.Helper()
	id, err := checkins.SaveSealed(context.Background(), log, names, c)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// arrive brings every change of from to to and runs the release pass, as a sharing pass does.
func arrive(t *testing.T, from, to *space.Log) {
	t.Helper()
	if err := mergesim.Arrive(context.Background(), from, to); err != nil {
		t.Fatal(err)
	}
}

// answerNamed is name's answer in the first check-in log reads.
func answerNamed(t *testing.T, log *space.Log, name string) (checkins.Answer, bool) {
	t.Helper()
	for _, a := range mustRead(t, log)[0].CheckIn.Answers {
		if a.Name == name {
			return a, true
		}
	}
	return checkins.Answer{}, false
}

func TestOnPairedComputersEachAnswerShowsToThePartnerOnlyOnceBothHaveAnswered(t *testing.T) {
	sams, alexs := twoComputers(t)
	id := mustSaveSealed(t, sams, checkins.CheckIn{On: "2027-04-04", Answers: []checkins.Answer{
		{Name: "Sam", Ratings: checkins.Ratings{Trust: n(3)}, Hard: "Sam's hard part."}}})
	arrive(t, sams, alexs)
	got, ok := answerNamed(t, alexs, "Sam")
	if !ok || !got.Hidden || got.Hard != "" || got.Ratings.Trust != nil {
		t.Fatalf("Alex's computer shows Sam's answer before Alex answered: %+v", got)
	}
	// The trend on Alex's computer has no point of Sam's yet.
	if tr := checkins.TrendOf(plain(mustRead(t, alexs))); len(tr.Partners["Sam"]) != 0 {
		t.Fatalf("the trend shows Sam's hidden rating: %+v", tr.Partners)
	}
	mustSaveSealed(t, alexs, checkins.CheckIn{ID: id, On: "2027-04-04", Answers: []checkins.Answer{
		{Name: "Alex", Ratings: checkins.Ratings{Trust: n(8)}, Hard: "Alex's hard part."}}})
	if got, _ := answerNamed(t, alexs, "Sam"); !got.Hidden {
		t.Fatal("Sam's answer opened on Alex's computer before Sam's computer had Alex's answer")
	}
	arrive(t, alexs, sams)
	arrive(t, sams, alexs)
	for _, log := range []*space.Log{sams, alexs} {
		s, _ := answerNamed(t, log, "Sam")
		a, _ := answerNamed(t, log, "Alex")
		if s.Hidden || a.Hidden || s.Hard != "Sam's hard part." || *s.Ratings.Trust != 3 || a.Hard != "Alex's hard part." || *a.Ratings.Trust != 8 {
			t.Fatalf("%s's computer reads %+v and %+v", log.Person().Name, s, a)
		}
		if tr := checkins.TrendOf(plain(mustRead(t, log))); len(tr.Partners["Sam"]) != 1 || len(tr.Partners["Alex"]) != 1 {
			t.Fatalf("trend %+v", tr.Partners)
		}
	}
	// Saving the same answer again writes nothing; changing one field writes the answer anew.
	before, _ := sams.All(context.Background())
	mustSaveSealed(t, sams, checkins.CheckIn{ID: id, On: "2027-04-04", Answers: []checkins.Answer{
		{Name: "Sam", Ratings: checkins.Ratings{Trust: n(3)}, Hard: "Sam's hard part."}}})
	if after, _ := sams.All(context.Background()); len(after) != len(before) {
		t.Fatalf("saving the same answer wrote %d changes", len(after)-len(before))
	}
	mustSaveSealed(t, sams, checkins.CheckIn{ID: id, On: "2027-04-04", Answers: []checkins.Answer{
		{Name: "Sam", Ratings: checkins.Ratings{Trust: n(4)}, Hard: "Sam's hard part."}}})
	arrive(t, sams, alexs)
	if s, _ := answerNamed(t, alexs, "Sam"); s.Hidden || *s.Ratings.Trust != 4 {
		t.Fatalf("the changed answer reads %+v on Alex's computer", s)
	}
	rec := mustRead(t, alexs)[0].Answers[0]
	if h := rec.Fields["ratings"].History; len(h) != 1 || rec.Fields["hard"].History != nil {
		t.Fatalf("the history holds %+v and %+v", h, rec.Fields["hard"].History)
	}
}
