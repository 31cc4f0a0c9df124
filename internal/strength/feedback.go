package strength

import (
	"math"
	"regexp"
	"strings"
)

// Goldseam's sentences for what the estimate finds in a passphrase. They follow zxcvbn's
// feedback rules (which pattern decides, and when), in Goldseam's words.
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
// patterns the estimate found cheapest to guess: nothing for a strong one, and for a weak
// one the longest pattern decides, as in zxcvbn.
func feedback(e estimation, score int) (string, []string) {
	if len(e.sequence) == 0 {
		return "", []string{tipUseWords, tipNoNeed}
	}
	if score >= MinimumScore {
		return "", []string{}
	}
	longest := e.sequence[0]
	for _, m := range e.sequence[1:] {
		if m.runes() > longest.runes() {
			longest = m
		}
	}
	warning, tips := matchFeedback(longest, len(e.sequence) == 1)
	return warning, append([]string{tipAnotherWord}, tips...)
}

// matchFeedback is what one kind of pattern says.
func matchFeedback(m *match, sole bool) (string, []string) {
	switch m.kind {
	case word:
		return wordWarning(m, sole), wordTips(m)
	case keys:
		if m.turns == 1 {
			return warnStraightRow, []string{tipKeyboard}
		}
		return warnKeyPattern, []string{tipKeyboard}
	case repeat:
		if len([]rune(m.base)) == 1 {
			return warnSimpleRepeat, []string{tipRepeated}
		}
		return warnExtendedRepeat, []string{tipRepeated}
	case run:
		return warnSequences, []string{tipSequences}
	case year:
		return warnRecentYears, []string{tipRecentYears, tipAssociatedYears}
	case date:
		return warnDates, []string{tipDates}
	}
	return "", nil
}

// wordWarning says which list a word comes from, when that is what makes it weak.
func wordWarning(m *match, sole bool) string {
	plain := len(m.subs) == 0 && !m.reversed
	switch m.list {
	case passwordList:
		switch {
		case sole && plain && m.rank <= 10:
			return warnTopTen
		case sole && plain && m.rank <= 100:
			return warnTopHundred
		case sole && plain:
			return warnCommon
		case math.Log10(m.guesses) <= 4:
			return warnSimilarToCommon
		}
	case wikipediaList:
		if sole {
			return warnWordByItself
		}
	case surnameList, maleNameList, femaleNameList:
		if sole {
			return warnNamesByThemselves
		}
		return warnCommonNames
	case appList:
		return warnUserInputs
	}
	return ""
}

// wordTips says why dressing a word up did not help.
func wordTips(m *match) []string {
	var tips []string
	if startUpper.MatchString(m.token) {
		tips = append(tips, tipCapitalization)
	} else if allUpper.MatchString(m.token) && strings.ToLower(m.token) != m.token {
		tips = append(tips, tipAllUppercase)
	}
	if m.reversed && m.runes() >= 4 {
		tips = append(tips, tipReverseWords)
	}
	if len(m.subs) > 0 {
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
