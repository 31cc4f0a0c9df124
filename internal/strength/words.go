package strength

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
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
	words := make(map[string]entry, 95000)
	longest, rank, next, cur := 0, 0, 1, list(0)
	prev := []byte{}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		line := sc.Bytes()
		switch {
		case len(line) > 0 && line[0] == '#':
			l, ok := listNames[string(line[1:])]
			if !ok {
				return nil, 0, fmt.Errorf("unknown list %q", line[1:])
			}
			cur, rank, next, prev = l, 0, 1, prev[:0]
		case len(line) == 0: // a group ends: the next word opens a new rank
			rank, prev = 0, prev[:0]
		default:
			n := int(line[0] - '0')
			if cur == appList || n < 0 || n > len(prev) {
				return nil, 0, fmt.Errorf("malformed line %q", line)
			}
			prev = append(prev[:n], line[1:]...)
			if rank == 0 {
				rank = next
			}
			next++
			w := string(prev)
			if _, seen := words[w]; !seen {
				words[w] = entry(uint32(cur)<<24 | uint32(rank))
			}
			longest = max(longest, len(w))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, 0, err
	}
	return words, longest, zr.Close()
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
