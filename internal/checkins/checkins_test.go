package checkins_test

import (
	"context"
	"os"
	"reflect"
	"testing"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	os.Exit(m.Run())
}

func n(v int) *int { return &v }

var names = space.CoupleSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}

// oneLog is a space at one computer, where Sam sits.
func oneLog(t *testing.T) *space.Log {
	t.Helper()
	db, key := testvault.OpenKey(t, vault.Shared)
	return space.NewLog(db, key, space.Author{Signer: mergesim.NewSigner(), Person: names.Partner(0)})
}

func mustSave(t *testing.T, log *space.Log, c checkins.CheckIn) string {
	t.Helper()
	id, err := checkins.Save(context.Background(), log, names, c)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func mustRead(t *testing.T, log *space.Log) []checkins.Folded {
	t.Helper()
	list, err := checkins.Read(context.Background(), log, names)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func plain(list []checkins.Folded) []checkins.CheckIn {
	out := make([]checkins.CheckIn, len(list))
	for i, f := range list {
		out[i] = f.CheckIn
	}
	return out
}

func TestEachPartnersAnswerIsTheirOwnRecordAndTheTrendReadsThem(t *testing.T) {
	ctx := context.Background()
	log := oneLog(t)
	first := mustSave(t, log, checkins.CheckIn{On: "2027-01-03", Answers: []checkins.Answer{
		{Name: "sam ", Ratings: checkins.Ratings{Safety: n(3), Trust: n(2), Connection: n(4)}, WentWell: "  We talked on Sunday.  ",
			Items: []checkins.Item{{AgreementID: "a1", What: "Text before leaving work", Outcome: "kept"}}},
		{Name: "Alex", Ratings: checkins.Ratings{Safety: n(6), Trust: n(5), Connection: n(5)}, Hard: "Thursday."},
	}})
	mustSave(t, log, checkins.CheckIn{On: "2027-01-10", Answers: []checkins.Answer{
		{Name: "Sam", Ratings: checkins.Ratings{Safety: n(4), Trust: n(3)},
			Items: []checkins.Item{{AgreementID: "a1", Outcome: "struggled", Note: "Forgot on Thursday."}}},
		{Name: "Alex"}, // Alex did not answer this time
	}})
	list := mustRead(t, log)
	if len(list) != 2 || list[0].CheckIn.On != "2027-01-10" || len(list[0].CheckIn.Answers) != 1 {
		t.Fatalf("list %+v", plain(list))
	}
	older := list[1]
	if got := older.CheckIn.Answers; len(got) != 2 || got[0].Name != "Sam" || got[0].WentWell != "We talked on Sunday." || got[1].Name != "Alex" || got[1].Hard != "Thursday." {
		t.Fatalf("answers %+v", got)
	}
	// Each answer is written as its partner, signed by the one computer.
	for i, who := range []space.Person{names.Partner(0), names.Partner(1)} {
		rec := older.Answers[i]
		if rec.ID != space.PersonalRecordID("checkin-answer", first, who) || rec.Fields["ratings"].Current[0].Person != who {
			t.Fatalf("answer %d is %+v, want %v's", i, rec, who)
		}
	}
	tr := checkins.TrendOf(plain(list))
	if len(tr.Partners["Sam"]) != 2 || *tr.Partners["Sam"][1].Trust != 3 || tr.Partners["Sam"][1].Connection != nil {
		t.Fatalf("Sam's trend %+v", tr.Partners["Sam"])
	}
	if len(tr.Partners["Alex"]) != 1 { // no point, not a zero
		t.Fatalf("Alex's trend %+v", tr.Partners["Alex"])
	}
	if m := tr.Agreements["a1"]; len(m) != 2 || m[0] != (checkins.Mark{On: "2027-01-03", Outcome: "kept", Name: "Sam"}) || m[1].Outcome != "struggled" || tr.Wording["a1"] != "Text before leaving work" {
		t.Fatalf("agreement marks %+v %v", m, tr.Wording)
	}
	// Saving the same answers again writes nothing, so it can never make a tie.
	before, _ := log.All(ctx)
	mustSave(t, log, checkins.CheckIn{ID: first, On: "2027-01-03", Answers: []checkins.Answer{{Name: "Alex", Ratings: checkins.Ratings{Safety: n(6), Trust: n(5), Connection: n(5)}, Hard: "Thursday."}}})
	if after, _ := log.All(ctx); len(after) != len(before) {
		t.Fatalf("saving the same answer again wrote %d changes", len(after)-len(before))
	}
	if err := checkins.Delete(ctx, log, first); err != nil {
		t.Fatal(err)
	}
	if list := mustRead(t, log); len(list) != 1 {
		t.Fatalf("after delete %+v", plain(list))
	}
	if err := checkins.Delete(ctx, log, first); apperr.CodeOf(err) != apperr.NotFound {
		t.Fatalf("deleting twice: %v", err)
	}
}

func TestBadCheckInsAreRefusedWithASentence(t *testing.T) {
	log := oneLog(t)
	long := make([]byte, 20_001)
	for i := range long {
		long[i] = 'a'
	}
	for name, tc := range map[string]struct {
		in   checkins.CheckIn
		want string
	}{
		"no day":       {checkins.CheckIn{Answers: []checkins.Answer{{Name: "Sam", WentWell: "x"}}}, "Please give the day of the check-in as a date."},
		"empty":        {checkins.CheckIn{On: "2027-01-01", Answers: []checkins.Answer{{Name: "Sam"}}}, "There is nothing to keep yet: answer at least one question."},
		"rating of 11": {checkins.CheckIn{On: "2027-01-01", Answers: []checkins.Answer{{Name: "Sam", Ratings: checkins.Ratings{Trust: n(11)}}}}, "Each rating is a number from 0 to 10."},
		"rating below": {checkins.CheckIn{On: "2027-01-01", Answers: []checkins.Answer{{Name: "Sam", Ratings: checkins.Ratings{Safety: n(-1)}}}}, "Each rating is a number from 0 to 10."},
		"odd outcome":  {checkins.CheckIn{On: "2027-01-01", Answers: []checkins.Answer{{Name: "Sam", Items: []checkins.Item{{AgreementID: "a", Outcome: "broken"}}}}}, "For each agreement, please choose kept, a struggle, or not relevant this time."},
		"too long":     {checkins.CheckIn{On: "2027-01-01", Answers: []checkins.Answer{{Name: "Sam", Hard: string(long)}}}, "This check-in is longer than Goldseam keeps in one piece; please shorten it."},
		"no such name": {checkins.CheckIn{On: "2027-01-01", Answers: []checkins.Answer{{Name: "Robin", WentWell: "x"}}}, "Each answer is kept under one of your two names: please set both names first."},
		"twice":        {checkins.CheckIn{On: "2027-01-01", Answers: []checkins.Answer{{Name: "Sam", WentWell: "x"}, {Name: "SAM", Hard: "y"}}}, "Each of you answers a check-in once; please keep one answer each."},
		"gone":         {checkins.CheckIn{ID: "4f1c0f3e-0000-4000-8000-000000000000", On: "2027-01-01", Answers: []checkins.Answer{{Name: "Sam", WentWell: "x"}}}, "That check-in is no longer here."},
	} {
		_, err := checkins.Save(context.Background(), log, names, tc.in)
		if err == nil || apperr.MessageOf(err) != tc.want || (apperr.CodeOf(err) != apperr.Invalid && apperr.CodeOf(err) != apperr.NotFound) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if list := mustRead(t, log); len(list) != 0 {
		t.Fatalf("a refused check-in was kept: %+v", plain(list))
	}
}

func TestTheNextCheckInIsDueOneRhythmAfterTheLastAndNeverPilesUp(t *testing.T) {
	for _, tc := range []struct{ latest, rhythm, want string }{
		{"", "weekly", "2027-02-01"},
		{"2027-01-03", "weekly", "2027-01-10"},
		{"2027-01-03", "fortnightly", "2027-01-17"},
		{"2027-01-03", "monthly", "2027-02-02"},
		{"2026-06-01", "weekly", "2026-06-08"}, // months ago: one check-in due, not thirty
	} {
		if got := checkins.NextDue(tc.latest, tc.rhythm, "2027-02-01"); got != tc.want {
			t.Errorf("NextDue(%q, %q) = %s, want %s", tc.latest, tc.rhythm, got, tc.want)
		}
	}
}

func TestReadingAnswersAfterARenameGivesTheNewName(t *testing.T) {
	log := oneLog(t)
	mustSave(t, log, checkins.CheckIn{On: "2027-01-03", Answers: []checkins.Answer{{Name: "Alex", WentWell: "x"}}})
	renamed := space.CoupleSettings{Names: [2]string{"Sam", "Lex"}}
	list, err := checkins.Read(context.Background(), log, renamed)
	if err != nil || !reflect.DeepEqual(list[0].CheckIn.Answers[0].Name, "Lex") {
		t.Fatalf("after renaming Alex to Lex: %+v %v", list, err)
	}
}
