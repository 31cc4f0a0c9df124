package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"testing"
)

// TestTheCommittedListsAreWhatGenwordsWrites: words.gz holds exactly what this program
// makes from the zxcvbn module go.mod names, so the data's origin can be checked by anyone
// (compared after gunzip: gzip's bytes may differ between Go versions).
func TestTheCommittedListsAreWhatGenwordsWrites(t *testing.T) {
	want, err := listsText()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../words.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("words.gz (%d bytes unpacked) differs from what genwords writes (%d): run go generate ./internal/strength/", len(got), want.Len())
	}
}
