package experiences_test

import (
	"encoding/json"
	"testing"

	"github.com/goldseam/goldseam/internal/experiences"
	"github.com/goldseam/goldseam/internal/space"
)

func TestTwoPeopleNotingHowItFeltAtOnceBothKeepTheirWords(t *testing.T) {
	a, b := twoCopies(t)
	walk := mustSave(t, a, experiences.Experience{Title: "A walk", Status: experiences.Done, DoneOn: "2027-03-06"})
	exchange(t, a, b)
	mine, theirs := walk, mustList(t, b)[0].Experience
	mine.HowItFelt, theirs.HowItFelt = "Quiet, in a good way.", "I felt close to you again."
	mustSave(t, a, mine)
	mustSave(t, b, theirs)
	exchange(t, a, b)
	for i, c := range []copyOf{a, b} {
		got := mustList(t, c)[0]
		f := got.Feelings
		if f[0].Text != "Quiet, in a good way." || f[0].Person != alex || f[1].Text != "I felt close to you again." || f[1].Person != sam {
			t.Fatalf("copy %d: both feelings should be kept by name: %+v", i, f)
		}
		if want := []string{mine.HowItFelt, theirs.HowItFelt}[i]; got.HowItFelt != want {
			t.Fatalf("copy %d shows %q as its person's own words, want %q", i, got.HowItFelt, want)
		}
		for _, feel := range f {
			if who := feel.State.Fields[experiences.FieldHowItFelt].Current[0].Person; who != feel.Person || feel.State.Fields[experiences.FieldHowItFelt].Conflict {
				t.Fatalf("copy %d: %s's words are written by %+v", i, feel.Person.Name, who)
			}
		}
	}
}

func TestConcurrentTitleEditsMakeATieKeptWithBoth(t *testing.T) {
	a, b := twoCopies(t)
	walk := mustSave(t, a, experiences.Experience{Title: "A walk", Status: experiences.Idea})
	exchange(t, a, b)
	mine, theirs := walk, mustList(t, b)[0].Experience
	mine.Title, theirs.Title = "A walk by the river", "A walk in the woods"
	mustSave(t, a, mine)
	mustSave(t, b, theirs)
	exchange(t, a, b)
	var shown []string
	for _, c := range []copyOf{a, b} {
		got := mustList(t, c)[0]
		f := got.Record.Fields[experiences.FieldTitle]
		if !f.Conflict || len(f.Current) != 2 || len(f.History) != 1 {
			t.Fatalf("a tie with both titles and the first in history: %+v", f)
		}
		titles := map[string]space.Person{}
		for _, e := range f.Current {
			var s string
			json.Unmarshal(e.Value, &s)
			titles[s] = e.Person
		}
		if titles[mine.Title] != alex || titles[theirs.Title] != sam {
			t.Fatalf("each title should be kept with who wrote it: %v", titles)
		}
		shown = append(shown, got.Title)
		// Saving another field leaves the tie for the people to choose.
		got.Note = "bring a flask"
		mustSave(t, c, got.Experience)
	}
	if shown[0] != shown[1] || (shown[0] != mine.Title && shown[0] != theirs.Title) {
		t.Fatalf("both copies should show the same candidate: %q", shown)
	}
	if f := mustList(t, a)[0].Record.Fields[experiences.FieldTitle]; !f.Conflict {
		t.Fatalf("saving the note settled the title: %+v", f)
	}
	// Choosing settles it everywhere, and the other title goes to the history.
	rec := mustList(t, a)[0].Record
	var pick string
	for _, e := range rec.Fields[experiences.FieldTitle].Current {
		if e.Person == sam {
			pick = e.Change
		}
	}
	d, err := space.Choose(rec, experiences.FieldTitle, pick)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.log.Append(ctx, d); err != nil {
		t.Fatal(err)
	}
	exchange(t, a, b)
	for _, c := range []copyOf{a, b} {
		got := mustList(t, c)[0]
		f := got.Record.Fields[experiences.FieldTitle]
		if got.Title != theirs.Title || f.Conflict || len(f.History) != 3 {
			t.Fatalf("after choosing: %q %+v", got.Title, f)
		}
	}
}

func TestADeletionAndAConcurrentEditLoseNothing(t *testing.T) {
	a, b := twoCopies(t)
	walk := mustSave(t, a, experiences.Experience{Title: "A walk", Status: experiences.Idea})
	exchange(t, a, b)
	if err := a.x.Delete(ctx, walk.ID); err != nil {
		t.Fatal(err)
	}
	theirs := mustList(t, b)[0].Experience
	theirs.Title, theirs.HowItFelt = "A walk in the rain", "Wet and happy."
	mustSave(t, b, theirs)
	exchange(t, a, b)
	for i, c := range []copyOf{a, b} {
		st, err := c.log.State(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rec := st.Records[walk.ID]
		titles := map[string]bool{}
		for _, e := range append(rec.Fields[experiences.FieldTitle].Current, rec.Fields[experiences.FieldTitle].History...) {
			var s string
			json.Unmarshal(e.Value, &s)
			titles[s] = true
		}
		feel := st.Records[experiences.FeelingID(walk.ID, sam)]
		if !titles["A walk"] || !titles["A walk in the rain"] || feel.Fields[experiences.FieldHowItFelt].Current == nil {
			t.Fatalf("copy %d lost a write: titles %v, feeling %+v", i, titles, feel)
		}
		// Deleted on both: the edit is kept on the log, not shown in the list.
		if !rec.Deleted || len(mustList(t, c)) != 0 {
			t.Fatalf("copy %d should show it deleted: %+v", i, rec)
		}
	}
}
