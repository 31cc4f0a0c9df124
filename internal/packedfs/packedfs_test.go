package packedfs_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/goldseam/goldseam/internal/packedfs"
)

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestFilesReadAsTheyWereBeforePacking: through Unpacked, a packed file reads, stats and
// seeks as the plain file; directories list and Sub works as the asset server uses them;
// an empty file stays empty; a file that is not gzip fails to open rather than serving noise.
func TestFilesReadAsTheyWereBeforePacking(t *testing.T) {
	page := "<!doctype html><title>Goldseam</title>"
	packed := fstest.MapFS{
		"dist/index.html":        {Data: gz(t, page)},
		"dist/assets/app.js":     {Data: gz(t, "console.log(1)")},
		"dist/.gitkeep":          {Data: nil},
		"dist/assets/broken.css": {Data: []byte("body{}")},
	}
	sub, err := fs.Sub(packedfs.Unpacked(packed), "dist")
	if err != nil {
		t.Fatal(err)
	}
	f, err := sub.Open("index.html")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	got, _ := io.ReadAll(f)
	if string(got) != page || info.Size() != int64(len(page)) || info.Name() != "index.html" {
		t.Fatalf("read %q, size %d, name %q", got, info.Size(), info.Name())
	}
	if _, err := f.(io.Seeker).Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	if again, _ := io.ReadAll(f); string(again) != page {
		t.Fatalf("after seeking back: %q", again)
	}
	if js, err := fs.ReadFile(sub, "assets/app.js"); err != nil || string(js) != "console.log(1)" {
		t.Fatalf("assets/app.js: %q %v", js, err)
	}
	if keep, err := fs.ReadFile(sub, ".gitkeep"); err != nil || len(keep) != 0 {
		t.Fatalf(".gitkeep: %q %v", keep, err)
	}
	if entries, err := fs.ReadDir(sub, "assets"); err != nil || len(entries) != 2 {
		t.Fatalf("assets lists %v %v", entries, err)
	}
	if _, err := sub.Open("assets/broken.css"); err == nil {
		t.Fatal("a file that is not gzip opened")
	}
}
