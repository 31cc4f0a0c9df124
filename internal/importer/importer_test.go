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
	entries := importFixture(t, importer.JRNL, "journal.txt", expect)
	if at := time.Date(2024, 5, 2, 7, 5, 0, 0, time.UTC); !entries[1].CreatedAt.Equal(at) || !entries[1].UpdatedAt.Equal(at) {
		t.Errorf("times %v %v, want %v", entries[1].CreatedAt, entries[1].UpdatedAt, at)
	}
}

func TestDayOneFixture(t *testing.T) {
	expect := []want{
		// 23:30 UTC is already the next morning in Tokyo: the date must follow the zone.
		{"2024-05-02", "First session with Dr. Reyes",
			"We talked about well-being (mine, not just ours)!\n\n1\\. Breathe\n2\\. Write it down\n\nKeep *this* \\*literal\\* star.",
			[]string{"starred", "Therapy", "trust"}},
		// 02:15 UTC is still the evening before in Los Angeles.
		{"2024-05-01", "", "No heading on this one.\nJust a late night.", []string{}},
		{"2024-05-03", "Second level heading", "Body without a zone.", []string{"trust"}},
	}
	entries := importFixture(t, importer.DayOne, "Journal.json", expect)
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

type parser func(io.Reader) ([]journal.Entry, error)

func TestSameFileSameIDs(t *testing.T) {
	for name, c := range map[string]struct {
		parse parser
		file  string
	}{"jrnl": {importer.JRNL, "journal.txt"}, "dayone": {importer.DayOne, "Journal.json"}} {
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
	entries, err := importer.JRNL(strings.NewReader(text))
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
		{"jrnl empty", importer.JRNL, "", 0, "empty"},
		{"jrnl blank", importer.JRNL, "\n \n", 0, "empty"},
		{"jrnl wrong format", importer.JRNL, "Dear diary,\n[2024-05-01 18:30] x", 1, "line 1 should start with a date such as [2024-05-01 18:30]"},
		{"jrnl json given", importer.JRNL, "{\"entries\": []}", 1, "does not look like a jrnl export"},
		{"jrnl bad date", importer.JRNL, "[2024-05-01 18:30] ok\n[2024-02-30 10:00] no such day", 2, "Line 2 has a date Goldseam cannot read"},
		{"jrnl bad hour", importer.JRNL, "[2024-05-01 25:30] late", 1, "cannot read"},
		{"jrnl far future", importer.JRNL, "[2999-05-01 10:00] far", 1, "outside the years"},
		{"jrnl not utf8", importer.JRNL, "[2024-05-01 10:00] caf\xe9", 1, "not plain text"},
		{"jrnl only empty entries", importer.JRNL, "[2024-05-01 10:00]\n\n", 0, "no journal entries"},
		{"dayone empty", importer.DayOne, "", 0, "empty"},
		{"dayone truncated", importer.DayOne, "{\n\"entries\": [\n{\"uuid\": \"A\", \"text\": \"hel", 3, "cut short"},
		{"dayone not json", importer.DayOne, "[2024-05-01 18:30] jrnl", 1, "cannot be read"},
		{"dayone bad json mid", importer.DayOne, "{\n\"entries\": [\n}\n", 3, "line 3 cannot be read"},
		{"dayone top-level list", importer.DayOne, `[1, 2]`, 1, "does not look like a Day One export"},
		{"dayone wrong shape", importer.DayOne, `{"notes": []}`, 0, "does not look like a Day One export"},
		{"dayone wrong type", importer.DayOne, "{\"entries\": [{\n\"tags\": \"x\"}]}", 2, "does not look like a Day One export"},
		{"dayone bad date", importer.DayOne, `{"entries": [{"creationDate": "yesterday", "text": "x"}]}`, 0, "Entry 1 in this Day One file has a date Goldseam cannot read"},
		{"dayone missing date", importer.DayOne, `{"entries": [{"text": "x"}]}`, 0, "cannot read"},
		{"dayone bad modified", importer.DayOne, `{"entries": [{"creationDate": "2024-05-01T10:00:00Z", "modifiedDate": "soon", "text": "x"}]}`, 0, "last changed"},
		{"dayone old date", importer.DayOne, `{"entries": [{"creationDate": "1850-05-01T10:00:00Z", "text": "x"}]}`, 0, "outside the years"},
		{"dayone no entries", importer.DayOne, `{"metadata": {"version": "1.0"}, "entries": []}`, 0, "no journal entries"},
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

func TestTooLarge(t *testing.T) {
	for name, parse := range map[string]func(io.Reader, int64) ([]journal.Entry, error){
		"jrnl": importer.JRNLLimited, "dayone": importer.DayOneLimited,
	} {
		t.Run(name, func(t *testing.T) {
			// An endless stream: the limit must stop reading, not just check a length.
			_, err := parse(endless{}, 1<<20)
			var fe *importer.FormatError
			if !errors.As(err, &fe) || !strings.Contains(fe.Error(), "larger than 1 MB") {
				t.Fatalf("want a too-large FormatError, got %v", err)
			}
		})
	}
}

type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestReadErrorIsWrapped(t *testing.T) {
	_, err := importer.DayOne(failing{})
	var fe *importer.FormatError
	if err == nil || errors.As(err, &fe) || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("want a wrapped read error, got %v", err)
	}
	if _, err := importer.JRNL(nil); err == nil {
		t.Fatal("a nil reader was accepted")
	}
}

// A body over Goldseam's limit is split into numbered parts that together keep every byte.
func TestLongEntryIsSplitNotLost(t *testing.T) {
	line := strings.Repeat("ü", 99) + "\n"
	body := strings.Repeat(line, 2*journal.MaxBody/len(line)+10)
	title := strings.Repeat("t", journal.MaxTitle+50)
	entries, err := importer.JRNL(strings.NewReader("[2024-05-01 18:30] " + title + "\n" + body))
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
	entries, err := importer.DayOne(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if e := entries[0]; !reflect.DeepEqual(e.Tags, []string{"ok"}) || !strings.Contains(e.Body, long) {
		t.Fatalf("tags %v body %q", e.Tags, e.Body)
	}
}
