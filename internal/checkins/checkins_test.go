package checkins_test

import (
	"context"
	"os"
	"testing"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	os.Exit(m.Run())
}

func n(v int) *int { return &v }

func TestCheckInsAreKeptAndMakeATrendPerPartner(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Shared)
	c := checkins.New(space.New(db))
	first, err := c.Save(ctx, key, checkins.CheckIn{On: "2027-01-03",
		Items:    []checkins.Item{{AgreementID: "a1", What: "Text before leaving work", Outcome: "kept"}},
		Ratings:  []checkins.Rating{{Name: "Sam", Safety: n(3), Trust: n(2), Connection: n(4)}, {Name: "Alex", Safety: n(6), Trust: n(5), Connection: n(5)}},
		WentWell: "  We talked on Sunday.  "})
	if err != nil {
		t.Fatal(err)
	}
	if first.ID == "" || first.WentWell != "We talked on Sunday." {
		t.Fatalf("saved %+v", first)
	}
	if _, err := c.Save(ctx, key, checkins.CheckIn{On: "2027-01-10",
		Items:   []checkins.Item{{AgreementID: "a1", Outcome: "struggled", Note: "Forgot on Thursday."}},
		Ratings: []checkins.Rating{{Name: "Sam", Safety: n(4), Trust: n(3)}, {Name: "Alex"}}}); err != nil {
		t.Fatal(err)
	}
	list, err := c.List(ctx, key)
	if err != nil || len(list) != 2 || list[0].On != "2027-01-10" {
		t.Fatalf("list %+v %v", list, err)
	}
	tr := checkins.TrendOf(list)
	if len(tr.Partners["Sam"]) != 2 || *tr.Partners["Sam"][1].Trust != 3 || tr.Partners["Sam"][1].Connection != nil {
		t.Fatalf("Sam's trend %+v", tr.Partners["Sam"])
	}
	if len(tr.Partners["Alex"]) != 1 { // Alex did not rate the second time: no point, not a zero
		t.Fatalf("Alex's trend %+v", tr.Partners["Alex"])
	}
	if m := tr.Agreements["a1"]; len(m) != 2 || m[0].Outcome != "kept" || m[1].Outcome != "struggled" || tr.Wording["a1"] != "Text before leaving work" {
		t.Fatalf("agreement marks %+v %v", m, tr.Wording)
	}
	if err := c.Delete(ctx, key, first.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := c.List(ctx, key); len(list) != 1 {
		t.Fatalf("after delete %+v", list)
	}
}

func TestBadCheckInsAreRefusedWithAMessage(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Shared)
	c := checkins.New(space.New(db))
	for name, bad := range map[string]checkins.CheckIn{
		"no day":       {WentWell: "x"},
		"empty":        {On: "2027-01-01", Ratings: []checkins.Rating{{Name: "Sam"}}},
		"rating of 11": {On: "2027-01-01", Ratings: []checkins.Rating{{Name: "Sam", Trust: n(11)}}},
		"rating below": {On: "2027-01-01", Ratings: []checkins.Rating{{Name: "Sam", Safety: n(-1)}}},
		"odd outcome":  {On: "2027-01-01", Items: []checkins.Item{{AgreementID: "a", Outcome: "broken"}}},
	} {
		if _, err := c.Save(ctx, key, bad); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("%s: %v", name, err)
		}
	}
	if list, _ := c.List(ctx, key); len(list) != 0 {
		t.Fatalf("a refused check-in was kept: %+v", list)
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
