// Package strength owns Goldseam's one passphrase strength rule: a new passphrase needs at
// least 8 characters and a zxcvbn score of 3 of 4 (github.com/trustelem/zxcvbn, a Go port of
// zxcvbn with its word lists). The window asks for it through api.Vault.RatePassphrase, the
// command line calls Measure, and api's checkNewPassphrase enforces it on every path that sets a
// passphrase, so no page and no command can take a weaker one. Every sentence a person reads
// about a passphrase is Goldseam's own (feedback.go).
package strength

import (
	"strings"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
)

const (
	// MinimumRunes is the fewest characters (not counting spaces at either end) Goldseam takes.
	MinimumRunes = 8
	// MinimumScore is the lowest zxcvbn score Goldseam takes: 3, "safely unguessable"
	// (at least 10^8 guesses by zxcvbn's estimate).
	MinimumScore = 3
	// measuredRunes bounds the work: zxcvbn looks at every stretch of the passphrase, and
	// whatever lies beyond this many characters cannot make a passphrase weaker.
	measuredRunes = 128
)

// appWords are words anyone would try first against a Goldseam vault; they count against a
// passphrase like the most common passwords do.
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
	measured := passphrase
	if utf8.RuneCountInString(measured) > measuredRunes {
		measured = string([]rune(measured)[:measuredRunes])
	}
	result := zxcvbn.PasswordStrength(measured, appWords)
	v := Verdict{Score: result.Score, Label: labels[result.Score]}
	v.Warning, v.Suggestions = feedback(result)
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
