package strength

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

//go:generate go run ./genwords words.gz

// wordsGz holds zxcvbn's ranked word lists, written by genwords (which says where they come
// from and how they are packed).
//
//go:embed words.gz
var wordsGz []byte

// list names a ranked word list; feedback says different things for each.
type list uint8

const (
	appList list = iota // appWords
	passwordList
	wikipediaList
	filmList
	surnameList
	maleNameList
	femaleNameList
)

var listNames = map[string]list{
	"passwords": passwordList, "english_wikipedia": wikipediaList, "us_tv_and_film": filmList,
	"surnames": surnameList, "male_names": maleNameList, "female_names": femaleNameList,
}

// entry packs a word's list (top byte) and rank (the rest), so the table is one small map.
type entry uint32

func (e entry) list() list { return list(e >> 24) }
func (e entry) rank() int  { return int(e & 0xffffff) }

// ranked is every word of every list, lowercased, with its list and rank; longest is the
// longest word in runes, so matching never tries a longer stretch. Built once, on the first
// Measure: a person who never sets a passphrase never pays for it.
var ranked struct {
	once    sync.Once
	words   map[string]entry
	longest int
}

func loadWords() {
	ranked.once.Do(func() {
		words, longest, err := decodeWords(wordsGz)
		if err != nil {
			// The file is built into the binary and read by the tests: failing here means
			// the build itself is broken, like a regexp.MustCompile that cannot compile.
			panic("strength: the built-in word lists cannot be read: " + err.Error())
		}
		for _, a := range appWords {
			longest = max(longest, len(a))
		}
		ranked.words, ranked.longest = words, longest
	})
}

// decodeWords reads the format genwords writes.
func decodeWords(gz []byte) (map[string]entry, int, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, 0, err
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		return nil, 0, err
	}
	words := make(map[string]entry, 95000)
	longest := 0
	for len(text) > 0 {
		var l list
		var sorted []string
		l, sorted, text, err = decodeList(text)
		if err != nil {
			return nil, 0, err
		}
		if len(text) < len(sorted)+1 {
			return nil, 0, fmt.Errorf("list %d: rank groups cut short", l)
		}
		for k, rank := range groupRanks(text[:len(sorted)]) {
			words[sorted[k]] = entry(uint32(l)<<24 | uint32(rank))
			longest = max(longest, len(sorted[k]))
		}
		text = text[len(sorted)+1:]
	}
	return words, longest, nil
}

// decodeList reads one list's header and its sorted, prefix-shared words, and returns the
// text after them.
func decodeList(text []byte) (list, []string, []byte, error) {
	line, text, _ := bytes.Cut(text, []byte{'\n'})
	name, count, _ := strings.Cut(strings.TrimPrefix(string(line), "#"), " ")
	l, ok := listNames[name]
	n, err := strconv.Atoi(count)
	if !ok || err != nil || n <= 0 || len(text) < n {
		return 0, nil, nil, fmt.Errorf("bad list header %q", line)
	}
	shared, text := text[:n], text[n:]
	sorted := make([]string, 0, n)
	prev := []byte{}
	for _, keep := range shared {
		line, text, _ = bytes.Cut(text, []byte{'\n'})
		if int(keep) > len(prev) || int(keep)+len(line) == 0 {
			return 0, nil, nil, fmt.Errorf("list %s: malformed word %q", name, line)
		}
		prev = append(prev[:keep], line...)
		sorted = append(sorted, string(prev))
	}
	return l, sorted, text, nil
}

// groupRanks turns each word's rank group into a rank: the group's first, counting the
// words of every group before it.
func groupRanks(groups []byte) []int {
	var size [256]int
	for _, g := range groups {
		size[g]++
	}
	var first [256]int
	rank := 1
	for g := range size {
		first[g] = rank
		rank += size[g]
	}
	ranks := make([]int, len(groups))
	for k, g := range groups {
		ranks[k] = first[g]
	}
	return ranks
}

// lookup finds a lowercased word: the app's own words first, as the most common of all
// when withApp, then the ranked lists. It takes bytes so that looking up every stretch of a
// passphrase allocates nothing.
func lookup(w []byte, withApp bool) (entry, bool) {
	e, ok := ranked.words[string(w)]
	if withApp {
		for i, a := range appWords {
			if string(w) == a && (!ok || e.rank() >= i+1) {
				return entry(uint32(appList)<<24 | uint32(i+1)), true
			}
		}
	}
	return e, ok
}
