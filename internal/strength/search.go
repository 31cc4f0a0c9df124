package strength

import "math"

// minGuessesPerPattern: someone guessing tries shorter sequences of patterns before longer
// ones, each costing at least this; a sequence of l patterns pays it l-1 times over.
const minGuessesPerPattern = 10000

// estimation is the cheapest way found to guess a passphrase: the guesses and the patterns,
// in order, that cover it.
type estimation struct {
	guesses  float64
	sequence []*match
}

// step is the best sequence of a given number of patterns covering a passphrase up to some
// rune: its last pattern, the product of its patterns' guesses, and its total.
type step struct {
	last    *match
	product float64
	total   float64
}

// search finds, rune by rune, the cheapest sequence of patterns for each prefix of the
// passphrase and each number of patterns (zxcvbn's "minimum guesses" dynamic programming).
// A sequence of l patterns costs l! (the orders they could come in) times the product of
// their guesses, plus minGuessesPerPattern^(l-1). Stretches no pattern covers are guessed
// character by character.
type search struct {
	n    int
	best [][]*step // best[k][l]: the cheapest l patterns covering runes 0..k, or nil
}

// estimate finds the cheapest way to guess rs; withApp counts appWords as the most common
// words of all.
func estimate(rs []rune, withApp bool) estimation {
	if len(rs) == 0 {
		return estimation{guesses: 1}
	}
	loadWords()
	n := len(rs)
	byEnd := make([][]*match, n)
	for _, m := range findMatches(rs, withApp) {
		byEnd[m.j] = append(byEnd[m.j], m)
	}
	s := &search{n: n, best: make([][]*step, n)}
	for k := range n {
		for _, m := range byEnd[k] {
			s.extend(m)
		}
		s.guessUpTo(rs, k)
	}
	return s.cheapest()
}

// extend tries m after every best sequence that ends just before it.
func (s *search) extend(m *match) {
	if m.i == 0 {
		s.consider(m, 1, 1)
		return
	}
	for l, prev := range s.best[m.i-1] {
		if prev != nil {
			s.consider(m, l+1, prev.product)
		}
	}
}

// guessUpTo tries guessing runes i..k character by character, alone or after a best
// sequence ending at i-1 (never right after other guessed runes: one longer guessed
// stretch is always cheaper).
func (s *search) guessUpTo(rs []rune, k int) {
	s.consider(&match{kind: guessed, i: 0, j: k, token: string(rs[:k+1])}, 1, 1)
	for i := 1; i <= k; i++ {
		m := &match{kind: guessed, i: i, j: k, token: string(rs[i : k+1])}
		for l, prev := range s.best[i-1] {
			if prev != nil && prev.last.kind != guessed {
				s.consider(m, l+1, prev.product)
			}
		}
	}
}

// consider keeps m as the end of an l-pattern sequence if nothing with as many patterns or
// fewer covers the same runes as cheaply.
func (s *search) consider(m *match, l int, before float64) {
	product := guessesOf(m, s.n) * before
	total := factorial(l)*product + math.Pow(minGuessesPerPattern, float64(l-1))
	row := s.best[m.j]
	for cl := 1; cl < len(row) && cl <= l; cl++ {
		if row[cl] != nil && row[cl].total <= total {
			return
		}
	}
	for len(row) <= l {
		row = append(row, nil)
	}
	row[l] = &step{last: m, product: product, total: total}
	s.best[m.j] = row
}

// cheapest walks back from the end along the cheapest sequence.
func (s *search) cheapest() estimation {
	end := s.best[s.n-1]
	l := 0
	for cl, st := range end {
		if st != nil && (l == 0 || st.total < end[l].total) {
			l = cl
		}
	}
	e := estimation{guesses: end[l].total}
	for k := s.n - 1; k >= 0; l-- {
		m := s.best[k][l].last
		e.sequence = append([]*match{m}, e.sequence...)
		k = m.i - 1
	}
	return e
}

func factorial(n int) float64 {
	f := 1.0
	for k := 2; k <= n; k++ {
		f *= float64(k)
	}
	return f
}
