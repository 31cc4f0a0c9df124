package importer_test

import (
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/importer"
)

func TestAppleJournalFixture(t *testing.T) {
	exp := readTwice(t, format(t, "applejournal"), folderFiles(t, "applejournal"), []full{
		// A header in another language: the day comes from the page's name.
		{"2022-01-01", "", "Nouvelle année, feux d'artifice.", 0, []string{}, []string{}},
		{"2023-12-24", "", "Réveillon: crème brûlée, 信頼 takes time. 😊\n\n“Be gentle with yourself.”", 0, []string{}, []string{}},
		{"2024-03-05", "Walk by the river", "What made you smile today?\n\nSam and I walked for an hour. No one raised their voice.\n\n- tea\n- rain", 0, []string{}, []string{}},
	}, []importer.Skipped{
		{Where: "entry of 1 June 2021", Why: "It has no words."},
		{Where: "AppleJournalEntries/Entries/Untitled.html", Why: "Goldseam could not read the day this page is about from its header or its name."},
	})
	for _, e := range exp.Entries {
		for _, never := range []string{"Secret Lane", "IMG_0042", "heic", "evil", "font"} {
			if strings.Contains(e.Body+e.Title, never) {
				t.Errorf("%q leaked into %q", never, e.Body)
			}
		}
	}
}

// The zip holds AppleJournalEntries/Entries/...; the folder a person picks after unzipping may
// be AppleJournalEntries itself. Both must give the same ids, or a second import would add all.
func TestAppleJournalZipAndFolderSameIDs(t *testing.T) {
	page := []byte("<div class=pageHeader>Monday 1 January 2024</div><p>words</p>")
	aj := format(t, "applejournal")
	zipped, err := aj.Read(importer.FilesOf(map[string][]byte{"AppleJournalEntries/Entries/2024-01-01.html": page}))
	if err != nil {
		t.Fatal(err)
	}
	folder, err := aj.Read(importer.FilesOf(map[string][]byte{"Entries/2024-01-01.html": page}))
	if err != nil {
		t.Fatal(err)
	}
	if zipped.Entries[0].ID != folder.Entries[0].ID {
		t.Fatal("the zip and its folder give different ids")
	}
}

func TestAppleJournalRefuses(t *testing.T) {
	aj := format(t, "applejournal")
	refused(t, aj, one("index.html", "<html></html>"), "no Entries folder")
	refused(t, aj, one("Entries/2024-01-01.html", "<div class=pageHeader>Monday 1 January 2024</div>"), leftOut+"It has no words.")
	// Deep nesting costs nothing: the page is read one tag at a time.
	deep := "<div class=pageHeader>Monday 1 January 2024</div>" + strings.Repeat("<div><b>", 100000) + "deep words"
	exp, err := aj.Read(one("Entries/x.html", deep))
	if err != nil || len(exp.Entries) != 1 || !strings.Contains(exp.Entries[0].Body, "deep words") {
		t.Fatalf("got %v", err)
	}
}

// FuzzAppleJournal feeds arbitrary bytes as one Apple Journal page. Seeds: a fixture page here,
// and more in testdata/fuzz/FuzzAppleJournal.
func FuzzAppleJournal(f *testing.F) {
	f.Add(fixture(f, "applejournal/AppleJournalEntries/Entries/2024-03-05.html"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzExport(t, format(t, "applejournal"), importer.FilesOf(map[string][]byte{"Entries/2024-03-05.html": data, "Entries/page.html": data}))
	})
}
