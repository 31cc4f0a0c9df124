package sharing_test

import (
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/sharing"
	"github.com/goldseam/goldseam/internal/space"
)

func saveSettings(t *testing.T, c sharing.Copy, me space.Person, names [2]string) {
	t.Helper()
	log := space.NewLog(c.DB, c.Shared, space.Author{Signer: c.Device, Person: me})
	if _, err := log.SaveSettings(ctx, space.CoupleSettings{Names: names, Rhythm: "weekly"}); err != nil {
		t.Fatal(err)
	}
}

func step(t *testing.T, c sharing.Copy) sharing.PairingStep {
	t.Helper()
	s, err := sharing.Step(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Two computers that each went through first run (each person gave their own name first)
// pair through one folder: the same code on both, the key reaches the joiner, the joiner
// takes the second place, and once the inviter's changes arrive both read the same names,
// each knowing who is at their own computer.
func TestTwoComputersPairThroughTheFolderAndAgreeWhoIsWho(t *testing.T) {
	a, b, folder := copyIn(t, t.TempDir()), copyIn(t, t.TempDir()), t.TempDir()
	saveSettings(t, a, sam, [2]string{"Sam", "Alex"})
	saveSettings(t, b, space.Person{Role: "partner-1", Name: "Alex"}, [2]string{"Alex", "Sam"})
	for _, c := range []sharing.Copy{a, b} {
		if err := sharing.SetFolder(ctx, c, folder, t.TempDir()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sharing.Invite(ctx, a, sam, false); err != nil {
		t.Fatal(err)
	}
	offers, err := sharing.Offers(ctx, b)
	if err != nil || len(offers) != 1 || offers[0].Name != "Sam" {
		t.Fatalf("offers %+v %v", offers, err)
	}
	if _, err := sharing.Join(ctx, b, offers[0].Pairing, "Alex", ""); err != nil {
		t.Fatal(err)
	}
	var sa, sb sharing.PairingStep
	for range 4 {
		sa, sb = step(t, a), step(t, b)
	}
	if sa.State != "compare" || sb.State != "compare" || sa.Code == "" || sa.Code != sb.Code {
		t.Fatalf("inviter %+v, joiner %+v", sa, sb)
	}
	if _, err := sharing.Confirm(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := sharing.Confirm(ctx, b); err != nil {
		t.Fatal(err)
	}
	step(t, b)
	for _, c := range []sharing.Copy{a, b} {
		if st, err := sharing.Look(ctx, c); err != nil || !st.Paired {
			t.Fatalf("not paired: %+v %v", st, err)
		}
	}
	if place, _, _ := sharing.Here(ctx, b.DB.SQL(), b.Shared); place.Role != "partner-2" {
		t.Fatalf("the joiner is in place %q", place.Role)
	}
	sync(t, a)
	sync(t, b)
	got, err := space.New(b.DB).Settings(ctx, b.Shared)
	if err != nil || got.Names != [2]string{"Sam", "Alex"} {
		t.Fatalf("the joiner reads the names %v (%v)", got.Names, err)
	}
	// What Alex writes now arrives at Sam's computer as Alex's.
	rec := uuid.NewString()
	write(t, b, alex, space.Draft{Record: rec, Kind: "experience", Field: "title", Value: "Alex's idea"})
	sync(t, b)
	sync(t, a)
	if st, ok, err := space.NewLog(a.DB, a.Shared, space.Author{}).Record(ctx, rec); err != nil || !ok || st.Fields["title"].Current[0].Person != alex {
		t.Fatalf("Alex's change on Sam's computer: %+v %v %v", st, ok, err)
	}
}

// A computer whose space already holds records of its own cannot join another's: two spaces
// cannot be joined into one, and nothing of either is lost by trying.
func TestACopyWithItsOwnSpaceCannotJoin(t *testing.T) {
	a, b, folder := copyIn(t, t.TempDir()), copyIn(t, t.TempDir()), t.TempDir()
	write(t, b, alex, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: "Mine"})
	for _, c := range []sharing.Copy{a, b} {
		if err := sharing.SetFolder(ctx, c, folder, t.TempDir()); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := sharing.Invite(ctx, a, sam, false); err != nil {
		t.Fatal(err)
	}
	offers, _ := sharing.Offers(ctx, b)
	if len(offers) != 1 {
		t.Fatalf("offers %+v", offers)
	}
	_, err := sharing.Join(ctx, b, offers[0].Pairing, "Alex", "")
	if apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("joining with a space of its own: %v", err)
	}
}

// The exchange folder may not hold the data file: a sync engine would copy it mid-write.
func TestTheDataFolderCannotBeTheExchangeFolder(t *testing.T) {
	data := t.TempDir()
	c := copyIn(t, data)
	for _, folder := range []string{data, t.TempDir() + "/missing", "relative/folder"} {
		if err := sharing.SetFolder(ctx, c, folder, data); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("%s: %v", folder, err)
		}
	}
}

// When Alex's computer is lost, Sam's stops trusting it; Alex's new computer pairs and gets
// the whole space, Alex's own earlier words (made on the lost computer) included, and nothing
// the lost computer writes afterwards is taken.
func TestALostComputerIsRevokedAndTheNewOneGetsEverything(t *testing.T) {
	a, lost, folder := pair(t)
	rec := uuid.NewString()
	write(t, a, sam, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: "Sam's idea"})
	alexs := write(t, lost, alex, space.Draft{Record: rec, Kind: "experience", Field: "title", Value: "Alex's idea, before the laptop was stolen"})
	sync(t, a)
	sync(t, lost)
	sync(t, a)
	if err := sharing.Revoke(ctx, a); err != nil {
		t.Fatal(err)
	}
	after := write(t, lost, alex, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: "written after it was lost"})
	sync(t, lost)
	if r := sync(t, a); r.Added != 0 {
		t.Fatalf("a took %d changes from the revoked computer", r.Added)
	}

	fresh := copyIn(t, t.TempDir())
	if err := sharing.SetFolder(ctx, fresh, folder, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if _, err := sharing.Invite(ctx, a, sam, false); err != nil {
		t.Fatal(err)
	}
	offers, _ := sharing.Offers(ctx, fresh)
	if len(offers) != 1 {
		t.Fatalf("offers %+v", offers)
	}
	if _, err := sharing.Join(ctx, fresh, offers[0].Pairing, "Alex", ""); err != nil {
		t.Fatal(err)
	}
	for range 4 {
		step(t, a)
		step(t, fresh)
	}
	if _, err := sharing.Confirm(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := sharing.Confirm(ctx, fresh); err != nil {
		t.Fatal(err)
	}
	step(t, fresh)
	sync(t, a)
	sync(t, fresh)
	got := ids(t, fresh)
	if !slices.Contains(got, alexs[0].ID) {
		t.Fatal("the new computer lacks what Alex wrote on the lost one")
	}
	if slices.Contains(got, after[0].ID) || slices.Contains(ids(t, a), after[0].ID) {
		t.Fatal("a change the lost computer made after it was revoked was taken")
	}
}

// With a USB stick, Sam's computer shows a code Alex types: a wrong code is refused with a
// sentence and writes nothing; the right one pairs without codes to compare.
func TestPairingWithATypedCode(t *testing.T) {
	a, b, folder := copyIn(t, t.TempDir()), copyIn(t, t.TempDir()), t.TempDir()
	for _, c := range []sharing.Copy{a, b} {
		if err := sharing.SetFolder(ctx, c, folder, t.TempDir()); err != nil {
			t.Fatal(err)
		}
	}
	started, err := sharing.Invite(ctx, a, sam, true)
	if err != nil || len(started.TypedCode) != 19 {
		t.Fatalf("the code to type: %+v %v", started, err)
	}
	offers, _ := sharing.Offers(ctx, b)
	if len(offers) != 1 || !offers[0].Typed {
		t.Fatalf("offers %+v", offers)
	}
	if _, err := sharing.Join(ctx, b, offers[0].Pairing, "Alex", "AAAA-BBBB-CCCC-DDDD"); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("a wrong code: %v", err)
	}
	if _, err := sharing.Join(ctx, b, offers[0].Pairing, "Alex", started.TypedCode); err != nil {
		t.Fatal(err)
	}
	if s := step(t, a); s.State != "ready" {
		t.Fatalf("Sam's computer, once Alex typed the code: %+v", s)
	}
	if _, err := sharing.Confirm(ctx, a); err != nil {
		t.Fatal(err)
	}
	if s := step(t, b); s.State != "done" {
		t.Fatalf("Alex's computer: %+v", s)
	}
	for _, c := range []sharing.Copy{a, b} {
		if st, err := sharing.Look(ctx, c); err != nil || !st.Paired {
			t.Fatalf("not paired: %+v %v", st, err)
		}
	}
}
