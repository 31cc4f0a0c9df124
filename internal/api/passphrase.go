package api

import (
	"unicode/utf8"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/strength"
)

// maxPassphraseBytes is the longest passphrase Go accepts: far beyond anything typed, short
// enough that Argon2id and the strength estimate never see a pasted book.
const maxPassphraseBytes = 1024

// PassphraseRating is how strong a new passphrase is, for the meter under the field: the one
// rule (internal/strength) the bound methods enforce, in the words the window shows.
type PassphraseRating struct {
	Score       int      `json:"score"` // 0 (very weak) to 4 (very strong)
	Label       string   `json:"label"`
	Warning     string   `json:"warning"`
	Suggestions []string `json:"suggestions"`
	Acceptable  bool     `json:"acceptable"`
	Refusal     string   `json:"refusal"` // what the window says when it will not take it
}

// RatePassphrase rates passphrase as a new passphrase, as Create, ChangePassphrase,
// SetNewPassphrase and the backup passphrases will judge it. It needs no unlocked vault and
// takes no lock: it reads nothing and keeps nothing. It never logs, and makes no byte copy
// to clear; the string came from JavaScript and, like every Go string, cannot be cleared.
func (v *Vault) RatePassphrase(passphrase string) (PassphraseRating, error) {
	verdict := strength.Measure(passphrase)
	r := PassphraseRating{
		Score:       verdict.Score,
		Label:       verdict.Label,
		Warning:     verdict.Warning,
		Suggestions: verdict.Suggestions,
		Acceptable:  verdict.Acceptable,
		Refusal:     verdict.Refusal,
	}
	if r.Suggestions == nil {
		r.Suggestions = []string{}
	}
	if err := checkPassphraseBounds(passphrase); err != nil {
		r.Acceptable = false
		r.Warning = apperr.MessageOf(err)
		r.Refusal = r.Warning
	}
	return r, nil
}

// checkNewPassphrase is the rule for any new passphrase, the vault's or a backup's, whatever
// calls the method: a page that skips the meter is refused here in the meter's words.
func checkNewPassphrase(p string) error {
	if err := checkPassphraseBounds(p); err != nil {
		return err
	}
	if v := strength.Measure(p); !v.Acceptable {
		return apperr.New(apperr.Invalid, v.Refusal+" Please choose a stronger passphrase.")
	}
	return nil
}

// checkPassphraseBounds refuses what Go cannot take at all, however strong it looks.
func checkPassphraseBounds(p string) error {
	switch {
	case !utf8.ValidString(p):
		return apperr.New(apperr.Invalid, "That passphrase contains characters Goldseam cannot read. Please type it again.")
	case len(p) > maxPassphraseBytes:
		return apperr.New(apperr.Invalid, "That passphrase is longer than Goldseam can take. Please choose a shorter one.")
	}
	return nil
}

// withPassphraseBytes hands fn the byte copy of passphrase the vault needs and zeroes that
// copy when fn returns. The string itself came from JavaScript and cannot be cleared (Go
// strings are immutable); Goldseam keeps no reference to it.
func withPassphraseBytes(passphrase string, fn func([]byte) error) error {
	p := []byte(passphrase)
	defer clear(p)
	passphraseCopied(p)
	return fn(p)
}

// passphraseCopied lets a test see each copy withPassphraseBytes makes.
var passphraseCopied = func([]byte) {}
