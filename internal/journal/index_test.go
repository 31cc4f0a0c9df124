package journal_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/testkit/journalgen"
)

func entry(id, date, title, body string) journal.Entry {
	return journal.Entry{ID: id, Date: date, Title: title, Body: body, UpdatedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
}

func ids(r journal.Result) []string {
	out := make([]string, len(r.Hits))
	for i, h := range r.Hits {
		out[i] = h.ID
	}
	return out
}

func joined(parts []journal.Part) (text, marked string) {
	var t, m strings.Builder
	for _, p := range parts {
		t.WriteString(p.Text)
		if p.Match {
			m.WriteString("[" + p.Text + "]")
		}
	}
	return t.String(), m.String()
}

func TestSearchRanksTitleAboveBodyAndNeedsEveryWord(t *testing.T) {
	ix := journal.NewIndex()
	ix.Put(entry("body", "2026-01-02", "A walk", "We spoke about trust on the walk home, and it was hard."))
	ix.Put(entry("title", "2026-01-01", "Trust", "Nothing else to say today."))
	ix.Put(entry("other", "2026-01-03", "Dinner", "A quiet dinner, no hard talk."))
	ix.Put(entry("feel", "2026-01-04", "", "Short one."))
	ix.Put(journal.Entry{ID: "tagged", Date: "2026-01-05", Body: "Nothing.", Tags: []string{"therapy"}, Feelings: []string{"relief"}})

	if got := ids(ix.Search("trust", 10)); !slices.Equal(got, []string{"title", "body"}) {
		t.Fatalf("trust: %v", got)
	}
	if got := ids(ix.Search("hard trust", 10)); !slices.Equal(got, []string{"body"}) {
		t.Fatalf("every word must match: %v", got)
	}
	if got := ids(ix.Search("TRU", 10)); !slices.Equal(got, []string{"title", "body"}) {
		t.Fatalf("prefix, any case: %v", got)
	}
	if got := ids(ix.Search("therap", 10)); !slices.Equal(got, []string{"tagged"}) {
		t.Fatalf("tags are searched: %v", got)
	}
	if got := ids(ix.Search("relief", 10)); !slices.Equal(got, []string{"tagged"}) {
		t.Fatalf("feelings are searched: %v", got)
	}
	if r := ix.Search("t", 10); r.Total != 0 {
		t.Fatalf("a single letter matches only a one-letter word, got %v", ids(r))
	}
	if r := ix.Search("  ,;  ", 10); r.Total != 0 {
		t.Fatal("punctuation alone matched")
	}
	if r := ix.Search("zebra", 10); r.Total != 0 {
		t.Fatal("an absent word matched")
	}
	if r := ix.Search("hard", 1); r.Total != 2 || len(r.Hits) != 1 {
		t.Fatalf("limit: total %d, hits %d", r.Total, len(r.Hits))
	}
}

func TestSnippetsMarkTheWordsFound(t *testing.T) {
	ix := journal.NewIndex()
	long := strings.Repeat("filler words here ", 30) + "and then we **talked** about trusting again " + strings.Repeat("more words ", 30)
	ix.Put(entry("a", "2026-01-01", "Trusting slowly", long))
	r := ix.Search("talk trust", 5)
	if len(r.Hits) != 1 {
		t.Fatalf("hits %v", ids(r))
	}
	text, marked := joined(r.Hits[0].Snippet)
	if marked != "[talked][trusting]" {
		t.Fatalf("snippet marks %q in %q", marked, text)
	}
	if !strings.HasPrefix(text, "… ") || !strings.HasSuffix(text, " …") || strings.Contains(text, "**") {
		t.Fatalf("snippet %q", text)
	}
	if _, marked := joined(r.Hits[0].Title); marked != "[Trusting]" {
		t.Fatalf("title marks %q", marked)
	}
}

func TestEditsAndDeletionsReachTheIndex(t *testing.T) {
	ix := journal.NewIndex()
	ix.Put(entry("a", "2026-01-01", "", "the old words"))
	e := entry("a", "2026-01-01", "", "the new words")
	e.UpdatedAt = e.UpdatedAt.Add(time.Second)
	ix.Put(e)
	if ix.Search("old", 5).Total != 0 || ix.Search("new", 5).Total != 1 || ix.Len() != 1 {
		t.Fatal("an edit left the old words findable")
	}
	// The builder reading an older version after the edit must not undo it.
	ix.Load(entry("a", "2026-01-01", "", "the old words"))
	if ix.Search("old", 5).Total != 0 {
		t.Fatal("a stale load replaced a newer save")
	}
	ix.Remove("a")
	ix.Load(e) // read before the deletion, loaded after it
	if ix.Search("new", 5).Total != 0 || ix.Len() != 0 {
		t.Fatal("a deleted entry came back")
	}
	ix.Put(e) // undo
	if ix.Search("new", 5).Total != 1 {
		t.Fatal("undo did not bring it back")
	}
}

func TestManyEditsKeepSearchCorrect(t *testing.T) {
	ix := journal.NewIndex()
	for i := range 50 {
		ix.Put(entry(fmt.Sprint(i), "2026-01-01", "", fmt.Sprintf("steady words number%d", i)))
	}
	for round := range 100 { // enough edits to make the index sweep stale postings
		for i := range 50 {
			e := entry(fmt.Sprint(i), "2026-01-01", "", fmt.Sprintf("steady words round%d number%d", round, i))
			e.UpdatedAt = e.UpdatedAt.Add(time.Duration(round+1) * time.Second)
			ix.Put(e)
		}
	}
	if r := ix.Search("steady", 100); r.Total != 50 {
		t.Fatalf("total %d, want 50", r.Total)
	}
	if r := ix.Search("round98", 100); r.Total != 0 {
		t.Fatalf("an old version is still found: %d", r.Total)
	}
	if r := ix.Search("round99 number7", 10); !slices.Equal(ids(r), []string{"7"}) {
		t.Fatalf("got %v", ids(r))
	}
}

func TestEmotionLogByWeekAndMonth(t *testing.T) {
	ix := journal.NewIndex()
	add := func(id, date string, mood int, feelings ...string) {
		ix.Put(journal.Entry{ID: id, Date: date, Body: "x", Mood: mood, Feelings: feelings})
	}
	add("1", "2026-11-16", 2, "grief") // Monday
	add("2", "2026-11-22", 4, "Hope")  // Sunday, same week
	add("3", "2026-11-23", 0, "hope")  // next Monday, no mood
	add("4", "2026-10-31", 5)
	add("5", "2025-01-01", 1) // outside the range

	from, to := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	weeks := ix.EmotionLog(from, to, false)
	if len(weeks) != 3 || weeks[1].Start != "2026-11-16" || weeks[1].Entries != 2 || weeks[1].MoodAverage != 3 ||
		weeks[1].Feelings["grief"] != 1 || weeks[1].Feelings["hope"] != 1 {
		t.Fatalf("weeks %+v", weeks)
	}
	if weeks[2].MoodCount != 0 || weeks[2].MoodAverage != 0 || weeks[2].Entries != 1 {
		t.Fatalf("a week without moods: %+v", weeks[2])
	}
	months := ix.EmotionLog(from, to, true)
	if len(months) != 2 || months[0].Start != "2026-10-01" || months[1].Start != "2026-11-01" ||
		months[1].Feelings["hope"] != 2 || months[1].MoodCount != 2 {
		t.Fatalf("months %+v", months)
	}
}

func TestGeneratedJournalsAreRealisticAndRepeatable(t *testing.T) {
	a := journalgen.Make(journalgen.Options{Entries: 2000, Seed: 7})
	b := journalgen.Make(journalgen.Options{Entries: 2000, Seed: 7})
	if len(a) != 2000 || a[1234].Body != b[1234].Body {
		t.Fatal("the same seed made a different journal")
	}
	words, short, long, titled := 0, 0, 0, 0
	for _, e := range a {
		if err := e.Normalize(); err != nil {
			t.Fatalf("generated entry refused: %v", err)
		}
		n := len(strings.Fields(e.Body))
		words += n
		if n < 40 {
			short++
		}
		if n > 800 {
			long++
		}
		if e.Title != "" {
			titled++
		}
	}
	if avg := words / len(a); avg < 120 || avg > 350 || short == 0 || long == 0 || titled < 1000 || titled > 1400 {
		t.Fatalf("unrealistic: average %d words, %d short, %d long, %d titled", words/len(a), short, long, titled)
	}
	if a[0].Date >= a[len(a)-1].Date || a[0].Date < "2023-11-22" {
		t.Fatalf("dates run %s..%s", a[0].Date, a[len(a)-1].Date)
	}
}

func BenchmarkIndexLoad10k(b *testing.B) {
	list := journalgen.Make(journalgen.Options{Entries: 10_000, Seed: 1})
	for b.Loop() {
		ix := journal.NewIndex()
		for i, e := range list {
			e.ID = fmt.Sprint(i)
			ix.Load(e)
		}
	}
}

func TestMarkdownBecomesPlainWords(t *testing.T) {
	ix := journal.NewIndex()
	md := "# Heading words\n> a quote\n- bullet **bold** and _soft_\n12. numbered `code`\n" +
		"See [the garden](https://example.org) and ![a photo](x.png), [not a link] ok.\n    #not-heading-code"
	ix.Put(entry("m", "2026-01-01", "", md))
	text, _ := joined(ix.Search("heading", 1).Hits[0].Snippet)
	want := "Heading words a quote bullet bold and soft numbered code See the garden and a photo, [not a link] ok. #not-heading-code"
	if text != want {
		t.Fatalf("plain text\n got %q\nwant %q", text, want)
	}
	if ix.Search("https", 1).Total != 0 || ix.Search("png", 1).Total != 0 {
		t.Fatal("link targets were indexed")
	}
}
