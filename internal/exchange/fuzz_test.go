package exchange

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzParseFile takes arbitrary bytes apart as a change file, as a damaged disk or someone
// who can write the exchange folder would present them: no panic, every refusal is one of
// the sentences a person is shown, and whatever parses is the one encoding of its parts
// (writing the parts out again gives the same bytes), so no two byte strings are one file.
// testdata/fuzz/FuzzParseFile holds the committed seeds: a real file of two records, its
// header alone and pieces of it.
func FuzzParseFile(f *testing.F) {
	f.Add([]byte(magic + "\x01"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := parseFile(data)
		if err != nil {
			if !errors.Is(err, errFormat) && !errors.Is(err, errNewer) && !errors.Is(err, errLarge) {
				t.Fatalf("refused without a reason for people: %v", err)
			}
			return
		}
		again := append(encodeFile(encodeHeader(got.Header), got.nonce, got.sealed), got.sig...)
		if !bytes.Equal(again, data) {
			t.Fatalf("parsed, but writing it out again gives other bytes")
		}
		if h, err := parseHeader(encodeHeader(got.Header)); err != nil || h.Seq != got.Seq || len(h.Seen) != len(got.Seen) {
			t.Fatalf("the header read back is another: %+v, %v", h, err)
		}
	})
}
