package strength

import (
	"math"
	"unicode/utf16"

	"github.com/dop251/goja"
)

// bigDictionary is the size from which a word list's keys are kept between calls: the lists
// are built once, and listing 30,000 keys on every call would cost what this file saves.
const bigDictionary = 1000

// levenshtein answers zxcvbn-ts's findLevenshteinDistance (core/dist/utils/levenshtein.mjs)
// natively, with the same result: the first word, in Object.keys order, within the
// threshold of the passphrase, and its distance, counted in UTF-16 code units as JavaScript
// counts. The original stays in the bundle; TestTheNativeLevenshteinMatchesTheOriginal holds
// the two equal.
type levenshtein struct {
	vm    *goja.Runtime
	lists map[*goja.Object]*wordList
}

// wordList is a dictionary's keys in Object.keys order, and each in UTF-16.
type wordList struct {
	keys  []string
	units [][]uint16
}

func (l *levenshtein) list(dict *goja.Object) *wordList {
	if w, ok := l.lists[dict]; ok {
		return w
	}
	w := &wordList{keys: dict.Keys()}
	w.units = make([][]uint16, len(w.keys))
	for i, k := range w.keys {
		w.units[i] = utf16.Encode([]rune(k))
	}
	if len(w.keys) >= bigDictionary {
		l.lists[dict] = w
	}
	return w
}

func (l *levenshtein) find(call goja.FunctionCall) goja.Value {
	password := utf16.Encode([]rune(call.Argument(0).String()))
	dict := call.Argument(1).ToObject(l.vm)
	threshold := call.Argument(2).ToFloat()
	words := l.list(dict)
	for i, key := range words.keys {
		entry := words.units[i]
		used := usedThreshold(len(password), len(entry), threshold)
		if math.Abs(float64(len(password)-len(entry))) > used {
			continue
		}
		if d := distance(password, entry); float64(d) <= used {
			if key == "" { // JavaScript's `if (found)`: an empty word counts as none
				break
			}
			return l.vm.ToValue(map[string]any{"levenshteinDistance": d, "levenshteinDistanceEntry": key})
		}
	}
	return l.vm.NewObject()
}

// usedThreshold is getUsedThreshold: a passphrase no longer than the word, or than the
// threshold, may differ by a quarter of its length (rounded up) instead.
func usedThreshold(password, entry int, threshold float64) float64 {
	if password <= entry || float64(password) <= threshold {
		return math.Ceil(float64(password) / 4)
	}
	return threshold
}

// distance is the Levenshtein distance between a and b (insertions, deletions and
// substitutions of one code unit each), as fastest-levenshtein's distance computes it.
func distance(a, b []uint16) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diagonal := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			next := min(row[j]+1, row[j-1]+1, diagonal+cost)
			diagonal, row[j] = row[j], next
		}
	}
	return row[len(b)]
}
