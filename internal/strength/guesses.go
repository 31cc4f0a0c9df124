package strength

import "math"

const (
	// guessBase is what each character costs when it follows no pattern: low, so that a
	// pattern has to be cheaper than plain guessing to be counted.
	guessBase = 10
	// A pattern inside a longer passphrase costs at least this much: a lone character 10, a
	// longer stretch 50. Plain guessing costs one more, so a pattern wins a tie.
	minOneRune  = 10
	minManyRune = 50
)

// guessesOf is how many guesses find m's stretch of a passphrase n runes long.
func guessesOf(m *match, n int) float64 {
	if m.guesses > 0 {
		return m.guesses
	}
	floor := 1.0
	if m.runes() < n {
		floor = minManyRune
		if m.runes() == 1 {
			floor = minOneRune
		}
	}
	var g float64
	switch m.kind {
	case guessed:
		g = guessedGuesses(m.runes())
	case word:
		g = wordGuesses(m)
	case keys:
		g = keyGuesses(m)
	case repeat:
		g = m.baseGuesses * float64(m.times)
	case run:
		g = runGuesses(m)
	case year:
		g = yearGuesses(m.yearValue)
	case date:
		g = dateGuesses(m)
	}
	m.guesses = math.Max(g, floor)
	return m.guesses
}

// wordGuesses: the word's rank, times the ways to capitalise it and to dress it in
// look-alikes, twice over when spelt backwards.
func wordGuesses(m *match) float64 {
	g := float64(m.rank) * capitalVariants(m.token) * l33tVariants(m)
	if m.reversed {
		g *= 2
	}
	return g
}

// capitalVariants: all lower case costs nothing more; a capital first or last, or all
// capitals, doubles; otherwise every way to place as many capitals (or as few).
func capitalVariants(token string) float64 {
	upper, lower := 0, 0
	for _, r := range token {
		switch {
		case r >= 'A' && r <= 'Z':
			upper++
		case r >= 'a' && r <= 'z':
			lower++
		}
	}
	rs := []rune(token)
	switch {
	case upper == 0:
		return 1
	case lower == 0 || upper == 1 && (isUpper(rs[0]) || isUpper(rs[len(rs)-1])):
		return 2
	}
	v := 0.0
	for k := 1; k <= min(upper, lower); k++ {
		v += choose(upper+lower, k)
	}
	return v
}

func isUpper(r rune) bool { return r >= 'A' && r <= 'Z' }

// l33tVariants: for each look-alike used, every way to mix it with the letter it stands for.
func l33tVariants(m *match) float64 {
	if len(m.subs) == 0 {
		return 1
	}
	lower := lowerRunes([]rune(m.token))
	v := 1.0
	for sym, letter := range m.subs {
		subbed, plain := 0, 0
		for _, r := range lower {
			switch r {
			case sym:
				subbed++
			case letter:
				plain++
			}
		}
		v *= variants(subbed, plain)
	}
	return v
}

// variants counts the ways to change up to the smaller of a and b out of a+b characters;
// all changed or none changed only doubles.
func variants(a, b int) float64 {
	if a == 0 || b == 0 {
		return 2
	}
	v := 0.0
	for k := 1; k <= min(a, b); k++ {
		v += choose(a+b, k)
	}
	return v
}

// choose is n choose k.
func choose(n, k int) float64 {
	if k > n {
		return 0
	}
	r := 1.0
	for d := 1; d <= k; d++ {
		r = r * float64(n-d+1) / float64(d)
	}
	return r
}

// score turns guesses into 0-4 at zxcvbn's thresholds: 10^3, 10^6, 10^8, 10^10 (each with
// zxcvbn's margin of 5).
func score(guesses float64) int {
	for s, limit := range []float64{1e3, 1e6, 1e8, 1e10} {
		if guesses < limit+5 {
			return s
		}
	}
	return 4
}
