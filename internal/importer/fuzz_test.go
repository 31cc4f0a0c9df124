package importer_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/goldseam/goldseam/internal/importer"
)

// fuzzParse asserts what holds for any input: no panic, and either entries that all pass
// Normalize with distinct IDs, or an error.
func fuzzParse(t *testing.T, parse parser, data []byte) {
	entries, err := parse(bytes.NewReader(data))
	if err != nil {
		var fe *importer.FormatError
		if !errors.As(err, &fe) || fe.Reason == "" {
			t.Fatalf("a refusal without a reason for people: %v", err)
		}
		return
	}
	if len(entries) == 0 {
		t.Fatal("no entries and no error")
	}
	checkAll(t, entries)
}

// FuzzJRNL feeds arbitrary text as a jrnl export. Seeds: the fixture here, and more in
// testdata/fuzz/FuzzJRNL.
func FuzzJRNL(f *testing.F) {
	f.Add(fixture(f, "journal.txt"))
	f.Add([]byte("2024-05-01 18:30 *\n@a @b"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, importer.JRNL, data) })
}

// FuzzDayOne feeds arbitrary bytes as a Day One Journal.json. Seeds: the fixture here, and
// more in testdata/fuzz/FuzzDayOne.
func FuzzDayOne(f *testing.F) {
	f.Add(fixture(f, "Journal.json"))
	f.Add([]byte(`{"entries":[{"creationDate":"2024-05-01T10:00:00+14:00","timeZone":"Pacific/Kiritimati","text":"#\n\\."}]}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, importer.DayOne, data) })
}
