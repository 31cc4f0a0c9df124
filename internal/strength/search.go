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
// rune: its last pattern (nil when that is runes guessed one by one, from start), the
// product of its patterns' guesses, and its total.
type step struct {
	last    *match
	start   int
	product float64
	total   float64
}

// search finds, rune by rune, the cheapest sequence of patterns for each prefix of the
// passphrase and each number of patterns (zxcvbn's "minimum guesses" dynamic programming).
// A sequence of l patterns costs l! (the orders they could come in) times the product of
// their guesses, plus minGuessesPerPattern^(l-1). Stretches no pattern covers are guessed
// character by character.
type search struct {
	rs   []rune
	n    int
	best [][]step // best[k][l]: the cheapest l patterns covering runes 0..k; total 0 if none
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
	s := &search{rs: rs, n: n, best: make([][]step, n)}
	for k := range n {
		for _, m := range byEnd[k] {
			s.extend(m)
		}
		s.guessUpTo(k)
	}
	return s.cheapest()
}

// extend tries m after every best sequence that ends just before it.
func (s *search) extend(m *match) {
	g := guessesOf(m, s.n)
	if m.i == 0 {
		s.consider(m, 0, m.j, 1, g)
		return
	}
	for l, prev := range s.best[m.i-1] {
		if prev.total > 0 {
			s.consider(m, m.i, m.j, l+1, g*prev.product)
		}
	}
}

// guessUpTo tries guessing runes i..k character by character, alone or after a best
// sequence ending at i-1 (never right after other guessed runes: one longer guessed
// stretch is always cheaper). Guessed stretches become matches only in the answer:
// making one for every stretch tried would cost more than the whole search.
func (s *search) guessUpTo(k int) {
	s.consider(nil, 0, k, 1, guessedGuesses(k+1))
	for i := 1; i <= k; i++ {
		g := guessedGuesses(k - i + 1)
		for l, prev := range s.best[i-1] {
			if prev.total > 0 && prev.last != nil {
				s.consider(nil, i, k, l+1, g*prev.product)
			}
		}
	}
}

// guessedGuesses is guessBase per rune, and a little more than any pattern's minimum so
// that a pattern over the same runes wins a tie.
func guessedGuesses(runes int) float64 {
	floor := float64(minManyRune + 1)
	if runes == 1 {
		floor = minOneRune + 1
	}
	return math.Max(math.Pow(guessBase, float64(runes)), floor)
}

// consider keeps a sequence of l patterns ending with m (or guessed runes) over start..end
// if nothing with as many patterns or fewer covers the same runes as cheaply.
func (s *search) consider(m *match, start, end, l int, product float64) {
	total := factorial(l)*product + growth(l)
	row := s.best[end]
	for cl := 1; cl < len(row) && cl <= l; cl++ {
		if row[cl].total > 0 && row[cl].total <= total {
			return
		}
	}
	for len(row) <= l {
		row = append(row, step{})
	}
	row[l] = step{last: m, start: start, product: product, total: total}
	s.best[end] = row
}

// cheapest walks back from the end along the cheapest sequence.
func (s *search) cheapest() estimation {
	end := s.best[s.n-1]
	l := 0
	for cl, st := range end {
		if st.total > 0 && (l == 0 || st.total < end[l].total) {
			l = cl
		}
	}
	e := estimation{guesses: end[l].total}
	for k := s.n - 1; k >= 0; l-- {
		st := s.best[k][l]
		m := st.last
		if m == nil {
			m = &match{kind: guessed, i: st.start, j: k, token: string(s.rs[st.start : k+1])}
			m.guesses = guessedGuesses(m.runes())
		}
		e.sequence = append([]*match{m}, e.sequence...)
		k = m.i - 1
	}
	return e
}

// growth is minGuessesPerPattern^(l-1), the cost of trying shorter sequences first.
func growth(l int) float64 {
	if l < len(growths) {
		return growths[l]
	}
	return math.Pow(minGuessesPerPattern, float64(l-1))
}

var growths = func() []float64 {
	g := make([]float64, 40)
	for l := 1; l < len(g); l++ {
		g[l] = math.Pow(minGuessesPerPattern, float64(l-1))
	}
	return g
}()

func factorial(n int) float64 {
	f := 1.0
	for k := 2; k <= n; k++ {
		f *= float64(k)
	}
	return f
}
