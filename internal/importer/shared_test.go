package importer_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/importer"
	"github.com/goldseam/goldseam/internal/journal"
)

// format finds an importer by its id, as the registry the screens use gives it.
func format(t testing.TB, id string) importer.Format {
	t.Helper()
	f, ok := importer.FormatByID(id)
	if !ok {
		t.Fatalf("no format %q", id)
	}
	return f
}

// folderFiles reads a fixture folder under testdata as the Files of one export.
func folderFiles(t testing.TB, dir string) importer.Files {
	t.Helper()
	contents := map[string][]byte{}
	root := filepath.Join("testdata", dir)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		contents[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return importer.FilesOf(contents)
}

// full is what a test checks of an entry from the new importers: everything but times.
type full struct {
	Date, Title, Body string
	Mood              int
	Feelings, Tags    []string
}

func fulls(entries []journal.Entry) []full {
	out := make([]full, len(entries))
	for i, e := range entries {
		out[i] = full{e.Date, e.Title, e.Body, e.Mood, append([]string{}, e.Feelings...), append([]string{}, e.Tags...)}
	}
	return out
}

// readTwice imports files with f twice, checks both give the same entries (so a second
// import adds nothing), that every entry would be saved as it is, and compares what it read.
func readTwice(t *testing.T, f importer.Format, files importer.Files, entries []full, skipped []importer.Skipped) *importer.Export {
	t.Helper()
	exp, err := f.Read(files)
	if err != nil {
		t.Fatal(err)
	}
	again, err := f.Read(files)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(exp, again) {
		t.Fatal("importing the same export twice gave different entries")
	}
	checkAll(t, exp.Entries)
	if g := fulls(exp.Entries); !reflect.DeepEqual(g, entries) {
		t.Errorf("entries:\n got %#v\nwant %#v", g, entries)
	}
	if !reflect.DeepEqual(exp.Skipped, skipped) {
		t.Errorf("skipped:\n got %#v\nwant %#v", exp.Skipped, skipped)
	}
	return exp
}

// refused checks f refuses the export with a FormatError whose sentence says says.
func refused(t *testing.T, f importer.Format, files importer.Files, says string) {
	t.Helper()
	exp, err := f.Read(files)
	if why, ok := strings.CutPrefix(says, leftOut); ok {
		// Read, but nothing in it can be kept: every entry comes back named with its reason,
		// so the preview can say why nothing will be added.
		if err != nil || len(exp.Entries) != 0 || len(exp.Skipped) == 0 || !strings.Contains(exp.Skipped[0].Why, why) {
			t.Fatalf("want nothing kept and each entry left out because %q, got %v (%+v)", why, err, exp)
		}
		return
	}
	var fe *importer.FormatError
	if !errors.As(err, &fe) {
		t.Fatalf("want a FormatError, got %v (%+v)", err, exp)
	}
	if !strings.Contains(fe.Error(), says) {
		t.Fatalf("got %q, want it to say %q", fe.Error(), says)
	}
	for _, internal := range []string{"json:", "xml:", "csv:", "parsing time", "strconv"} {
		if strings.Contains(fe.Error(), internal) {
			t.Errorf("message shows Go internals: %q", fe.Error())
		}
	}
}

// leftOut begins what refused expects of an export that is read but holds nothing to keep.
const leftOut = "left out: "

// one makes the Files of an export holding one file.
func one(name, content string) importer.Files {
	return importer.FilesOf(map[string][]byte{name: []byte(content)})
}

// fuzzExport asserts for one export what fuzzRead asserts for any input.
func fuzzExport(t *testing.T, f importer.Format, files importer.Files) {
	fuzzRead(t, func() (*importer.Export, error) { return f.Read(files) })
}
