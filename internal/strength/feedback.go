package strength

import (
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/trustelem/zxcvbn"
	"github.com/trustelem/zxcvbn/match"
)

// Goldseam's sentences for what zxcvbn finds in a passphrase. They follow zxcvbn's own
// feedback rules (which match decides, and when), in Goldseam's words.
const (
	tooShort = "Use at least 8 characters; a few unrelated words are best."

	warnStraightRow       = "A row of keys next to each other is among the first things anyone would try."
	warnKeyPattern        = "A pattern on the keyboard is easy to guess, even a twisting one."
	warnSimpleRepeat      = `Repeated letters, like "aaa", add almost nothing.`
	warnExtendedRepeat    = `Repeating a group of letters, like "abcabc", adds almost nothing.`
	warnSequences         = `Runs like "abc" or "1234" are easy to guess.`
	warnRecentYears       = "Recent years are easy to guess."
	warnDates             = "Dates are easy to guess, especially ones that matter to you."
	warnTopTen            = "This is one of the most used passwords in the world."
	warnTopHundred        = "This is one of the most used passwords."
	warnCommon            = "This is a commonly used password."
	warnSimilarToCommon   = "This is very close to a commonly used password."
	warnWordByItself      = "A single word on its own is easy to guess."
	warnNamesByThemselves = "Names on their own are easy to guess."
	warnCommonNames       = "Common names and surnames are easy to guess."
	warnUserInputs        = "Avoid words that have to do with you or this app."

	tipL33t            = "Swapping letters for look-alike symbols (like @ for a) does not fool anyone."
	tipReverseWords    = "Spelling a common word backwards does not make it harder to guess."
	tipAllUppercase    = "Capitals throughout help no more than lower case."
	tipCapitalization  = "A capital at the start helps very little; more words help a lot."
	tipDates           = "Leave out dates that have to do with you."
	tipRecentYears     = "Leave out recent years."
	tipAssociatedYears = "Leave out years that have to do with you."
	tipSequences       = "Leave out runs of letters or numbers."
	tipRepeated        = "Leave out repeated letters and words."
	tipKeyboard        = "Leave out keyboard patterns."
	tipAnotherWord     = "Add another word or two that have nothing to do with each other."
	tipUseWords        = "Use a few unrelated words, like a short strange sentence only you would picture."
	tipNoNeed          = "You do not need symbols, digits or capitals; length matters most."

	tooEasy = "That passphrase is too easy to guess. "
)

var (
	startUpper = regexp.MustCompile(`^[A-Z][^A-Z]+$`)
	allUpper   = regexp.MustCompile(`^[^a-z]+$`)
)

// feedback says what makes a passphrase weak and what would help, from the sequence of
// matches zxcvbn found cheapest to guess: nothing for a strong one, and for a weak one the
// longest match decides, as in zxcvbn.
func feedback(r zxcvbn.Result) (string, []string) {
	if len(r.Sequence) == 0 {
		return "", []string{tipUseWords, tipNoNeed}
	}
	if r.Score >= MinimumScore {
		return "", []string{}
	}
	longest := r.Sequence[0]
	for _, m := range r.Sequence[1:] {
		if utf8.RuneCountInString(m.Token) > utf8.RuneCountInString(longest.Token) {
			longest = m
		}
	}
	warning, tips := matchFeedback(longest, len(r.Sequence) == 1)
	return warning, append([]string{tipAnotherWord}, tips...)
}

// matchFeedback is what one kind of match says.
func matchFeedback(m *match.Match, sole bool) (string, []string) {
	switch m.Pattern {
	case "dictionary":
		return dictionaryWarning(m, sole), dictionaryTips(m)
	case "spatial":
		if m.Turns == 1 {
			return warnStraightRow, []string{tipKeyboard}
		}
		return warnKeyPattern, []string{tipKeyboard}
	case "repeat":
		if utf8.RuneCountInString(m.BaseToken) == 1 {
			return warnSimpleRepeat, []string{tipRepeated}
		}
		return warnExtendedRepeat, []string{tipRepeated}
	case "sequence":
		return warnSequences, []string{tipSequences}
	case "regex":
		if m.RegexName == "recent_year" {
			return warnRecentYears, []string{tipRecentYears, tipAssociatedYears}
		}
	case "date":
		return warnDates, []string{tipDates}
	}
	return "", nil
}

// dictionaryWarning says which word list a word comes from, when that is what makes it weak.
func dictionaryWarning(m *match.Match, sole bool) string {
	switch m.DictionaryName {
	case "passwords":
		switch {
		case sole && !m.L33t && !m.Reversed && m.Rank <= 10:
			return warnTopTen
		case sole && !m.L33t && !m.Reversed && m.Rank <= 100:
			return warnTopHundred
		case sole && !m.L33t && !m.Reversed:
			return warnCommon
		case math.Log10(m.Guesses) <= 4:
			return warnSimilarToCommon
		}
	case "english_wikipedia":
		if sole {
			return warnWordByItself
		}
	case "surnames", "male_names", "female_names":
		if sole {
			return warnNamesByThemselves
		}
		return warnCommonNames
	case "user_inputs":
		return warnUserInputs
	}
	return ""
}

// dictionaryTips says why dressing a word up did not help.
func dictionaryTips(m *match.Match) []string {
	var tips []string
	if startUpper.MatchString(m.Token) {
		tips = append(tips, tipCapitalization)
	} else if allUpper.MatchString(m.Token) && strings.ToLower(m.Token) != m.Token {
		tips = append(tips, tipAllUppercase)
	}
	if m.Reversed && utf8.RuneCountInString(m.Token) >= 4 {
		tips = append(tips, tipReverseWords)
	}
	if m.L33t {
		tips = append(tips, tipL33t)
	}
	return tips
}

// refusal is what Goldseam says when it will not take a passphrase: the window shows it under
// the field, the command line prints it, and the bound layer returns it as the error.
func refusal(v Verdict) string {
	if v.Warning != "" {
		return v.Warning
	}
	tip := ""
	if len(v.Suggestions) > 0 {
		tip = v.Suggestions[0]
	}
	return strings.TrimSpace(tooEasy + tip)
}
