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
// The file is gzip'd text: a "#name" line opens each list, then its words in rank order,
// grouped. A group ends with an empty line, and every word in it counts as the rank of the
// group's first word. The top 100 of each list stay one word per group (the feedback says
// "one of the 10 / 100 most used"); beyond, a group spans ranks [r, 1.25r), so a word's rank
// is read at most a fifth low, which can only make the estimate more cautious. Inside a
// group the words are sorted and each line starts with one digit, how many leading bytes
// (up to 9) it shares with the word before it, then the rest of the word: sorted neighbours
// share prefixes, and this is what makes the lists about a fifth smaller than plain ranked
// text. Nothing else is dropped: zxcvbn already leaves out words rarer than guessing them
// character by character.
package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"sort"

	"github.com/trustelem/zxcvbn/frequency"
)

// lists are written in this order; the reader looks each up by name.
var lists = []string{"passwords", "english_wikipedia", "us_tv_and_film", "surnames", "male_names", "female_names"}

const (
	exactRanks = 100  // ranks up to this stay exact
	groupRatio = 1.25 // beyond, a group spans ranks [r, r*groupRatio)
	maxShared  = 9    // a shared prefix is one digit
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
		fmt.Fprintf(&text, "#%s\n", name)
		writeGroups(&text, words)
	}
	return &text, nil
}

// writeGroups writes words (rank order, most frequent first) as groups of sorted,
// prefix-shared lines.
func writeGroups(text *bytes.Buffer, words []string) {
	for start := 0; start < len(words); {
		end := start + 1
		if start >= exactRanks {
			end = min(int(float64(start+1)*groupRatio), len(words))
			end = max(end, start+1)
		}
		group := append([]string(nil), words[start:end]...)
		sort.Strings(group)
		prev := ""
		for _, w := range group {
			n := shared(prev, w)
			text.WriteByte(byte('0' + n))
			text.WriteString(w[n:])
			text.WriteByte('\n')
			prev = w
		}
		text.WriteByte('\n')
		start = end
	}
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
