package strength

import (
	"testing"

	"github.com/trustelem/zxcvbn"
)

// TestKnownCases: each passphrase is read as the pattern a person would name, and scored
// as zxcvbn scores it.
func TestKnownCases(t *testing.T) {
	cases := []struct {
		name, pass string
		kinds      []kind // the cheapest sequence, pattern by pattern
		score      int
	}{
		{"top password", "password", []kind{word}, 0},
		{"keyboard row", "xcvbnm,.", []kind{keys}, 1},
		{"keyboard zigzag, shifted", "!QAZ@WSX#EDC", []kind{keys, keys, keys}, 4},
		{"keypad walk", "896321", []kind{word}, 1}, // a common password too
		{"keypad walk, longer", "8963214", []kind{word, guessed}, 1},
		{"one letter repeated", "aaaaaaaaaa", []kind{repeat}, 0},
		{"a group repeated", "abcabcabcabc", []kind{repeat}, 0},
		{"a word repeated", "monkeymonkey", []kind{repeat}, 0},
		{"letters in order", "abcdefghij", []kind{run}, 0},
		{"digits backwards", "9876543210", []kind{run}, 0},
		{"every other letter", "acegikmo", []kind{run}, 0},
		{"two years", "19841985", []kind{year, year}, 1},
		{"a date", "1985-06-14", []kind{date}, 1},
		{"word and year", "qwerty1985", []kind{word, year}, 1},
		{"l33t of a common word", "p4$$w0rd", []kind{word}, 0},
		{"common word backwards", "drowssap", []kind{word}, 0},
		{"the app's name", "goldseam", []kind{word}, 0},
		{"the app's name in l33t", "G0ld$eam", []kind{word}, 0},
		{"the app's words together", "trustgold", []kind{word, word}, 1},
		{"four common words", "correcthorsebatterystaple", []kind{word, word, word, word}, 4},
		{"four common words, spaced", "correct horse battery staple", []kind{word, guessed, word, guessed, word}, 4},
		{"two common words", "horse staple", []kind{word, guessed, word}, 3},
		{"random twelve", "q7Vx2mPz9LkR", []kind{guessed}, 4},
		{"random eight", "x8#Lq2!v", []kind{guessed}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := estimate([]rune(c.pass), true)
			var kinds []kind
			for _, m := range e.sequence {
				kinds = append(kinds, m.kind)
			}
			if !equalKinds(kinds, c.kinds) {
				t.Errorf("%q read as %v, want %v", c.pass, kinds, c.kinds)
			}
			if got := score(e.guesses); got != c.score {
				t.Errorf("%q scored %d (%.3g guesses), want %d", c.pass, got, e.guesses, c.score)
			}
			if zx := zxcvbn.PasswordStrength(c.pass, appWords).Score; zx != c.score {
				t.Errorf("%q: zxcvbn scores %d, the case says %d", c.pass, zx, c.score)
			}
		})
	}
}

func equalKinds(a, b []kind) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// TestKeyboardFigures: the layouts, built from their rows, have the key counts and average
// neighbours zxcvbn's adjacency graphs have, so keyboard walks cost what zxcvbn says.
func TestKeyboardFigures(t *testing.T) {
	for name, b := range map[string]*board{"qwerty": boards[0], "dvorak": boards[1], "keypad": boards[2], "mac keypad": boards[3]} {
		want := map[string][2]float64{"qwerty": {94, 4.595744680851064}, "dvorak": {94, 4.595744680851064}, "keypad": {15, 5.066666666666666}, "mac keypad": {16, 5.25}}[name]
		if b.keys != want[0] || b.degree < want[1]-1e-9 || b.degree > want[1]+1e-9 {
			t.Errorf("%s: %v keys, %v neighbours on average; zxcvbn has %v", name, b.keys, b.degree, want)
		}
	}
}

// TestWordListsDecode: every list is there, ranks start at 1 and the app's words come first.
func TestWordListsDecode(t *testing.T) {
	loadWords()
	for w, want := range map[string]struct {
		l    list
		rank int
	}{"123456": {passwordList, 1}, "password": {passwordList, 2}, "the": {wikipediaList, 1}, "you": {filmList, 1},
		"smith": {surnameList, 1}, "james": {maleNameList, 1}, "mary": {femaleNameList, 1}} {
		e, ok := lookup([]byte(w), false)
		if !ok || e.list() != want.l || e.rank() != want.rank {
			t.Errorf("%q: found %v in list %d at rank %d, want list %d rank %d", w, ok, e.list(), e.rank(), want.l, want.rank)
		}
	}
	if e, ok := lookup([]byte("goldseam"), true); !ok || e.list() != appList || e.rank() != 1 {
		t.Errorf("goldseam: %v %d %d", ok, e.list(), e.rank())
	}
	if n := len(ranked.words); n < 90000 {
		t.Errorf("only %d words decoded", n)
	}
}
