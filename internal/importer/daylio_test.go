package importer_test

import (
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/importer"
)

func TestDaylioFixture(t *testing.T) {
	exp := readTwice(t, format(t, "daylio"), folderFiles(t, "daylio"), []full{
		{"2024-03-05", "Dinner with Sam",
			"We talked about the night it all came out.\nNeither of us raised our voice.\n\n**One thing I still trust:** he listens.",
			4, []string{"walk", "friends", "gratitude"}, []string{}},
		{"2024-03-05", "", "", 3, []string{"bad sleep"}, []string{}},
		{"2023-12-24", "Réveillon", "Crème brûlée, 信頼 takes time. 😊", 5, []string{"family", "cooking", "🎄 tree"}, []string{}},
		// The script is dropped, the list kept as Markdown.
		{"2023-07-14", "", "Session was hard.\n\n- breathe\n- write it down", 1, []string{"therapy", "anxious"}, []string{}},
		// A renamed mood says nothing of its level: it is kept as a feeling, with no mood.
		{"2022-11-20", "", "Custom mood name from Daylio's mood editor.", 0, []string{"tired af", "reading"}, []string{}},
		{"2022-01-01", "New year", "Fireworks & hope.", 5, []string{"party", "friends"}, []string{}},
	}, []importer.Skipped{
		{Where: "line 4 of the export file", Why: "Its date cannot be read as a day between 1900 and 2200."},
		{Where: "entry of 2 January 2023 at 07:00", Why: "It has no words."},
		{Where: "line 9 of the export file", Why: "This line has fewer columns than Daylio writes, so it was cut short or changed by hand."},
	})
	if got := exp.Entries[3].CreatedAt.Format("2006-01-02 15:04"); got != "2023-07-14 21:30" {
		t.Errorf("the 9:30 pm entry was written at %s", got)
	}
	if exp.Entries[0].ID == exp.Entries[1].ID {
		t.Error("two entries of one day share an ID")
	}
}

// The older export had a year column and dates such as "18 May"; no note_title.
func TestDaylioOlderExport(t *testing.T) {
	readTwice(t, format(t, "daylio"), one("daylio_export.csv",
		"year,date,weekday,time,mood,activities,note\n"+
			"2018,18 May,Friday,11:54 pm,rad,\"clean | cook | music\",\"Went to a party\"\n"+
			"2018,May 17,Thursday,10:21 pm,meh,\"cook | stressed \",\"\"\n"),
		[]full{
			{"2018-05-18", "", "Went to a party", 5, []string{"clean", "cook", "music"}, []string{}},
			{"2018-05-17", "", "", 3, []string{"cook", "stressed"}, []string{}},
		}, nil)
}

// A note with its own line ends and an ampersand keeps both: line ends are not HTML's spaces.
func TestDaylioPlainNoteKeepsLines(t *testing.T) {
	readTwice(t, format(t, "daylio"), one("daylio_export.csv",
		"full_date,date,weekday,time,mood,activities,note_title,note\n2024-01-01,January 1,Monday,10:00,good,\"\",\"\",\"Tom & Jerry\nsecond line <b>bold</b>\"\n"),
		[]full{{"2024-01-01", "", "Tom & Jerry\nsecond line **bold**", 4, []string{}, []string{}}}, nil)
}

// Activities Goldseam cannot hold as feelings (more than 30, or longer than 40 characters)
// are kept as words at the end of the note.
func TestDaylioTooManyActivities(t *testing.T) {
	var acts []string
	for i := range 32 {
		acts = append(acts, "a"+strings.Repeat("x", i%3)+string(rune('A'+i)))
	}
	long := strings.Repeat("long", 11)
	acts = append(acts, long)
	exp, err := format(t, "daylio").Read(one("daylio_export.csv",
		"full_date,date,weekday,time,mood,activities,note_title,note\n2024-01-01,January 1,Monday,10:00,good,\""+strings.Join(acts, " | ")+"\",\"\",\"Busy.\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	e := exp.Entries[0]
	if len(e.Feelings) != 30 {
		t.Fatalf("%d feelings", len(e.Feelings))
	}
	if !strings.HasPrefix(e.Body, "Busy.\n\nDaylio feelings: ") || !strings.Contains(e.Body, long) || !strings.Contains(e.Body, acts[31]) {
		t.Fatalf("body %q does not keep what did not fit", e.Body)
	}
}

func TestDaylioRefuses(t *testing.T) {
	daylio := format(t, "daylio")
	for name, c := range map[string]struct {
		files importer.Files
		says  string
	}{
		"no csv":        {one("notes.txt", "hello"), "there is no daylio_export.csv"},
		"other csv":     {one("daylio_export.csv", "name,email\nSam,s@example.com\n"), "does not name Daylio's columns"},
		"binary":        {one("daylio_export.csv", "\x00\x01\x02PK\x03\x04"), "does not look like a Daylio export"},
		"only header":   {one("daylio_export.csv", "full_date,date,weekday,time,mood,activities,note_title,note\n"), "no journal entries"},
		"only empty":    {one("daylio_export.csv", "full_date,date,weekday,time,mood,activities,note_title,note\n2024-01-01,,,,,,,\n"), leftOut + "It has no words."},
		"two other csv": {importer.FilesOf(map[string][]byte{"a.csv": nil, "b.csv": nil}), "there is no daylio_export.csv"},
	} {
		t.Run(name, func(t *testing.T) { refused(t, daylio, c.files, c.says) })
	}
}

// A huge note and a huge activity list are read without error and kept whole, split into
// parts where one entry cannot hold them.
func TestDaylioHugeFields(t *testing.T) {
	note := strings.Repeat("word ", 300_000) // 1.5 MB: more than one entry holds
	exp, err := format(t, "daylio").Read(one("daylio_export.csv",
		"full_date,date,weekday,time,mood,activities,note_title,note\n2024-01-01,January 1,Monday,10:00,good,\"\",\""+strings.Repeat("T", 5000)+"\",\""+note+"\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	checkAll(t, exp.Entries)
	var whole strings.Builder
	for _, e := range exp.Entries {
		whole.WriteString(e.Body)
	}
	words := strings.Count(whole.String(), "word")
	if len(exp.Entries) < 2 || words != 300_000 {
		t.Fatalf("%d entries holding %d words, want the note split with every word kept", len(exp.Entries), words)
	}
}

// FuzzDaylio feeds arbitrary bytes as daylio_export.csv. Seeds: the fixture here, and more
// in testdata/fuzz/FuzzDaylio.
func FuzzDaylio(f *testing.F) {
	f.Add(fixture(f, "daylio/daylio_export.csv"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzExport(t, format(t, "daylio"), importer.FilesOf(map[string][]byte{"daylio_export.csv": data}))
	})
}
