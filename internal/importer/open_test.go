package importer_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/importer"
)

// zipOf builds a zip in memory of the named contents, in the order given.
func zipOf(t testing.TB, files ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeTemp writes data to a file named name in a fresh folder and returns its path.
func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// wantRefusal asserts err is a FormatError for a person that says says.
func wantRefusal(t *testing.T, err error, says string) {
	t.Helper()
	var fe *importer.FormatError
	if !errors.As(err, &fe) || !strings.Contains(fe.Error(), says) {
		t.Fatalf("want a refusal saying %q, got %v", says, err)
	}
}

func TestOpenZipListsItsFilesLeavingOutMacOSExtras(t *testing.T) {
	p := writeTemp(t, "export.bin", zipOf(t,
		[2]string{"Journal.json", "{}"}, [2]string{"__MACOSX/._Journal.json", "x"},
		[2]string{"photos/._a.jpeg", "x"}, [2]string{"photos/a.jpeg", "jpeg"}, [2]string{"photos/", ""}))
	files, err := importer.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	if got := files.Names(); !reflect.DeepEqual(got, []string{"Journal.json", "photos/a.jpeg"}) {
		t.Fatalf("names %v", got)
	}
	if data, err := files.Read("Journal.json"); err != nil || string(data) != "{}" {
		t.Fatalf("read %q %v", data, err)
	}
}

func TestOpenOneFileAndAFolder(t *testing.T) {
	p := writeTemp(t, "journal.txt", []byte("[2024-05-01 10:00] hi"))
	files, err := importer.Open(p)
	if err != nil || !reflect.DeepEqual(files.Names(), []string{"journal.txt"}) {
		t.Fatalf("one file: %v %v", files, err)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "2024", "May"), 0o700)
	os.WriteFile(filepath.Join(dir, "2024", "May", "01.md"), []byte("hi"), 0o600)
	os.WriteFile(filepath.Join(dir, ".DS_Store"), []byte("x"), 0o600)
	outside := writeTemp(t, "secret.txt", []byte("not part of the export"))
	if err := os.Symlink(outside, filepath.Join(dir, "link.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	files, err = importer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := files.Names(); !reflect.DeepEqual(got, []string{"2024/May/01.md"}) {
		t.Fatalf("a link was followed or an extra kept: %v", got)
	}
	if _, err := files.Read("link.md"); err == nil {
		t.Fatal("a link outside the folder was read")
	}
}

func TestOpenRefusesHostileZips(t *testing.T) {
	small := importer.Limits{File: 1 << 20, Total: 3 << 20, Files: 50, Ratio: 100, Depth: 5}
	many := make([][2]string, 60)
	for i := range many {
		many[i] = [2]string{strings.Repeat("a", i+1) + ".json", "{}"}
	}
	deep := strings.Repeat("d/", 7) + "Journal.json"
	cases := []struct {
		name  string
		files [][2]string
		says  string
	}{
		{"climbs out", [][2]string{{"../../evil.json", "{}"}}, "points outside the zip"},
		{"climbs out midway", [][2]string{{"a/../../evil.json", "{}"}}, "points outside the zip"},
		{"absolute", [][2]string{{"/etc/passwd", "x"}}, "not a name a journal export uses"},
		{"drive letter", [][2]string{{"C:/Windows/evil.json", "x"}}, "not a name a journal export uses"},
		{"backslashes", [][2]string{{"..\\..\\evil.json", "x"}}, "not a name a journal export uses"},
		{"many files", many, "more than 50 files"},
		{"deep nesting", [][2]string{{deep, "{}"}}, "more than 5 deep"},
		{"twice the same name", [][2]string{{"Journal.json", "{}"}, {"Journal.json", "{}"}}, "two files named"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := importer.OpenWithin(writeTemp(t, "export.zip", zipOf(t, c.files...)), small)
			wantRefusal(t, err, c.says)
		})
	}
}

// A zip bomb: a small zip whose file inflates far past its size. It is stopped while
// reading, whatever the zip's header claims.
func TestOpenStopsAZipBomb(t *testing.T) {
	small := importer.Limits{File: 1 << 30, Total: 1 << 30, Files: 50, Ratio: 100, Depth: 5}
	bomb := zipOf(t, [2]string{"Journal.json", strings.Repeat("0", 64<<20)})
	if len(bomb) > 1<<20 {
		t.Fatalf("the bomb is %d bytes; it should be small", len(bomb))
	}
	files, err := importer.OpenWithin(writeTemp(t, "bomb.zip", bomb), small)
	if err != nil {
		t.Fatal(err)
	}
	_, err = files.Read("Journal.json")
	wantRefusal(t, err, "grows far larger than it was packed")

	// A header that lies about the size changes nothing: the limit is on what is read.
	lying := bytes.Clone(bomb)
	patchSizes(t, lying, 10)
	files, err = importer.OpenWithin(writeTemp(t, "liar.zip", lying), small)
	if err != nil {
		return // refusing the lying zip outright is as good
	}
	if _, err := files.Read("Journal.json"); err == nil {
		t.Fatal("a zip claiming a small size was read past its claim")
	}
}

// patchSizes overwrites the uncompressed size of every file, in local and central headers.
func patchSizes(t *testing.T, z []byte, size uint32) {
	t.Helper()
	le := func(at int) {
		z[at], z[at+1], z[at+2], z[at+3] = byte(size), byte(size>>8), byte(size>>16), byte(size>>24)
	}
	for i := 0; i+4 <= len(z); i++ {
		switch string(z[i : i+4]) {
		case "PK\x01\x02":
			le(i + 24)
		case "PK\x03\x04":
			le(i + 22)
		}
	}
}

func TestOpenLimitsFileSizeAndTotal(t *testing.T) {
	lim := importer.Limits{File: 1 << 20, Total: 3 << 20, Files: 50, Ratio: 1000, Depth: 5}
	big := strings.Repeat("ab", 600<<10) // 1.2 MB, compresses well below the ratio
	files, err := importer.OpenWithin(writeTemp(t, "e.zip", zipOf(t, [2]string{"a.json", big})), lim)
	if err != nil {
		t.Fatal(err)
	}
	_, err = files.Read("a.json")
	wantRefusal(t, err, "larger than 1 MB")

	part := strings.Repeat("ab", 400<<10) // 800 KB each; four are over the 3 MB total
	files, err = importer.OpenWithin(writeTemp(t, "e.zip", zipOf(t,
		[2]string{"a.json", part}, [2]string{"b.json", part}, [2]string{"c.json", part}, [2]string{"d.json", part})), lim)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range files.Names() {
		if _, err = files.Read(n); err != nil {
			break
		}
	}
	wantRefusal(t, err, "more than 3 MB")

	_, err = importer.OpenWithin(writeTemp(t, "big.txt", []byte(big)), lim)
	wantRefusal(t, err, "larger than 1 MB")
}

func TestOpenRefusesADamagedZip(t *testing.T) {
	z := zipOf(t, [2]string{"Journal.json", "{}"})
	_, err := importer.Open(writeTemp(t, "cut.zip", z[:len(z)-10]))
	wantRefusal(t, err, "damaged or cut short")
}
