package importer_test

import (
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/importer"
)

func TestJourneyFixture(t *testing.T) {
	exp := readTwice(t, format(t, "journey"), folderFiles(t, "journey"), []full{
		// 2017-02-06 10:00 UTC is 19:00 in Tokyo. The script, style, picture and the
		// javascript: link are dropped; the web link is kept as its address.
		{"2017-02-06", "", "First session with the counsellor.\n\nWe both said what we **needed**:\n\n1. honesty\n2. time\n\nclick a helpful page (https://example.org/help)",
			0, []string{}, []string{"starred", "therapy", "Sam"}},
		// 2019-08-01 00:00 UTC is still 31 July in Los Angeles.
		{"2019-07-31", "", "Café à Lisboa, **pastéis** de nata.\n\n信頼 takes time. 😊", 0, []string{}, []string{}},
	}, []importer.Skipped{
		{Where: "entry of 1 January 2021 at 01:00", Why: "It has no words."},
		{Where: "the file 1650000000000-deadbeefdeadbeef.json", Why: "Goldseam could not read it as a Journey entry."},
	})
	for _, e := range exp.Entries {
		for _, never := range []string{"Secret Lane", "51.5", "rain", "evil", "alert", ".jpg", "p{}"} {
			if strings.Contains(e.Body, never) {
				t.Errorf("%q leaked into %q", never, e.Body)
			}
		}
	}
	if got := exp.Entries[0].UpdatedAt.Format("2006-01-02 15:04"); got != "2017-02-07 10:00" {
		t.Errorf("last changed %s", got)
	}
}

func TestJourneyRefuses(t *testing.T) {
	journey := format(t, "journey")
	deep := `{"text":"x","date_journal":1486375200000,"tags":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`
	for name, c := range map[string]struct {
		files importer.Files
		says  string
	}{
		"no json":    {one("photo.jpg", "x"), "holds no Journey entries"},
		"other json": {one("Journal.json", `{"entries":[]}`), "holds no Journey entries"},
		"deep":       {one("a.json", deep), "holds no Journey entries"},
		"far future": {one("a.json", `{"text":"x","date_journal":99999999999999}`), leftOut + "Its date cannot be read"},
	} {
		t.Run(name, func(t *testing.T) { refused(t, journey, c.files, c.says) })
	}
}

// FuzzJourney feeds arbitrary bytes as one Journey entry file. Seeds: the fixture here, and
// more in testdata/fuzz/FuzzJourney.
func FuzzJourney(f *testing.F) {
	f.Add(fixture(f, "journey/1486375200000-3fa1b2c3d4e5f6a7.json"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzExport(t, format(t, "journey"), importer.FilesOf(map[string][]byte{"1.json": data, "2.json": data}))
	})
}
