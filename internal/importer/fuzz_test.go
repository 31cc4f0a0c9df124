package importer_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/goldseam/goldseam/internal/importer"
)

// fuzzRead asserts what holds for any input: no panic, and either an export whose entries
// all pass Normalize with distinct IDs and that holds something (entries or named skips),
// or a refusal in words for a person.
func fuzzRead(t *testing.T, read func() (*importer.Export, error)) {
	exp, err := read()
	if err != nil {
		var fe *importer.FormatError
		if !errors.As(err, &fe) || fe.Reason == "" {
			t.Fatalf("a refusal without a reason for people: %v", err)
		}
		return
	}
	if len(exp.Entries) == 0 && len(exp.Skipped) == 0 {
		t.Fatal("no entries, nothing skipped and no error")
	}
	for _, s := range exp.Skipped {
		if s.Where == "" || s.Why == "" {
			t.Fatalf("a skipped entry not named or not explained: %+v", s)
		}
	}
	checkAll(t, exp.Entries)
}

func fuzzOne(format importer.Format, name string, data []byte) func() (*importer.Export, error) {
	return func() (*importer.Export, error) { return readAs(format, name, bytes.NewReader(data)) }
}

// FuzzJRNL feeds arbitrary text as a jrnl journal. Seeds: the fixture here, and more in
// testdata/fuzz/FuzzJRNL.
func FuzzJRNL(f *testing.F) {
	f.Add(fixture(f, "journal.txt"))
	f.Add([]byte("2024-05-01 18:30 *\n@a @b"))
	f.Add([]byte("[2020-08-29 11:11:00 AM] Title @C++\nbody @OS/2\n[13/02/2021 23:59] day first\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, fuzzOne(importer.JRNLFormat, "journal.txt", data)) })
}

// FuzzJRNLJSON feeds arbitrary bytes as jrnl's JSON export. Seeds in testdata/fuzz/FuzzJRNLJSON.
func FuzzJRNLJSON(f *testing.F) {
	f.Add([]byte(`{"tags":{"@a":1},"entries":[{"title":"T","body":"b @a","date":"2020-08-29","time":"11:11","tags":["@a"],"starred":true}]}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, fuzzOne(importer.JRNLFormat, "journal.json", data)) })
}

// FuzzDayOne feeds arbitrary bytes as a Day One Journal.json. Seeds: the fixture here, and
// more in testdata/fuzz/FuzzDayOne.
func FuzzDayOne(f *testing.F) {
	f.Add(fixture(f, "Journal.json"))
	f.Add([]byte(`{"entries":[{"creationDate":"2024-05-01T10:00:00+14:00","timeZone":"Pacific/Kiritimati","text":"#\n\\."}]}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, fuzzOne(importer.DayOneFormat, "Journal.json", data)) })
}

// FuzzOpenZip feeds arbitrary bytes as an export file: opened as Open would (a zip when it
// starts like one), then read as Day One's. Seeds in testdata/fuzz/FuzzOpenZip.
func FuzzOpenZip(f *testing.F) {
	f.Add(zipOf(f, [2]string{"Journal.json", string(fixture(f, "Journal.json"))}, [2]string{"photos/a.jpeg", "x"}))
	f.Add(zipOf(f, [2]string{"../x.json", "{}"}))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "export.zip")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		small := importer.Limits{File: 4 << 20, Total: 8 << 20, Files: 100, Ratio: 100, Depth: 4}
		fuzzRead(t, func() (*importer.Export, error) {
			files, err := importer.OpenWithin(p, small)
			if err != nil {
				return nil, err
			}
			return importer.DayOneFormat.Read(files)
		})
	})
}
