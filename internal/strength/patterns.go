package strength

import "slices"

// repeatMatches is every stretch said again and again, left to right, each read as its
// shortest repeated part: "abcabcabc" is "abc" three times. Where a stretch can be read with
// a short part ("aa" in "aabaab") or a long one ("aab"), the reading that covers more wins.
func repeatMatches(rs []rune) []*match {
	var ms []*match
	for from := 0; from < len(rs); {
		i, short, long := firstRepeat(rs, from)
		if i < 0 {
			break
		}
		shortSpan, longSpan := repeatSpan(rs, i, short), repeatSpan(rs, i, long)
		span, part := shortSpan, short
		if longSpan > shortSpan {
			span = longSpan
			part = shortestPeriod(rs[i : i+span])
		}
		token := rs[i : i+span]
		baseRunes := token[:part]
		base := estimate(baseRunes, false)
		ms = append(ms, &match{
			kind: repeat, i: i, j: i + span - 1, token: string(token),
			base: string(baseRunes), baseGuesses: base.guesses, times: span / part,
		})
		from = i + span
	}
	return ms
}

// firstRepeat finds the first rune at or after from where some stretch is followed by
// itself, with the shortest and the longest such stretch; -1 when there is none.
func firstRepeat(rs []rune, from int) (i, short, long int) {
	for i = from; i < len(rs); i++ {
		short, long = 0, 0
		for part := 1; i+2*part <= len(rs); part++ {
			if slices.Equal(rs[i:i+part], rs[i+part:i+2*part]) {
				if short == 0 {
					short = part
				}
				long = part
			}
		}
		if short > 0 {
			return i, short, long
		}
	}
	return -1, 0, 0
}

// repeatSpan is how many runes from i are the first part runes said again, whole times.
func repeatSpan(rs []rune, i, part int) int {
	n := 1
	for i+(n+1)*part <= len(rs) && slices.Equal(rs[i:i+part], rs[i+n*part:i+(n+1)*part]) {
		n++
	}
	return n * part
}

// shortestPeriod is the shortest part that, said whole times, makes rs.
func shortestPeriod(rs []rune) int {
	for part := 1; part < len(rs); part++ {
		if len(rs)%part == 0 && repeatSpan(rs, 0, part) == len(rs) {
			return part
		}
	}
	return len(rs)
}

// maxStep is the largest step between runes that still reads as a run ("aceg", "2468").
const maxStep = 5

// runMatches is every stretch whose runes go up or down by the same small step: three
// runes or more, or two a step of one apart.
func runMatches(rs []rune) []*match {
	var ms []*match
	add := func(i, j int, step rune) {
		size := step
		if size < 0 {
			size = -size
		}
		if size == 0 || size > maxStep || (j-i < 2 && size != 1) {
			return
		}
		ms = append(ms, &match{kind: run, i: i, j: j, token: string(rs[i : j+1]), descending: step < 0})
	}
	if len(rs) < 2 {
		return nil
	}
	i, last := 0, rs[1]-rs[0]
	for k := 2; k < len(rs); k++ {
		if step := rs[k] - rs[k-1]; step != last {
			add(i, k-1, last)
			i, last = k-1, step
		}
	}
	add(i, len(rs)-1, last)
	return ms
}

// runGuesses: obvious starts (a, z, 0, 1, 9) first, then any digit or letter, either way.
func runGuesses(m *match) float64 {
	starts := 26.0
	switch first := []rune(m.token)[0]; {
	case first == 'a' || first == 'A' || first == 'z' || first == 'Z' || first == '0' || first == '1' || first == '9':
		starts = 4
	case first >= '0' && first <= '9':
		starts = 10
	}
	if m.descending {
		starts *= 2
	}
	return starts * float64(m.runes())
}

// yearMatches is every year from 1900 to 2099 standing as four digits, left to right.
func yearMatches(rs []rune) []*match {
	var ms []*match
	for k := 0; k+4 <= len(rs); k++ {
		y, ok := digitsValue(rs[k : k+4])
		if ok && y >= 1900 && y <= 2099 {
			ms = append(ms, &match{kind: year, i: k, j: k + 3, token: string(rs[k : k+4]), yearValue: y})
			k += 3
		}
	}
	return ms
}

// digitsValue reads ASCII digits as a number.
func digitsValue(rs []rune) (int, bool) {
	v := 0
	for _, r := range rs {
		if r < '0' || r > '9' {
			return 0, false
		}
		v = v*10 + int(r-'0')
	}
	return v, len(rs) > 0
}
