package strength

import "sort"

// kind says which pattern a stretch of a passphrase follows.
type kind uint8

const (
	guessed kind = iota // no pattern: each character guessed on its own
	word                // a ranked word, maybe reversed, capitalised or in l33t
	keys                // a walk over neighbouring keys
	repeat              // a stretch said again, like "abcabc"
	run                 // a constant step, like "abc", "1357" or "zyx"
	year                // a recent year on its own
	date                // a day, a month and a year
)

// match is one way of reading the runes i..j (inclusive) of a passphrase.
type match struct {
	kind    kind
	i, j    int
	token   string
	guesses float64 // filled in by the search, once

	// word
	list     list
	rank     int
	reversed bool
	subs     map[rune]rune // l33t: look-alike → the letter it stands for, those in token

	// keys
	turns, shifted int
	keypad         bool // counted with the keypad's figures, not the keyboard's

	// repeat
	base        string
	baseGuesses float64
	times       int

	// run
	descending bool

	// year, date
	yearValue int
	separator bool
}

func (m *match) runes() int { return m.j - m.i + 1 }

// findMatches is every pattern found anywhere in rs, ordered by where it starts and ends.
// withApp counts appWords as words; a repeated stretch is read without them, as zxcvbn does.
func findMatches(rs []rune, withApp bool) []*match {
	lower := lowerRunes(rs)
	var ms []*match
	ms = append(ms, wordMatches(rs, lower, withApp)...)
	ms = append(ms, reversedMatches(rs, lower, withApp)...)
	ms = append(ms, l33tMatches(rs, lower, withApp)...)
	ms = append(ms, keyMatches(rs)...)
	ms = append(ms, repeatMatches(rs)...)
	ms = append(ms, runMatches(rs)...)
	ms = append(ms, yearMatches(rs)...)
	ms = append(ms, dateMatches(rs)...)
	sort.SliceStable(ms, func(a, b int) bool {
		if ms[a].i != ms[b].i {
			return ms[a].i < ms[b].i
		}
		return ms[a].j < ms[b].j
	})
	return ms
}
