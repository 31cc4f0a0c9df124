package checkins_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// twoComputers returns Sam's and Alex's copies of one space: each its own data file and
// device, one shared key.
func twoComputers(t *testing.T) (sams, alexs *space.Log) {
	t.Helper()
	_, key := testvault.OpenKey(t, vault.Shared)
	sams = space.NewLog(testvault.OpenStore(t, t.TempDir()), key, space.Author{Signer: mergesim.NewSigner(), Person: names.Partner(0)})
	alexs = space.NewLog(testvault.OpenStore(t, t.TempDir()), key, space.Author{Signer: mergesim.NewSigner(), Person: names.Partner(1)})
	return sams, alexs
}

// meet gives each copy every change of the other.
func meet(t *testing.T, a, b *space.Log) {
	t.Helper()
	ctx := context.Background()
	fromA, err := a.All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	fromB, err := b.All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Merge(ctx, fromA); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Merge(ctx, fromB); err != nil {
		t.Fatal(err)
	}
}

func TestTwoPartnersAnsweringOneCheckInAtOnceOnTwoComputersBothKeepTheirAnswers(t *testing.T) {
	sams, alexs := twoComputers(t)
	id := mustSave(t, sams, checkins.CheckIn{On: "2027-03-07", Answers: []checkins.Answer{{Name: "Sam", WentWell: "A first word."}}})
	meet(t, sams, alexs)
	// Now, at the same moment, each answers on their own computer, neither seeing the other.
	mustSave(t, sams, checkins.CheckIn{ID: id, On: "2027-03-07", Answers: []checkins.Answer{
		{Name: "Sam", Ratings: checkins.Ratings{Trust: n(4)}, WentWell: "A first word.", Hard: "Sam's hard part."}}})
	mustSave(t, alexs, checkins.CheckIn{ID: id, On: "2027-03-07", Answers: []checkins.Answer{
		{Name: "Alex", Ratings: checkins.Ratings{Trust: n(7), Safety: n(6)}, Hard: "Alex's hard part.",
			Items: []checkins.Item{{AgreementID: "a1", Outcome: "kept"}}}}})
	meet(t, sams, alexs)
	onSams, onAlexs := mustRead(t, sams), mustRead(t, alexs)
	if !reflect.DeepEqual(plain(onSams), plain(onAlexs)) {
		t.Fatalf("the copies differ:\n%+v\n%+v", plain(onSams), plain(onAlexs))
	}
	got := onSams[0].CheckIn.Answers
	if len(onSams) != 1 || len(got) != 2 || got[0].Hard != "Sam's hard part." || *got[0].Ratings.Trust != 4 ||
		got[1].Hard != "Alex's hard part." || *got[1].Ratings.Trust != 7 || got[1].Items[0].Outcome != "kept" {
		t.Fatalf("an answer was lost: %+v", got)
	}
	for _, rec := range onSams[0].Answers {
		for field, f := range rec.Fields {
			if f.Conflict {
				t.Errorf("two partners answering made a tie on %s", field)
			}
		}
	}
	if tr := checkins.TrendOf(plain(onSams)); len(tr.Partners["Sam"]) != 1 || len(tr.Partners["Alex"]) != 1 {
		t.Fatalf("trend %+v", tr.Partners)
	}
}

func TestOnePartnerChangingTheirAnswerOnTwoComputersAtOnceKeepsBothAsATie(t *testing.T) {
	sams, alexs := twoComputers(t)
	// Sam's second computer is the copy Alex's device stands in for here: the same person.
	samsOther := alexs.As(names.Partner(0))
	id := mustSave(t, sams, checkins.CheckIn{On: "2027-03-07", Answers: []checkins.Answer{{Name: "Sam", Try: "Walk."}}})
	meet(t, sams, alexs)
	mustSave(t, sams, checkins.CheckIn{ID: id, On: "2027-03-07", Answers: []checkins.Answer{{Name: "Sam", Try: "Walk on Sunday."}}})
	mustSave(t, samsOther, checkins.CheckIn{ID: id, On: "2027-03-07", Answers: []checkins.Answer{{Name: "Sam", Try: "Cook on Friday."}}})
	meet(t, sams, alexs)
	list := mustRead(t, alexs)
	rec := list[0].Answers[0]
	tried := rec.Fields["try"]
	if !tried.Conflict || len(tried.Current) != 2 || len(tried.History) != 1 || list[0].CheckIn.Answers[0].Try != "" {
		t.Fatalf("want a tie kept whole with the first wording in the history, got %+v", tried)
	}
	values := map[string]bool{}
	for _, e := range tried.Current {
		values[string(e.Value)] = true
	}
	if !values[`"Walk on Sunday."`] || !values[`"Cook on Friday."`] {
		t.Fatalf("a tied value was lost: %v", values)
	}
}

func TestSameDayCheckInsMadeOnTwoComputersStayTwo(t *testing.T) {
	sams, alexs := twoComputers(t)
	mustSave(t, sams, checkins.CheckIn{On: "2027-03-07", Answers: []checkins.Answer{{Name: "Sam", WentWell: "Sam's."}}})
	mustSave(t, alexs, checkins.CheckIn{On: "2027-03-07", Answers: []checkins.Answer{{Name: "Alex", WentWell: "Alex's."}}})
	meet(t, sams, alexs)
	list := mustRead(t, sams)
	if len(list) != 2 || list[0].CheckIn.On != list[1].CheckIn.On || !reflect.DeepEqual(plain(list), plain(mustRead(t, alexs))) {
		t.Fatalf("want two check-ins on one day, listed alike on both: %+v", plain(list))
	}
}

func TestTheMoveCarriesEveryOldCheckInWithNothingLostAndTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Shared)
	old := space.New(db)
	oldOnes := []checkins.OldCheckIn{
		{On: "2026-10-01", Items: []checkins.Item{{AgreementID: "a1", What: "Text first", Outcome: "kept", Note: "Always."}},
			Ratings:  []checkins.Rating{{Name: "Sam", Safety: n(3), Trust: n(2)}, {Name: "Alex", Connection: n(8)}},
			WentWell: "The walk.", Hard: "Sunday.", Try: "Breakfast."},
		{On: "2026-10-08", Ratings: []checkins.Rating{{Name: "Robin", Trust: n(5)}, {Name: "alex", Safety: n(9)}}},
		{On: "2026-10-15", Try: "Only words, no ratings."},
	}
	for i, c := range oldOnes {
		kept, err := checkins.Old(old).Save(ctx, key, c)
		if err != nil {
			t.Fatal(err)
		}
		oldOnes[i] = kept
	}
	gone, _ := checkins.Old(old).Save(ctx, key, checkins.OldCheckIn{On: "2026-09-01", Try: "deleted"})
	if err := checkins.Old(old).Delete(ctx, key, gone.ID); err != nil {
		t.Fatal(err)
	}
	before, _ := old.All(ctx, key)
	log := space.NewLog(db, key, space.Author{Signer: mergesim.NewSigner()})
	if err := checkins.Move(ctx, old, key, log, names); err != nil {
		t.Fatal(err)
	}
	moved := mustRead(t, log)
	want := []checkins.CheckIn{
		{ID: oldOnes[2].ID, On: "2026-10-15", Answers: []checkins.Answer{},
			Together: &checkins.Together{Items: []checkins.Item{}, Try: "Only words, no ratings.", Ratings: []checkins.Rating{}}},
		{ID: oldOnes[1].ID, On: "2026-10-08", Answers: []checkins.Answer{{Name: "Alex", Ratings: checkins.Ratings{Safety: n(9)}, Items: []checkins.Item{}}},
			Together: &checkins.Together{Items: []checkins.Item{}, Ratings: []checkins.Rating{{Name: "Robin", Trust: n(5)}}}},
		{ID: oldOnes[0].ID, On: "2026-10-01", Answers: []checkins.Answer{
			{Name: "Sam", Ratings: checkins.Ratings{Safety: n(3), Trust: n(2)}, Items: []checkins.Item{}},
			{Name: "Alex", Ratings: checkins.Ratings{Connection: n(8)}, Items: []checkins.Item{}}},
			Together: &checkins.Together{Items: oldOnes[0].Items, WentWell: "The walk.", Hard: "Sunday.", Try: "Breakfast.", Ratings: []checkins.Rating{}}},
	}
	if !reflect.DeepEqual(plain(moved), want) {
		t.Fatalf("moved\n%+v\nwant\n%+v", plain(moved), want)
	}
	if who := moved[2].Answers[1].Fields["ratings"].Current[0].Person; who != names.Partner(1) {
		t.Fatalf("Alex's moved answer is written as %+v", who)
	}
	// The trend reads the same as it did from the old table, Robin's rating included.
	if tr := checkins.TrendOf(plain(moved)); len(tr.Partners["Sam"]) != 1 || len(tr.Partners["Alex"]) != 2 || len(tr.Partners["Robin"]) != 1 || tr.Agreements["a1"][0].Outcome != "kept" {
		t.Fatalf("trend after the move %+v", tr)
	}
	changes, _ := log.All(ctx)
	if err := checkins.Move(ctx, old, key, log, names); err != nil {
		t.Fatal(err)
	}
	if again, _ := log.All(ctx); len(again) != len(changes) {
		t.Fatalf("moving twice wrote %d more changes", len(again)-len(changes))
	}
	if after, _ := old.All(ctx, key); !reflect.DeepEqual(after, before) {
		t.Fatal("the move changed the old table")
	}
}
