package importer_test

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/importer"
	"github.com/goldseam/goldseam/internal/testkit/dayonegen"
)

var update = flag.Bool("update", false, "write the committed fixtures made by the test kit again")

// threeJournals is the Day One export the screens' tests import too (committed as
// testdata/DayOne-three-journals.zip): 65 entries in three journals.
func threeJournals() []byte {
	return dayonegen.Zip(20, dayonegen.Journal{Name: "Journal", Entries: 30},
		dayonegen.Journal{Name: "Journal 2", Entries: 15}, dayonegen.Journal{Name: "Travel", Entries: 20})
}

func TestTheCommittedDayOneZipIsTheGeneratedOne(t *testing.T) {
	const name = "testdata/DayOne-three-journals.zip"
	if *update {
		os.WriteFile(name, threeJournals(), 0o644)
	}
	if !bytes.Equal(fixture(t, "DayOne-three-journals.zip"), threeJournals()) {
		t.Fatalf("%s is not what dayonegen makes; run go test -run Committed -update", name)
	}
}

// Every journal in a Day One zip is imported, each entry tagged with its journal's name.
// Before, only the first JSON file in the zip was read: 30 of these 65 entries.
func TestDayOneZipOfSeveralJournals(t *testing.T) {
	files, err := importer.Open(writeTemp(t, "export.zip", threeJournals()))
	if err != nil {
		t.Fatal(err)
	}
	exp, err := importer.DayOneFormat.Read(files)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Entries) != 65 || len(exp.Skipped) != 0 {
		t.Fatalf("%d entries, %d skipped; want 65 and none", len(exp.Entries), len(exp.Skipped))
	}
	if !reflect.DeepEqual(exp.Journals, []string{"Journal", "Journal 2", "Travel"}) {
		t.Fatalf("journals %v", exp.Journals)
	}
	per := map[string]int{}
	for _, e := range exp.Entries {
		for _, j := range exp.Journals {
			if len(e.Tags) > 0 && slicesContain(e.Tags, j) {
				per[j]++
			}
		}
		if strings.Contains(e.Body, "dayone-moment") || strings.Contains(e.Body, "51.5") || strings.Contains(e.Body, "Cloudy") {
			t.Fatalf("a photo, place or the weather came in: %q", e.Body)
		}
	}
	if !reflect.DeepEqual(per, map[string]int{"Journal": 30, "Journal 2": 15, "Travel": 20}) {
		t.Fatalf("entries per journal tag %v", per)
	}
	checkAll(t, exp.Entries)
}

func slicesContain(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

func TestDayOneRefusesAZipWithNoJournal(t *testing.T) {
	files, err := importer.Open(writeTemp(t, "x.zip", zipOf(t, [2]string{"notes.json", `{"notes": []}`}, [2]string{"a.txt", "x"})))
	if err != nil {
		t.Fatal(err)
	}
	_, err = importer.DayOneFormat.Read(files)
	wantRefusal(t, err, "does not look like a Day One export")
}

// jrnl writes its stamps in the person's timeformat; every one of these was refused
// before ("does not look like a jrnl export") except the first.
func TestJRNLTimeFormats(t *testing.T) {
	cases := []struct {
		name, text string
		want       []time.Time
	}{
		{"%Y-%m-%d %H:%M", "[2020-08-29 11:11] a\n[2020-08-30 23:05] b\n", []time.Time{at(2020, 8, 29, 11, 11, 0), at(2020, 8, 30, 23, 5, 0)}},
		{"%F %r, jrnl 3.3's default", "[2020-08-29 11:11:00 AM] a\n[2020-08-29 12:30:15 PM] b\n[2020-08-30 12:05:00 AM] c\n",
			[]time.Time{at(2020, 8, 29, 11, 11, 0), at(2020, 8, 29, 12, 30, 15), at(2020, 8, 30, 0, 5, 0)}},
		{"%Y-%m-%d %H:%M:%S", "[2020-08-29 11:11:42] a\n", []time.Time{at(2020, 8, 29, 11, 11, 42)}},
		{"day first, settled by a day over 12", "[03/04/2021 10:00] a\n[13/04/2021 09:00] b\n", []time.Time{at(2021, 4, 3, 10, 0, 0), at(2021, 4, 13, 9, 0, 0)}},
		{"month first, settled by a day over 12", "[03/04/2021 10:00] a\n[04/13/2021 09:00] b\n", []time.Time{at(2021, 3, 4, 10, 0, 0), at(2021, 4, 13, 9, 0, 0)}},
		{"day first with dots and a 2-digit year", "[31.12.20 18:30] a\n", []time.Time{at(2020, 12, 31, 18, 30, 0)}},
		{"month names, %d %b %Y %I:%M %p", "[29 Aug 2020 09:15 PM] a\n", []time.Time{at(2020, 8, 29, 21, 15, 0)}},
		{"%c", "[Sat Aug 29 11:11:00 2020] a\n", []time.Time{at(2020, 8, 29, 11, 11, 0)}},
		{"ISO with T", "[2020-08-29T11:11:00] a\n", []time.Time{at(2020, 8, 29, 11, 11, 0)}},
		{"an older jrnl, no brackets", "2020-08-29 11:11 a\n", []time.Time{at(2020, 8, 29, 11, 11, 0)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			entries, err := jrnlText(strings.NewReader(c.text))
			if err != nil {
				t.Fatal(err)
			}
			var got []time.Time
			for _, e := range entries {
				got = append(got, e.CreatedAt)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("times %v, want %v", got, c.want)
			}
		})
	}
	_, err := jrnlText(strings.NewReader("[13/04/2021 09:00] a\n[04/13/2021 09:00] b\n"))
	wantRefusal(t, err, "written two ways")
	_, err = jrnlText(strings.NewReader("[2020-08-29 13:11:00 PM] a\n"))
	wantRefusal(t, err, "no hour 13 on a 12-hour clock")
}

func at(y int, m time.Month, d, h, min, s int) time.Time {
	return time.Date(y, m, d, h, min, s, 0, time.UTC)
}

// Tags are what jrnl counts: @C++ and @OS/2 stay whole. Before, they became c and os.
func TestJRNLTagsAsJRNLCountsThem(t *testing.T) {
	entries, err := jrnlText(strings.NewReader("[2020-09-26 10:00] About @os/2 and @C++\nand @c# and @work-life, (@not) a@b.c @done.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"os/2", "c++", "c#", "work-life", "done"}; !reflect.DeepEqual(entries[0].Tags, want) {
		t.Fatalf("tags %v, want %v", entries[0].Tags, want)
	}
}

func TestJRNLEncryptedIsRefusedWithTheWayOut(t *testing.T) {
	for name, data := range map[string]string{
		"jrnl 2 and later (Fernet)": "gAAAAABfSxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-_yyyyyyyyyyyyyyyyyyyyyyyyyyyyy==\n",
		"jrnl 1 (raw bytes)":        "\x8a\x01\xff\xfe\x00garbled",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := jrnlText(strings.NewReader(data))
			wantRefusal(t, err, "This journal is encrypted")
			wantRefusal(t, err, "jrnl --format text")
		})
	}
}

func TestJRNLJSONExport(t *testing.T) {
	doc := `{"tags": {"@therapy": 1, "@c++": 1}, "entries": [
		{"title": "Talked with Sam.", "body": "We sat on the porch. @therapy", "date": "2020-08-29", "time": "11:11", "tags": ["@therapy"], "starred": true},
		{"title": "", "body": "", "date": "2020-08-30", "time": "09:00", "tags": [], "starred": false},
		{"title": "Broken", "date": 5},
		{"title": "Code night @c++", "body": "", "date": "2020-08-31", "time": "21:45", "tags": ["@c++"], "starred": false}
	]}`
	exp, err := readAs(importer.JRNLFormat, "journal.json", strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	expect := []want{
		{"2020-08-29", "Talked with Sam.", "We sat on the porch. @therapy", []string{"starred", "therapy"}},
		{"2020-08-31", "Code night @c++", "", []string{"c++"}},
	}
	if g := got(exp.Entries); !reflect.DeepEqual(g, expect) {
		t.Fatalf("entries %#v", g)
	}
	wantSkipped := []importer.Skipped{
		{Where: "entry of 30 August 2020 at 09:00", Why: "It has no words."},
		{Where: "entry 3", Why: "It holds something jrnl does not write in an entry, so Goldseam cannot read it."},
	}
	if !reflect.DeepEqual(exp.Skipped, wantSkipped) {
		t.Fatalf("skipped %+v", exp.Skipped)
	}
	// The same journal as text and as JSON gives the same IDs: importing both adds it once.
	text, err := jrnlText(strings.NewReader("[2020-08-29 11:11] Talked with Sam. *\nWe sat on the porch. @therapy\n"))
	if err != nil || text[0].ID != exp.Entries[0].ID {
		t.Fatalf("text and JSON IDs differ: %v %v", text, err)
	}
}

func TestFormatsAreListedOnceEach(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range importer.Formats() {
		if f.ID == "" || f.Name == "" || f.Keeps == "" || f.Read == nil || seen[f.ID] {
			t.Fatalf("format %+v is incomplete or listed twice", f)
		}
		seen[f.ID] = true
		if g, ok := importer.FormatByID(f.ID); !ok || g.ID != f.ID {
			t.Fatalf("FormatByID(%q) = %v", f.ID, ok)
		}
	}
	if !seen["dayone"] || !seen["jrnl"] {
		t.Fatalf("formats %v", seen)
	}
}
