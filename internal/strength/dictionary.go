package strength

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

func lowerRunes(rs []rune) []rune {
	lower := make([]rune, len(rs))
	for k, r := range rs {
		lower[k] = unicode.ToLower(r)
	}
	return lower
}

// scanWords calls found for every stretch of lower that is a ranked word, up to the longest
// word in the lists.
func scanWords(lower []rune, withApp bool, found func(i, j int, e entry)) {
	buf := make([]byte, 0, 4*ranked.longest)
	for i := range lower {
		buf = buf[:0]
		for j := i; j < len(lower) && j-i < ranked.longest; j++ {
			buf = utf8.AppendRune(buf, lower[j])
			if e, ok := lookup(buf, withApp); ok {
				found(i, j, e)
			}
		}
	}
}

func wordMatch(rs []rune, i, j int, e entry) *match {
	return &match{kind: word, i: i, j: j, token: string(rs[i : j+1]), list: e.list(), rank: e.rank()}
}

// wordMatches is every ranked word in the passphrase, in any case.
func wordMatches(rs, lower []rune, withApp bool) []*match {
	var ms []*match
	scanWords(lower, withApp, func(i, j int, e entry) {
		ms = append(ms, wordMatch(rs, i, j, e))
	})
	return ms
}

// reversedMatches is every ranked word spelt backwards.
func reversedMatches(rs, lower []rune, withApp bool) []*match {
	back := slices.Clone(lower)
	slices.Reverse(back)
	n := len(rs)
	var ms []*match
	scanWords(back, withApp, func(i, j int, e entry) {
		m := wordMatch(rs, n-1-j, n-1-i, e)
		m.reversed = true
		ms = append(ms, m)
	})
	return ms
}

// lookAlikes are the symbols people put for letters. Some stand for two letters ("1" for i
// or l); each reading is tried.
var lookAlikes = map[rune][]rune{
	'4': {'a'}, '@': {'a'}, '8': {'b'}, '(': {'c'}, '{': {'c'}, '[': {'c'}, '<': {'c'},
	'3': {'e'}, '6': {'g'}, '9': {'g'}, '1': {'i', 'l'}, '!': {'i'}, '|': {'i', 'l'},
	'7': {'l', 't'}, '0': {'o'}, '$': {'s'}, '5': {'s'}, '+': {'t'}, '%': {'x'}, '2': {'z'},
}

// readings is every way of reading the look-alikes in lower as letters: one map per
// combination of the two-letter ones present, nil when none is present.
func readings(lower []rune) []map[rune]rune {
	present := map[rune]bool{}
	for _, r := range lower {
		if _, ok := lookAlikes[r]; ok {
			present[r] = true
		}
	}
	if len(present) == 0 {
		return nil
	}
	out := []map[rune]rune{{}}
	for _, sym := range sortedRunes(present) {
		var next []map[rune]rune
		for _, letter := range lookAlikes[sym] {
			for _, base := range out {
				m := make(map[rune]rune, len(base)+1)
				for k, v := range base {
					m[k] = v
				}
				m[sym] = letter
				next = append(next, m)
			}
		}
		out = next
	}
	return out
}

func sortedRunes(set map[rune]bool) []rune {
	out := make([]rune, 0, len(set))
	for r := range set {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// l33tMatches is every ranked word written with look-alikes, like "p4ssw0rd": at least one
// look-alike inside, and two runes or more (a lone "1" or "4" would be "i" or "a").
func l33tMatches(rs, lower []rune, withApp bool) []*match {
	var ms []*match
	seen := map[[3]int]bool{}
	for _, reading := range readings(lower) {
		read := make([]rune, len(lower))
		for k, r := range lower {
			read[k] = r
			if letter, ok := reading[r]; ok {
				read[k] = letter
			}
		}
		scanWords(read, withApp, func(i, j int, e entry) {
			subs := map[rune]rune{}
			for _, r := range lower[i : j+1] {
				if letter, ok := reading[r]; ok {
					subs[r] = letter
				}
			}
			key := [3]int{i, j, int(e)}
			if i == j || len(subs) == 0 || seen[key] {
				return
			}
			seen[key] = true
			m := wordMatch(rs, i, j, e)
			m.subs = subs
			ms = append(ms, m)
		})
	}
	return ms
}
