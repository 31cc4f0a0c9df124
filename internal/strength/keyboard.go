package strength

import "math"

// layout is a keyboard as rows of keys, unshifted and shifted, each row's first rune lined
// up under the row above as on the real keys (a space is no key). On a slanted keyboard
// each row sits half a key right of the one above, so a key has six neighbours; on a keypad
// rows line up, so eight.
type layout struct {
	rows, shifted []string
	slanted       bool
	keypadFigures bool // guesses use the keypad's key count and neighbours, as zxcvbn does
}

var layouts = []layout{
	{ // qwerty
		rows:    []string{"`1234567890-=", " qwertyuiop[]\\", " asdfghjkl;'", " zxcvbnm,./"},
		shifted: []string{"~!@#$%^&*()_+", " QWERTYUIOP{}|", ` ASDFGHJKL:"`, " ZXCVBNM<>?"},
		slanted: true,
	},
	{ // dvorak
		rows:    []string{"`1234567890[]", " ',.pyfgcrl/=\\", " aoeuidhtns-", " ;qjkxbmwvz"},
		shifted: []string{"~!@#$%^&*(){}", ` "<>PYFGCRL?+|`, " AOEUIDHTNS_", " :QJKXBMWVZ"},
		slanted: true,
	},
	{rows: []string{" /*-", "789+", "456", "123", " 0."}, keypadFigures: true},
	{rows: []string{" =/*", "789-", "456+", "123", " 0."}, keypadFigures: true}, // Mac keypad
}

// Directions to a neighbour as (row, column) steps; a walk turns when its direction changes.
var (
	slantedSteps = [][2]int{{0, -1}, {-1, 0}, {-1, 1}, {0, 1}, {1, 0}, {1, -1}}
	alignedSteps = [][2]int{{0, -1}, {-1, -1}, {-1, 0}, {-1, 1}, {0, 1}, {1, 1}, {1, 0}, {1, -1}}
)

type keyAt struct {
	row, col int
	shifted  bool
}

// board is a layout ready to walk: where each rune sits, and (for guesses) how many keys
// it has and how many neighbours a key has on average.
type board struct {
	at      map[rune]keyAt
	grid    map[[2]int]bool
	steps   [][2]int
	keys    float64
	degree  float64
	figures bool
}

var boards = func() []*board {
	out := make([]*board, len(layouts))
	for n, l := range layouts {
		out[n] = newBoard(l)
	}
	return out
}()

func newBoard(l layout) *board {
	b := &board{at: map[rune]keyAt{}, grid: map[[2]int]bool{}, steps: alignedSteps, figures: l.keypadFigures}
	if l.slanted {
		b.steps = slantedSteps
	}
	place := func(rows []string, shifted bool) {
		for r, row := range rows {
			for c, key := range []rune(row) {
				if key != ' ' {
					b.at[key] = keyAt{r, c, shifted}
					b.grid[[2]int{r, c}] = true
				}
			}
		}
	}
	place(l.rows, false)
	place(l.shifted, true)
	neighbours := 0
	for _, k := range b.at {
		for _, s := range b.steps {
			if b.grid[[2]int{k.row + s[0], k.col + s[1]}] {
				neighbours++
			}
		}
	}
	b.keys = float64(len(b.at))
	b.degree = float64(neighbours) / b.keys
	return b
}

// direction is which neighbour of from the key to is, or -1.
func (b *board) direction(from, to rune) int {
	f, ok1 := b.at[from]
	t, ok2 := b.at[to]
	if !ok1 || !ok2 {
		return -1
	}
	for d, s := range b.steps {
		if f.row+s[0] == t.row && f.col+s[1] == t.col {
			return d
		}
	}
	return -1
}

// keyMatches is every walk of three keys or more over neighbouring keys, on every layout.
func keyMatches(rs []rune) []*match {
	var ms []*match
	for _, b := range boards {
		ms = append(ms, b.walks(rs)...)
	}
	return ms
}

// walks follows rs over b from each rune while each next rune is a neighbour of the last;
// a walk that stops starts again at the rune that broke it.
func (b *board) walks(rs []rune) []*match {
	var ms []*match
	for i := 0; i < len(rs)-1; {
		j, turns, last, shifted := i+1, 0, -1, 0
		if b.at[rs[i]].shifted {
			shifted++
		}
		for ; j < len(rs); j++ {
			d := b.direction(rs[j-1], rs[j])
			if d < 0 {
				break
			}
			if b.at[rs[j]].shifted {
				shifted++
			}
			if d != last {
				turns, last = turns+1, d
			}
		}
		if j-i > 2 {
			ms = append(ms, &match{kind: keys, i: i, j: j - 1, token: string(rs[i:j]), turns: turns, shifted: shifted, keypad: b.figures})
		}
		i = j
	}
	return ms
}

// keyGuesses counts walks as long or shorter with as many turns or fewer, from any key,
// doubled or more for the shifted keys among them.
func keyGuesses(m *match) float64 {
	fig := boards[0]
	if m.keypad {
		fig = boards[2]
	}
	n := m.runes()
	g := 0.0
	for length := 2; length <= n; length++ {
		for t := 1; t <= min(m.turns, length-1); t++ {
			g += choose(length-1, t-1) * fig.keys * math.Pow(fig.degree, float64(t))
		}
	}
	if m.shifted > 0 {
		g *= variants(m.shifted, n-m.shifted)
	}
	return g
}
