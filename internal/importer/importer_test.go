package importer_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/importer"
	"github.com/goldseam/goldseam/internal/journal"
)

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// want is the part of an entry a test checks; IDs and times are checked separately.
type want struct {
	Date, Title, Body string
	Tags              []string
}

func got(entries []journal.Entry) []want {
	out := make([]want, len(entries))
	for i, e := range entries {
		out[i] = want{e.Date, e.Title, e.Body, append([]string{}, e.Tags...)}
	}
	return out
}

// parser is how a test reads one file as an app's export.
type parser func(io.Reader) ([]journal.Entry, error)

// entriesOf reads one file, named name, as format's export and gives its entries.
func entriesOf(format importer.Format, name string) parser {
	return func(r io.Reader) ([]journal.Entry, error) {
		exp, err := readAs(format, name, r)
		if err != nil {
			return nil, err
		}
		return exp.Entries, nil
	}
}

// readAs reads one file as format's export.
func readAs(format importer.Format, name string, r io.Reader) (*importer.Export, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return format.Read(importer.FilesOf(map[string][]byte{name: data}))
}

var (
	jrnlText   = entriesOf(importer.JRNLFormat, "journal.txt")
	dayOneJSON = entriesOf(importer.DayOneFormat, "Journal.json")
)

// importFixture parses a fixture and checks its entries against expect.
func importFixture(t *testing.T, parse parser, file string, expect []want) []journal.Entry {
	t.Helper()
	entries, err := parse(bytes.NewReader(fixture(t, file)))
	if err != nil {
		t.Fatal(err)
	}
	if g := got(entries); !reflect.DeepEqual(g, expect) {
		t.Fatalf("entries:\n got %#v\nwant %#v", g, expect)
	}
	checkAll(t, entries)
	return entries
}

func TestJRNLFixture(t *testing.T) {
	expect := []want{
		{"2024-05-01", "Talked with Sam about the night it all came out. @therapy",
			"We sat on the porch for an hour.\nNeither of us raised our voice.\n\n@Therapy homework: write down three things I still trust.",
			[]string{"therapy"}},
		{"2024-05-02", "Morning walk", "Couldn't sleep; walked to the river instead. @walk @sleep", []string{"starred", "walk", "sleep"}},
		{"2024-05-03", "Café thoughts — 信頼 takes time",
			"Ordered crème brûlée for the first time since. Small joys. 😊\nMail me at someone@example.com, not a tag.", []string{}},
		{"2024-05-04", "Unbracketed header from an older jrnl @Walk", "", []string{"walk"}},
	}
	entries := importFixture(t, jrnlText, "journal.txt", expect)
	if at := time.Date(2024, 5, 2, 7, 5, 0, 0, time.UTC); !entries[1].CreatedAt.Equal(at) || !entries[1].UpdatedAt.Equal(at) {
		t.Errorf("times %v %v, want %v", entries[1].CreatedAt, entries[1].UpdatedAt, at)
	}
}

func TestDayOneFixture(t *testing.T) {
	expect := []want{
		// 23:30 UTC is already the next morning in Tokyo: the date must follow the zone.
		{"2024-05-02", "First session with Dr. Reyes",
			"We talked about well-being (mine, not just ours)!\n\n1\\. Breathe\n2\\. Write it down\n\nKeep *this* \\*literal\\* star.",
			[]string{"starred", "Journal", "Therapy", "trust"}},
		// 02:15 UTC is still the evening before in Los Angeles.
		{"2024-05-01", "", "No heading on this one.\nJust a late night.", []string{"Journal"}},
		{"2024-05-03", "Second level heading", "Body without a zone.", []string{"Journal", "trust"}},
	}
	entries := importFixture(t, dayOneJSON, "Journal.json", expect)
	if !entries[0].CreatedAt.Equal(time.Date(2024, 5, 1, 23, 30, 0, 0, time.UTC)) ||
		!entries[0].UpdatedAt.Equal(time.Date(2024, 5, 2, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("times %v %v", entries[0].CreatedAt, entries[0].UpdatedAt)
	}
	for _, e := range entries {
		if strings.Contains(e.Body, "Home") || strings.Contains(e.Body, "51.5") {
			t.Errorf("location leaked into %q", e.Body)
		}
	}
}

// checkAll asserts what every import promises: entries pass Normalize unchanged in
// meaning, and IDs are distinct.
func checkAll(t testing.TB, entries []journal.Entry) {
	t.Helper()
	ids := map[string]bool{}
	for _, e := range entries {
		if err := e.Normalize(); err != nil {
			t.Fatalf("entry %q fails Normalize: %v", e.Title, err)
		}
		if e.ID == "" || ids[e.ID] {
			t.Fatalf("entry %q has a missing or repeated ID %q", e.Title, e.ID)
		}
		ids[e.ID] = true
	}
}

func TestSameFileSameIDs(t *testing.T) {
	for name, c := range map[string]struct {
		parse parser
		file  string
	}{"jrnl": {jrnlText, "journal.txt"}, "dayone": {dayOneJSON, "Journal.json"}} {
		t.Run(name, func(t *testing.T) {
			a, err := c.parse(bytes.NewReader(fixture(t, c.file)))
			if err != nil {
				t.Fatal(err)
			}
			b, err := c.parse(bytes.NewReader(fixture(t, c.file)))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a, b) {
				t.Fatal("importing the same file twice gave different entries")
			}
		})
	}
}

func TestIdenticalEntriesGetDistinctIDs(t *testing.T) {
	text := "[2024-05-01 18:30] Same\nwords\n[2024-05-01 18:30] Same\nwords\n"
	entries, err := jrnlText(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].ID == entries[1].ID {
		t.Fatalf("want two entries with distinct IDs, got %+v", entries)
	}
}

func TestBadInput(t *testing.T) {
	cases := []struct {
		name  string
		parse parser
		input string
		line  int
		says  string
	}{
		{"jrnl empty", jrnlText, "", 0, "empty"},
		{"jrnl blank", jrnlText, "\n \n", 0, "empty"},
		{"jrnl wrong format", jrnlText, "Dear diary,\n[2024-05-01 18:30] x", 1, "line 1 should start with a date such as [2024-05-01 18:30]"},
		{"jrnl bad date", jrnlText, "[2024-05-01 18:30] ok\n[2024-02-30 10:00] no such day", 2, "Line 2 has a date Goldseam cannot read"},
		{"jrnl bad hour", jrnlText, "[2024-05-01 25:30] late", 1, "cannot read"},
		{"jrnl far future", jrnlText, "[2999-05-01 10:00] far", 1, "outside the years"},
		{"jrnl not utf8", jrnlText, "[2024-05-01 10:00] caf\xe9", 1, "not plain text"},
		{"dayone empty", dayOneJSON, "", 0, "empty"},
		{"dayone truncated", dayOneJSON, "{\n\"entries\": [\n{\"uuid\": \"A\", \"text\": \"hel", 3, "cut short"},
		{"dayone not json", dayOneJSON, "[2024-05-01 18:30] jrnl", 1, "cannot be read"},
		{"dayone bad json mid", dayOneJSON, "{\n\"entries\": [\n}\n", 3, "line 3 of Journal.json cannot be read"},
		{"dayone top-level list", dayOneJSON, `[1, 2]`, 1, "does not look like a Day One export"},
		{"dayone wrong shape", dayOneJSON, `{"notes": []}`, 0, "does not look like a Day One export"},
		{"jrnl json empty", jrnlText, "{\"entries\": []}", 0, "no journal entries"},
		{"jrnl json wrong shape", jrnlText, "{\"notes\": []}", 0, "does not look like a jrnl export"},
		{"dayone no entries", dayOneJSON, `{"metadata": {"version": "1.0"}, "entries": []}`, 0, "no journal entries"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			entries, err := c.parse(strings.NewReader(c.input))
			var fe *importer.FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("want a FormatError, got %v (entries %v)", err, entries)
			}
			if fe.Line != c.line || !strings.Contains(fe.Error(), c.says) {
				t.Fatalf("got line %d %q, want line %d and %q", fe.Line, fe.Error(), c.line, c.says)
			}
			if strings.Contains(fe.Error(), "json:") || strings.Contains(fe.Error(), "parsing time") {
				t.Errorf("message shows Go internals: %q", fe.Error())
			}
		})
	}
}

// A body over Goldseam's limit is split into numbered parts that together keep every byte.
func TestLongEntryIsSplitNotLost(t *testing.T) {
	line := strings.Repeat("ü", 99) + "\n"
	body := strings.Repeat(line, 2*journal.MaxBody/len(line)+10)
	title := strings.Repeat("t", journal.MaxTitle+50)
	entries, err := jrnlText(strings.NewReader("[2024-05-01 18:30] " + title + "\n" + body))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 {
		t.Fatalf("want 3 parts, got %d", len(entries))
	}
	var joined strings.Builder
	for i, e := range entries {
		if !strings.HasSuffix(e.Title, []string{" (part 1 of 3)", " (part 2 of 3)", " (part 3 of 3)"}[i]) {
			t.Errorf("part %d title %q", i+1, e.Title)
		}
		joined.WriteString(e.Body)
	}
	if !strings.HasPrefix(entries[0].Title, strings.Repeat("t", 100)) {
		t.Errorf("title lost its start: %q", entries[0].Title[:20])
	}
	// The title's overflow leads the body; with it, nothing of title or body is missing.
	head := strings.TrimSuffix(strings.TrimSuffix(entries[0].Title, " (part 1 of 3)"), "…")
	all := head + strings.TrimPrefix(joined.String(), "…")
	if all != title+"\n\n"+strings.TrimSuffix(body, "\n") {
		t.Fatal("splitting lost or changed text")
	}
	checkAll(t, entries)
}

func TestDayOneTagsThatDoNotFitStayAsText(t *testing.T) {
	long := strings.Repeat("x", journal.MaxLabel+1)
	in := `{"entries": [{"uuid": "u", "creationDate": "2024-05-01T10:00:00Z", "text": "hi", "tags": ["ok", "` + long + `"]}]}`
	entries, err := dayOneJSON(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if e := entries[0]; !reflect.DeepEqual(e.Tags, []string{"Journal", "ok"}) || !strings.Contains(e.Body, long) {
		t.Fatalf("tags %v body %q", e.Tags, e.Body)
	}
}

// An entry that cannot be read, or has no words, is named with the reason, and the others
// are kept. Before, one bad entry refused the whole file and empty ones vanished unsaid.
func TestSkippedEntriesAreNamedAndTheRestKept(t *testing.T) {
	good := `{"uuid": "G", "creationDate": "2024-05-01T10:00:00Z", "text": "kept"}`
	cases := []struct {
		name, bad, where, why string
	}{
		{"wrong type", `{"tags": "x", "creationDate": "2024-05-01T10:00:00Z"}`, "entry 1 in Journal", "cannot read"},
		{"bad date", `{"creationDate": "yesterday", "text": "x"}`, "entry 1 in Journal", "cannot read the date when it was written"},
		{"missing date", `{"text": "x"}`, "entry 1 in Journal", "cannot read the date"},
		{"bad modified", `{"creationDate": "2024-05-01T10:00:00Z", "modifiedDate": "soon", "text": "x"}`, "entry 1 in Journal", "last changed"},
		{"old date", `{"creationDate": "1850-05-01T10:00:00Z", "text": "x"}`, "entry 1 in Journal", "outside the years"},
		{"no words", `{"creationDate": "2024-05-03T10:00:00Z", "text": "  \n"}`, "entry of 3 May 2024 in Journal", "It has no words."},
		{"photos only", `{"creationDate": "2024-05-03T10:00:00Z", "text": "![](dayone-moment://ABC)", "photos": [{"identifier": "ABC"}]}`, "entry of 3 May 2024 in Journal", "only photos"},
		{"not an object", `42`, "entry 1 in Journal", "cannot read"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			exp, err := readAs(importer.DayOneFormat, "Journal.json", strings.NewReader(`{"entries": [`+c.bad+`, `+good+`]}`))
			if err != nil {
				t.Fatal(err)
			}
			if len(exp.Entries) != 1 || exp.Entries[0].Body != "kept" {
				t.Fatalf("the good entry was not kept: %+v", exp.Entries)
			}
			if len(exp.Skipped) != 1 || exp.Skipped[0].Where != c.where || !strings.Contains(exp.Skipped[0].Why, c.why) {
				t.Fatalf("skipped %+v, want %q because %q", exp.Skipped, c.where, c.why)
			}
		})
	}
	exp, err := readAs(importer.JRNLFormat, "journal.txt", strings.NewReader("[2024-05-01 10:00]\n\n[2024-05-02 11:00] words\n"))
	if err != nil || len(exp.Entries) != 1 || len(exp.Skipped) != 1 ||
		exp.Skipped[0] != (importer.Skipped{Where: "entry of 1 May 2024 at 10:00", Why: "It has no words."}) {
		t.Fatalf("jrnl empty entry: %+v %v", exp, err)
	}
}
