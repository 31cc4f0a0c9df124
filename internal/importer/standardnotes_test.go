package importer_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/importer"
)

func TestStandardNotesFixture(t *testing.T) {
	exp := readTwice(t, format(t, "standardnotes"), folderFiles(t, "standardnotes"), []full{
		{"2021-09-14", "After the counsellor", "We agreed on one honest talk a week.\n\n- no phones\n- no blame", 0, []string{}, []string{"journal", "therapy"}},
		// A Super note's editor JSON is read for its words.
		{"2023-02-01", "Café 日記", "## A morning\n\nCrème brûlée and 信頼\n\n- walk\n- call mum", 0, []string{}, []string{"journal"}},
	}, []importer.Skipped{
		{Where: "the note “Old shopping list”", Why: "It is in Standard Notes' trash."},
		{Where: "the note “Passwords”", Why: "It is protected in Standard Notes; remove its protection there and make the backup again to bring it."},
		{Where: "the note created 7 July 2022", Why: "It has no words."},
		{Where: "an untitled note", Why: "Its creation date cannot be read as a day between 1900 and 2200."},
	})
	if got := strings.Join(exp.Journals, ","); got != "journal,therapy" {
		t.Errorf("journals %q", got)
	}
}

func TestStandardNotesEncrypted(t *testing.T) {
	sn := format(t, "standardnotes")
	refused(t, sn, one("Standard Notes Backup and Import File.txt",
		`{"version":"004","keyParams":{"identifier":"a@b.c","version":"004"},"items":[{"uuid":"1","content_type":"Note","created_at":"2021-01-01T00:00:00Z","content":"004:abc:def"}]}`),
		"This Standard Notes backup is encrypted")
	// A backup where some notes are still encrypted imports the others and counts the rest.
	exp, err := sn.Read(one("backup.txt",
		`{"items":[{"uuid":"1","content_type":"Note","created_at":"2021-01-01T00:00:00Z","content":"004:abc"},{"uuid":"2","content_type":"Note","created_at":"2021-01-02T00:00:00Z","content":{"title":"plain","text":"words"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Entries) != 1 || len(exp.Skipped) != 1 || exp.Skipped[0].Where != "1 note" {
		t.Fatalf("got %+v", exp)
	}
}

func TestStandardNotesRefuses(t *testing.T) {
	sn := format(t, "standardnotes")
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	for name, c := range map[string]struct {
		files importer.Files
		says  string
	}{
		"not json":  {one("backup.txt", "hello"), "does not look like a Standard Notes backup"},
		"no items":  {one("backup.json", `{"notes":[]}`), "does not look like a Standard Notes backup"},
		"deep":      {one("backup.json", `{"items":`+deep+`}`), "does not look like a Standard Notes backup"},
		"no files":  {importer.FilesOf(nil), "does not look like a Standard Notes backup"},
		"only tags": {one("backup.json", `{"items":[{"uuid":"t","content_type":"Tag","content":{"title":"x"}}]}`), "no journal entries"},
		// Words nested deeper than any editor writes are not read.
		"deep super": {one("b.json", superNote(strings.Repeat(`{"children":[`, 1000)+`{"text":"deep"}`+strings.Repeat(`]}`, 1000))), leftOut + "It has no words."},
	} {
		t.Run(name, func(t *testing.T) { refused(t, sn, c.files, c.says) })
	}
}

// FuzzStandardNotes feeds arbitrary bytes as a Standard Notes backup. Seeds: the fixture
// here, and more in testdata/fuzz/FuzzStandardNotes.
func FuzzStandardNotes(f *testing.F) {
	f.Add(fixture(f, "standardnotes/Standard Notes Backup and Import File.txt"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzExport(t, format(t, "standardnotes"), importer.FilesOf(map[string][]byte{"backup.txt": data}))
	})
}

// superNote is a backup holding one Super note whose editor tree has the given root.
func superNote(root string) string {
	text, _ := json.Marshal(`{"root":` + root + `}`)
	return `{"items":[{"uuid":"1","content_type":"Note","created_at":"2021-01-01T00:00:00Z","content":{"noteType":"super","text":` + string(text) + `}}]}`
}
