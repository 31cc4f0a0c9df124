package strength

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/trustelem/zxcvbn"
	"github.com/trustelem/zxcvbn/frequency"
)

// corpus is a few thousand passphrases people might type, drawn with a fixed seed: common
// passwords dressed up, words with digits, names with years, phrases of two to five words,
// random strings, keyboard walks, dates, l33t and repeats.
func corpus() []string {
	r := rand.New(rand.NewPCG(16, 12))
	lists := frequency.FrequencyLists
	pick := func(name string, top int) string {
		l := lists[name]
		return l[r.IntN(min(top, len(l)))]
	}
	anyWord := func() string {
		names := []string{"english_wikipedia", "us_tv_and_film", "passwords", "surnames", "female_names", "male_names"}
		return pick(names[r.IntN(len(names))], []int{100, 1000, 5000, 30000}[r.IntN(4)])
	}
	makers := []func() string{
		func() string { return dress(r, pick("passwords", 30000)) },
		func() string { return anyWord() + fmt.Sprint(r.IntN([]int{10, 100, 10000}[r.IntN(3)])) },
		func() string { return title(r, pick("female_names", 4000)) + fmt.Sprint(1940+r.IntN(86)) },
		func() string { return pick("male_names", 1000) + pick("surnames", 10000) + fmt.Sprint(r.IntN(100)) },
		func() string { return phrase(r, 2+r.IntN(4), anyWord) },
		func() string { return randomString(r, 8+r.IntN(10)) },
		func() string { return keyboardWalk(r, 6+r.IntN(10)) },
		func() string { return dateString(r) },
		func() string { return l33t(r, pick("english_wikipedia", 30000)) + fmt.Sprint(r.IntN(1000)) },
		func() string { return strings.Repeat(anyWord(), 2+r.IntN(2)) },
		func() string { return anyWord() + anyWord() },
	}
	var out []string
	for len(out) < 4400 {
		out = append(out, makers[len(out)%len(makers)]())
	}
	return out
}

func dress(r *rand.Rand, w string) string {
	switch r.IntN(4) {
	case 0:
		return title(r, w)
	case 1:
		return w + "!"
	case 2:
		return strings.ToUpper(w)
	}
	return w + fmt.Sprint(r.IntN(100))
}

func title(r *rand.Rand, w string) string {
	if w == "" || r.IntN(2) == 0 {
		return w
	}
	return string(unicode.ToUpper(rune(w[0]))) + w[1:]
}

func phrase(r *rand.Rand, n int, word func() string) string {
	seps := []string{" ", "-", "", "."}
	sep := seps[r.IntN(len(seps))]
	words := make([]string, n)
	for k := range words {
		words[k] = word()
	}
	return strings.Join(words, sep)
}

func randomString(r *rand.Rand, n int) string {
	sets := []string{"abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyz0123456789", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*-_"}
	set := sets[r.IntN(len(sets))]
	b := make([]byte, n)
	for k := range b {
		b[k] = set[r.IntN(len(set))]
	}
	return string(b)
}

// keyboardWalk steps over neighbouring keys of qwerty, turning now and then.
func keyboardWalk(r *rand.Rand, n int) string {
	rows := []string{"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"}
	row, col := r.IntN(4), r.IntN(7)
	dr, dc := 0, 1
	var b strings.Builder
	for b.Len() < n {
		b.WriteByte(rows[row][col])
		if r.IntN(4) == 0 {
			dr, dc = []int{-1, 0, 1}[r.IntN(3)], []int{-1, 1}[r.IntN(2)]
		}
		row, col = row+dr, col+dc
		if row < 0 || row > 3 || col < 0 || col >= len(rows[row]) {
			row, col = max(0, min(3, row)), max(0, min(len(rows[max(0, min(3, row))])-1, col))
			dr, dc = -dr, -dc
		}
	}
	return b.String()
}

func dateString(r *rand.Rand) string {
	d, m, y := 1+r.IntN(28), 1+r.IntN(12), 1950+r.IntN(76)
	forms := []string{"%02d%02d%d", "%d/%d/%d", "%02d-%02d-%d", "%02d.%02d.%d"}
	return fmt.Sprintf(forms[r.IntN(len(forms))], d, m, y) + []string{"", "love", "!"}[r.IntN(3)]
}

func l33t(r *rand.Rand, w string) string {
	swap := strings.NewReplacer("a", "4", "e", "3", "o", "0", "s", "$", "i", "1")
	if r.IntN(2) == 0 {
		swap = strings.NewReplacer("a", "@", "s", "5", "t", "7")
	}
	return swap.Replace(w)
}

// TestAgreesWithZxcvbn: over the corpus, Goldseam's estimate takes (score 3 or more) what
// zxcvbn takes and refuses what zxcvbn refuses, at least 97% of the time, and never takes a
// passphrase zxcvbn rates 0 or 1. The estimate may be stricter than zxcvbn (its word ranks
// are read at most a fifth low, and it counts every year from 1900 to 2099 as recent).
func TestAgreesWithZxcvbn(t *testing.T) {
	same, sameScore, stricter, total := 0, 0, 0, 0
	for _, p := range corpus() {
		rs := []rune(p)[:min(len([]rune(p)), measuredRunes)]
		want := zxcvbn.PasswordStrength(string(rs), appWords).Score
		got := score(estimate(rs, true).guesses)
		total++
		if got == want {
			sameScore++
		}
		if (got >= MinimumScore) == (want >= MinimumScore) {
			same++
		} else if got < MinimumScore {
			stricter++
		}
		if got >= MinimumScore && want <= 1 {
			t.Errorf("%q: Goldseam scores %d, zxcvbn %d", p, got, want)
		}
	}
	rate := float64(same) / float64(total)
	t.Logf("%d passphrases: same decision %.2f%% (%d differ, %d of them refused only by Goldseam), same score %.2f%%",
		total, 100*rate, total-same, stricter, 100*float64(sameScore)/float64(total))
	if rate < 0.97 {
		t.Errorf("the decision agrees with zxcvbn for %.2f%% of the corpus, want at least 97%%", 100*rate)
	}
}
