package journal

import (
	"container/heap"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// Part is a piece of a title or snippet; Match marks the words the query found.
type Part struct {
	Text  string
	Match bool
}

// Hit is one entry a search found.
type Hit struct {
	ID, Date   string
	Title      []Part
	Snippet    []Part
	Mood       int
	Score      float64
	TitleEmpty bool
}

// Result is what a search found: the best hits and how many entries matched in all.
type Result struct {
	Total int
	Hits  []Hit
}

// Search finds the entries holding every word of query, each word as the start of a word
// (a single letter only as a whole word; see queryTokens), best first, at most limit of them.
func (ix *Index) Search(query string, limit int) Result {
	tokens := queryTokens(query)
	if len(tokens) == 0 || limit <= 0 {
		return Result{}
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.live == 0 {
		return Result{}
	}
	matches, order := ix.rarestFirst(tokens)
	if matches == nil {
		return Result{}
	}
	total, found := ix.score(matches, order)
	return ix.best(tokens, total, found, limit)
}

// rarestFirst lists the indexed words each token stands for, and the order to take the
// tokens in: the rarest first, so later ones only look at entries still in the running.
// matches is nil when some token stands for no word at all.
func (ix *Index) rarestFirst(tokens []token) (matches [][]string, order []int) {
	matches = make([][]string, len(tokens))
	for i, t := range tokens {
		matches[i] = ix.wordsFor(t)
		if len(matches[i]) == 0 {
			return nil, nil
		}
	}
	order = make([]int, len(tokens))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return ix.frequency(matches[order[a]]) < ix.frequency(matches[order[b]]) })
	return matches, order
}

// score runs one round per token in order, adding to each entry still in the running the
// BM25 score of its best word for that token. It returns every entry's total and the
// entries that matched in every round.
func (ix *Index) score(matches [][]string, order []int) (total []float32, touched []uint32) {
	avgLen := float64(ix.totalLen) / float64(ix.live)
	total = make([]float32, len(ix.docs))
	best := make([]float32, len(ix.docs))
	found := make([]uint8, len(ix.docs))
	for round, ti := range order {
		touched = touched[:0]
		for _, w := range matches[ti] {
			list := ix.postings[w]
			df := float64(len(list))
			idf := math.Log(1 + (float64(ix.live)-df+0.5)/(df+0.5))
			for _, p := range list {
				d := ix.docs[p.doc]
				if d == nil || int(found[p.doc]) != round {
					continue
				}
				tf := float64(p.tf)
				s := float32(idf * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*float64(d.length)/avgLen)))
				if best[p.doc] == 0 {
					touched = append(touched, p.doc)
				}
				best[p.doc] = max(best[p.doc], s)
			}
		}
		for _, n := range touched {
			total[n] += best[n]
			found[n]++
			best[n] = 0
		}
	}
	return total, touched // after the last round, exactly the entries that matched all
}

// best keeps the limit highest-scoring of the entries found and makes them hits, best first.
func (ix *Index) best(tokens []token, total []float32, found []uint32, limit int) Result {
	top := &hitHeap{docs: ix.docs}
	for _, n := range found {
		heap.Push(top, scored{n, total[n]})
		if top.Len() > limit {
			heap.Pop(top)
		}
	}
	res := Result{Total: len(found), Hits: make([]Hit, top.Len())}
	for i := top.Len() - 1; i >= 0; i-- {
		s := heap.Pop(top).(scored)
		d := ix.docs[s.n]
		res.Hits[i] = Hit{
			ID: d.id, Date: d.date, Mood: d.mood, Score: float64(s.score),
			Title: mark(d.title, tokens), TitleEmpty: d.title == "",
			Snippet: snippet(d.plain, tokens),
		}
	}
	return res
}

// wordsFor lists the indexed words a query token stands for: itself, or every word it
// begins when it is a prefix.
func (ix *Index) wordsFor(t token) []string {
	if !t.prefix {
		if _, ok := ix.postings[t.text]; ok {
			return []string{t.text}
		}
		return nil
	}
	i, _ := slices.BinarySearch(ix.words, t.text)
	var out []string
	for ; i < len(ix.words) && strings.HasPrefix(ix.words[i], t.text); i++ {
		out = append(out, ix.words[i])
	}
	return out
}

func (ix *Index) frequency(ws []string) int {
	n := 0
	for _, w := range ws {
		n += len(ix.postings[w])
	}
	return n
}

type scored struct {
	n     uint32
	score float32
}

// hitHeap keeps the best hits with the weakest on top; ties go to the newer entry.
type hitHeap struct {
	items []scored
	docs  []*doc
}

func (h *hitHeap) Len() int { return len(h.items) }
func (h *hitHeap) Less(i, j int) bool {
	a, b := h.items[i], h.items[j]
	if a.score != b.score {
		return a.score < b.score
	}
	return h.docs[a.n].date < h.docs[b.n].date
}
func (h *hitHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *hitHeap) Push(x any)    { h.items = append(h.items, x.(scored)) }
func (h *hitHeap) Pop() any {
	last := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return last
}

type token struct {
	text   string
	prefix bool
}

// queryTokens reads what a person typed: every word counts as a prefix, except a single
// letter, which would match half the journal.
func queryTokens(q string) []token {
	var out []token
	for _, w := range words(q) {
		out = append(out, token{text: w, prefix: len([]rune(w)) > 1})
	}
	return out
}

// words splits text into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func matches(word string, tokens []token) bool {
	w := strings.ToLower(word)
	for _, t := range tokens {
		if w == t.text || (t.prefix && strings.HasPrefix(w, t.text)) {
			return true
		}
	}
	return false
}

// mark splits text into parts, marking the words the tokens match.
func mark(text string, tokens []token) []Part {
	var parts []Part
	emit := func(s string, m bool) {
		if s == "" {
			return
		}
		if n := len(parts); n > 0 && parts[n-1].Match == m {
			parts[n-1].Text += s
			return
		}
		parts = append(parts, Part{Text: s, Match: m})
	}
	start := -1
	for i, r := range text + " " {
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case isWord && start < 0:
			start = i
		case !isWord && start >= 0:
			w := text[start:i]
			emit(w, matches(w, tokens))
			start = -1
			fallthrough
		case !isWord:
			if i < len(text) {
				emit(string(r), false)
			}
		}
	}
	return parts
}

// snippetWords is how many words a snippet shows around the first match.
const (
	snippetBefore = 8
	snippetAfter  = 22
)

// snippet is the stretch of plain around the first word the tokens match, marked.
func snippet(plain string, tokens []token) []Part {
	fields := strings.Fields(plain)
	at := 0
	for i, f := range fields {
		if slices.ContainsFunc(words(f), func(w string) bool { return matches(w, tokens) }) {
			at = i
			break
		}
	}
	from := max(0, at-snippetBefore)
	to := min(len(fields), at+snippetAfter)
	text := strings.Join(fields[from:to], " ")
	if from > 0 {
		text = "… " + text
	}
	if to < len(fields) {
		text += " …"
	}
	return mark(text, tokens)
}
