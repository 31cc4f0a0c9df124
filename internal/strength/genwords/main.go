// Command genwords writes internal/strength/words.gz, the ranked word lists Goldseam's
// passphrase strength estimate looks words up in. Run it with `go generate
// ./internal/strength/` after changing what it keeps; the file is committed so a build needs
// neither this program nor its source.
//
// The lists come from zxcvbn by Dropbox (https://github.com/dropbox/zxcvbn, MIT licence,
// Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc.), as packaged in the Go module
// github.com/trustelem/zxcvbn (MIT licence, Copyright (c) 2018 Vincent Vanackere and
// Trustelem), read here from its frequency package so the data's origin is reproducible:
// common passwords, English Wikipedia words, US television and film words, US census
// surnames and first names, each ordered from most to least frequent. Both licences' notices
// are in internal/strength/words.LICENSE.
//
// The file is gzip'd. For each list: a "#name count" line; then count bytes, one per word
// in alphabetical order, saying how many leading bytes it shares with the word before
// (sorted neighbours share prefixes, which gzip cannot see in rank order); then the rest of
// each word, one a line; then count bytes, one per word, its rank group, and a newline. The
// top 100 of each list are a group each (the feedback says "one of the 10 / 100 most
// used"); beyond, a group spans ranks [r, 1.25r), and every word in it counts as rank r: read
// at most a fifth low, which can only make the estimate more cautious. Keeping the three
// kinds of bytes apart lets gzip model each; together this makes the lists a third smaller
// than plain ranked text. Nothing else is dropped: zxcvbn already leaves out words rarer than
// guessing them character by character.
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"slices"

	"github.com/trustelem/zxcvbn/frequency"
)

// lists are written in this order; the reader looks each up by name.
var lists = []string{"passwords", "english_wikipedia", "us_tv_and_film", "surnames", "male_names", "female_names"}

const (
	exactRanks = 100  // ranks up to this stay exact
	groupRatio = 1.25 // beyond, a group spans ranks [r, r*groupRatio)
	maxShared  = 255  // a shared prefix is one byte
)

func main() {
	out := "words.gz"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	text, err := listsText()
	if err != nil {
		fail(err)
	}
	var packed bytes.Buffer
	zw, err := gzip.NewWriterLevel(&packed, gzip.BestCompression)
	if err != nil {
		fail(err)
	}
	if _, err := zw.Write(text.Bytes()); err != nil {
		fail(err)
	}
	if err := zw.Close(); err != nil {
		fail(err)
	}
	if err := os.WriteFile(out, packed.Bytes(), 0o644); err != nil {
		fail(err)
	}
	fmt.Printf("wrote %s: %d bytes (%d before gzip)\n", out, packed.Len(), text.Len())
}

// listsText is the whole file before gzip.
func listsText() (*bytes.Buffer, error) {
	var text bytes.Buffer
	for _, name := range lists {
		words, ok := frequency.FrequencyLists[name]
		if !ok {
			return nil, fmt.Errorf("zxcvbn has no list %q", name)
		}
		fmt.Fprintf(&text, "#%s %d\n", name, len(words))
		if err := writeList(&text, words); err != nil {
			return nil, err
		}
	}
	return &text, nil
}

// writeList writes words (rank order, most frequent first) sorted and prefix-shared, then
// their groups.
func writeList(text *bytes.Buffer, words []string) error {
	group := map[string]byte{}
	g := 0
	for start := 0; start < len(words); g++ {
		end := start + 1
		if start >= exactRanks {
			end = max(min(int(float64(start+1)*groupRatio), len(words)), start+1)
		}
		if g > 255 {
			return fmt.Errorf("more than 256 rank groups")
		}
		for _, w := range words[start:end] {
			group[w] = byte(g)
		}
		start = end
	}
	sorted := slices.Clone(words)
	slices.Sort(sorted)
	prev := ""
	for _, w := range sorted {
		text.WriteByte(byte(shared(prev, w)))
		prev = w
	}
	prev = ""
	for _, w := range sorted {
		text.WriteString(w[shared(prev, w):])
		text.WriteByte('\n')
		prev = w
	}
	for _, w := range sorted {
		text.WriteByte(group[w])
	}
	text.WriteByte('\n')
	return nil
}

// shared is how many leading bytes b shares with a, at most maxShared.
func shared(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && n < maxShared && a[n] == b[n] {
		n++
	}
	return n
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "genwords:", err)
	os.Exit(1)
}
