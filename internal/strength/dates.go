package strength

import "time"

const (
	earliestYear = 1000
	latestYear   = 2050
	// minYearSpace: a year near now still costs this many guesses (any of the recent ones).
	minYearSpace = 20
)

// referenceYear is the year guesses count from: the nearer a year is to it, the sooner it
// is tried.
func referenceYear() int { return time.Now().Year() }

type dmy struct{ day, month, year int }

// cuts are where a string of digits of each length can be cut into day, month and year
// ("1191" as 1 1 91 or 91 1 1, "11111991" as 11 11 1991 or 1991 11 11).
var cuts = map[int][][2]int{
	4: {{1, 2}, {2, 3}},
	5: {{1, 3}, {2, 3}},
	6: {{1, 2}, {2, 4}, {4, 5}},
	7: {{1, 3}, {2, 3}, {4, 5}, {4, 6}},
	8: {{2, 4}, {4, 6}},
}

// dateMatches is every date of 4 to 8 digits, or of 6 to 10 characters with the same
// separator twice ("1.1.91", "1985-06-14"), leaving out those inside a longer one.
func dateMatches(rs []rune) []*match {
	var ms []*match
	for i := range rs {
		for n := 4; n <= 8 && i+n <= len(rs); n++ {
			if d, ok := plainDate(rs[i : i+n]); ok {
				ms = append(ms, dateMatch(rs, i, i+n-1, d, false))
			}
		}
		for n := 6; n <= 10 && i+n <= len(rs); n++ {
			if d, ok := separatedDate(rs[i : i+n]); ok {
				ms = append(ms, dateMatch(rs, i, i+n-1, d, true))
			}
		}
	}
	var outer []*match
	for _, m := range ms {
		inside := false
		for _, o := range ms {
			if o != m && o.i <= m.i && o.j >= m.j {
				inside = true
				break
			}
		}
		if !inside {
			outer = append(outer, m)
		}
	}
	return outer
}

func dateMatch(rs []rune, i, j int, d dmy, sep bool) *match {
	return &match{kind: date, i: i, j: j, token: string(rs[i : j+1]), yearValue: d.year, separator: sep}
}

// plainDate reads digits only, choosing among the cuts the year nearest now.
func plainDate(rs []rune) (dmy, bool) {
	if _, ok := digitsValue(rs); !ok {
		return dmy{}, false
	}
	best, found := dmy{}, false
	for _, c := range cuts[len(rs)] {
		a, _ := digitsValue(rs[:c[0]])
		b, _ := digitsValue(rs[c[0]:c[1]])
		y, _ := digitsValue(rs[c[1]:])
		d, ok := readDate(a, b, y)
		if ok && (!found || abs(d.year-referenceYear()) < abs(best.year-referenceYear())) {
			best, found = d, true
		}
	}
	return best, found
}

// separatedDate reads 1-4 digits, a separator, 1-2 digits, the same separator, 1-4 digits.
func separatedDate(rs []rune) (dmy, bool) {
	var parts [3][]rune
	var seps []rune
	start := 0
	for k, r := range rs {
		if r < '0' || r > '9' {
			if len(seps) == 2 || !isDateSeparator(r) {
				return dmy{}, false
			}
			parts[len(seps)] = rs[start:k]
			seps, start = append(seps, r), k+1
		}
	}
	if len(seps) != 2 || seps[0] != seps[1] {
		return dmy{}, false
	}
	parts[2] = rs[start:]
	if n := len(parts[0]); n < 1 || n > 4 || len(parts[1]) < 1 || len(parts[1]) > 2 || len(parts[2]) < 1 || len(parts[2]) > 4 {
		return dmy{}, false
	}
	a, _ := digitsValue(parts[0])
	b, _ := digitsValue(parts[1])
	c, _ := digitsValue(parts[2])
	return readDate(a, b, c)
}

func isDateSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\v', '\f', '\r', '/', '\\', '_', '.', '-':
		return true
	}
	return false
}

// readDate maps three numbers onto a day, a month and a year, the year first or last:
// never a year in the middle, at most one number over 31, not all over 12, at most one
// zero, no number between 100 and earliestYear or above latestYear.
func readDate(a, b, c int) (dmy, bool) {
	if b > 31 || b <= 0 {
		return dmy{}, false
	}
	over31, over12, zeros := 0, 0, 0
	for _, v := range []int{a, b, c} {
		if (v > 99 && v < earliestYear) || v > latestYear {
			return dmy{}, false
		}
		over31, over12, zeros = over31+btoi(v > 31), over12+btoi(v > 12), zeros+btoi(v <= 0)
	}
	if over31 >= 2 || over12 == 3 || zeros >= 2 {
		return dmy{}, false
	}
	for _, o := range [][3]int{{c, a, b}, {a, b, c}} { // year last, then year first
		if o[0] >= earliestYear && o[0] <= latestYear {
			return dayMonth(o[1], o[2], o[0])
		}
	}
	for _, o := range [][3]int{{c, a, b}, {a, b, c}} {
		if d, ok := dayMonth(o[1], o[2], o[0]); ok {
			d.year = fourDigitYear(d.year)
			return d, true
		}
	}
	return dmy{}, false
}

func dayMonth(a, b, year int) (dmy, bool) {
	switch {
	case a <= 31 && b <= 12:
		return dmy{a, b, year}, true
	case b <= 31 && a <= 12:
		return dmy{b, a, year}, true
	}
	return dmy{}, false
}

// fourDigitYear reads 87 as 1987 and 15 as 2015.
func fourDigitYear(y int) int {
	switch {
	case y > 99:
		return y
	case y > 50:
		return y + 1900
	}
	return y + 2000
}

// yearGuesses: years near now first, at least minYearSpace of them.
func yearGuesses(y int) float64 {
	return float64(max(abs(y-referenceYear()), minYearSpace))
}

// dateGuesses: a day of a year, four times over when there is a separator to choose.
func dateGuesses(m *match) float64 {
	g := yearGuesses(m.yearValue) * 365
	if m.separator {
		g *= 4
	}
	return g
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
