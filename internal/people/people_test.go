package people_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/goldseam/goldseam/internal/people"
)

// TestPlacesAreNumberedFoundByNameOrNumberAndTaggedApart: the first person's place is the data
// folder itself; others are people/<n>, listed in number order whatever else is in people/;
// a person is found by number or by the name they show (any case), never by a hidden one;
// each place's automatic backups carry a tag of its own, read from the data file's path alone.
func TestPlacesAreNumberedFoundByNameOrNumberAndTaggedApart(t *testing.T) {
	dir := t.TempDir()
	setUp := func(people.Place) bool { return false }
	second, err := people.Add(dir, setUp)
	if err != nil || second.ID != "2" {
		t.Fatalf("first added place %+v %v", second, err)
	}
	if again, _ := people.Add(dir, setUp); again.ID != "2" {
		t.Fatalf("a second invitation while the place is still empty made %q; want the same place", again.ID)
	}
	third, err := people.Add(dir, func(p people.Place) bool { return p.ID == "2" })
	if err != nil || third.ID != "3" {
		t.Fatalf("after someone set up at 2: %+v %v", third, err)
	}
	for _, stray := range []string{"notes", "02", "1", "10x"} {
		if err := os.MkdirAll(filepath.Join(dir, "people", stray), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	places, err := people.List(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range places {
		ids = append(ids, p.ID)
	}
	if len(ids) != 3 || ids[0] != "1" || ids[1] != "2" || ids[2] != "3" {
		t.Fatalf("places %v; want 1, 2, 3 and no stray folder", ids)
	}
	if places[0].Dir != dir || places[0].DataFile() != filepath.Join(dir, "goldseam.db") {
		t.Errorf("the first place moved: %+v", places[0])
	}

	if err := second.SetShownName("  Sam "); err != nil {
		t.Fatal(err)
	}
	if err := third.SetShownName("Robin\nsecond line"); err == nil {
		t.Error("a name on two lines was kept")
	}
	for _, name := range []string{"sam", "SAM", "2"} {
		if p, err := people.Find(dir, name); err != nil || p.ID != "2" {
			t.Errorf("finding %q: %+v %v", name, p, err)
		}
	}
	if _, err := people.Find(dir, "Robin"); err == nil {
		t.Error("found a name no one shows")
	}
	if err := second.SetShownName(""); err != nil {
		t.Fatal(err)
	}
	if _, err := people.Find(dir, "Sam"); err == nil {
		t.Error("found Sam by a name they hid")
	}

	for i, want := range []string{"", "2", "3"} {
		if got := people.TagOf(places[i].DataFile()); got != want {
			t.Errorf("place %s: backup tag %q, want %q", places[i].ID, got, want)
		}
	}
}
