// Package strength owns Goldseam's one passphrase strength rule: a new passphrase needs at
// least 8 characters and a score of 3 of 4 from Goldseam's own estimate of how many guesses
// would find it. The estimate follows zxcvbn's approach (Dropbox's: find every word, keyboard
// walk, repeat, run, year and date in the passphrase, then the cheapest sequence of them that
// covers it) with zxcvbn's word lists, packed small (words.gz, written by genwords) and read
// on the first Measure. The window asks for it through api.Vault.RatePassphrase, the
// command line calls Measure, and api's checkNewPassphrase enforces it on every path that sets a
// passphrase, so no page and no command can take a weaker one. Every sentence a person reads
// about a passphrase is Goldseam's own (feedback.go).
package strength

import (
	"strings"
	"unicode/utf8"
)

const (
	// MinimumRunes is the fewest characters (not counting spaces at either end) Goldseam takes.
	MinimumRunes = 8
	// MinimumScore is the lowest score Goldseam takes: 3, what zxcvbn calls "safely
	// unguessable" (more than 10^8 guesses).
	MinimumScore = 3
	// measuredRunes bounds the work: the estimate looks at every stretch of the passphrase, and
	// whatever lies beyond this many characters cannot make a passphrase weaker.
	measuredRunes = 128
)

// appWords are words anyone would try first against a Goldseam vault; they count against a
// passphrase as the most common words of all (ranks 1 to 4), in lower case.
var appWords = []string{"goldseam", "gold", "seam", "trust"}

var labels = [...]string{"Very weak", "Weak", "Fair", "Strong", "Very strong"}

// Verdict is the rule's answer for one passphrase.
type Verdict struct {
	Score       int      // 0 (very weak) to 4 (very strong)
	Label       string   // a word for the meter
	Acceptable  bool     // whether Goldseam takes it as a new passphrase
	Warning     string   // what makes it weak, if anything
	Suggestions []string // what would make it stronger
	Refusal     string   // what Goldseam says when it will not take it; "" when acceptable
}

// Measure applies the rule to passphrase. It keeps nothing and logs nothing.
func Measure(passphrase string) Verdict {
	measured := []rune(passphrase)
	if len(measured) > measuredRunes {
		measured = measured[:measuredRunes]
	}
	if !utf8.ValidString(passphrase) {
		measured = nil // as zxcvbn: what cannot be read is rated very weak
	}
	e := estimate(measured, true)
	v := Verdict{Score: score(e.guesses), Label: labels[score(e.guesses)]}
	v.Warning, v.Suggestions = feedback(e, v.Score)
	long := utf8.RuneCountInString(strings.TrimSpace(passphrase)) >= MinimumRunes
	if !long {
		v.Warning = tooShort
	}
	v.Acceptable = long && v.Score >= MinimumScore
	if !v.Acceptable {
		v.Refusal = refusal(v)
	}
	return v
}
