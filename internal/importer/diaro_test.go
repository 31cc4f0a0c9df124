package importer_test

import (
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/importer"
)

func TestDiaroFixture(t *testing.T) {
	exp := readTwice(t, format(t, "diaro"), folderFiles(t, "diaro"), []full{
		// 2017-02-06 10:00 UTC, in +01:00; the folder and the tags by name, the mood as a feeling.
		{"2017-02-06", "First honest talk", "We sat in the kitchen until late.\nHe said sorry without a \"but\".",
			0, []string{"Calm"}, []string{"Healing", "therapy", "Sam"}},
		// 2019-07-31 22:00 UTC is still the 31st in -07:00.
		{"2019-07-31", "Café à Lisboa & 信頼", "Pastéis de nata. <script> stays words.", 0, []string{}, []string{"Travel ✈", "family", "unknown-tag"}},
		{"2023-11-14", "", "No title, no folder.", 0, []string{}, []string{}},
	}, []importer.Skipped{
		{Where: "entry of 1 January 2021", Why: "It has no words."},
		{Where: "the entry “Lost day”", Why: "Its date cannot be read as a day between 1900 and 2200."},
	})
	if got := strings.Join(exp.Journals, ","); got != "Healing,Travel ✈" {
		t.Errorf("journals %q", got)
	}
	for _, e := range exp.Entries {
		for _, never := range []string{"Secret Lane", "51.5", "rain", "photo_"} {
			if strings.Contains(e.Body, never) {
				t.Errorf("%q (a place, the weather or a photo) leaked into %q", never, e.Body)
			}
		}
	}
}

func TestDiaroRefuses(t *testing.T) {
	diaro := format(t, "diaro")
	laughs := `<?xml version="1.0"?><!DOCTYPE data [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>` +
		`<data><table name="diaro_entries"><r><uid>1</uid><date>1486375200000</date><text>&b;</text></r></table></data>`
	external := `<?xml version="1.0"?><!DOCTYPE data [<!ENTITY x SYSTEM "file:///etc/passwd">]>` +
		`<data><table name="diaro_entries"><r><uid>1</uid><date>1486375200000</date><text>&x;</text></r></table></data>`
	for name, c := range map[string]struct {
		files importer.Files
		says  string
	}{
		"no xml":          {one("notes.txt", "x"), "there is no DiaroBackup.xml"},
		"not xml":         {one("DiaroBackup.xml", "{\"entries\":[]}"), "does not look like a Diaro backup"},
		"other xml":       {one("DiaroBackup.xml", "<rss><channel/></rss>"), "does not look like a Diaro backup"},
		"no entries":      {one("DiaroBackup.xml", "<data><table name=\"diaro_tags\"/></data>"), "no table of entries"},
		"deep":            {one("DiaroBackup.xml", "<data>"+strings.Repeat("<x>", 100000)+strings.Repeat("</x>", 100000)+"</data>"), "nested far deeper"},
		"entity laughs":   {one("DiaroBackup.xml", laughs), "cannot be read."},
		"external entity": {one("DiaroBackup.xml", external), "cannot be read."},
		"only empty":      {one("DiaroBackup.xml", "<data><table name=\"diaro_entries\"><r><uid>1</uid><date>1486375200000</date></r></table></data>"), leftOut + "It has no words."},
	} {
		t.Run(name, func(t *testing.T) { refused(t, diaro, c.files, c.says) })
	}
}

// FuzzDiaro feeds arbitrary bytes as DiaroBackup.xml. Seeds: the fixture here, and more in
// testdata/fuzz/FuzzDiaro.
func FuzzDiaro(f *testing.F) {
	f.Add(fixture(f, "diaro/DiaroBackup.xml"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzExport(t, format(t, "diaro"), importer.FilesOf(map[string][]byte{"DiaroBackup.xml": data}))
	})
}
