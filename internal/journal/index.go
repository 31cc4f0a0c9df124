package journal

import (
	"container/heap"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
)

// Index is the journal's search index. It lives only in memory, is built from the
// decrypted entries after unlock, and is thrown away at lock; nothing of it is written
// anywhere. It ranks with BM25 over words; the last word of a query matches as a prefix,
// so results follow typing.
type Index struct {
	mu       sync.RWMutex
	docs     []*doc // by number; nil once removed
	byID     map[string]uint32
	postings map[string][]posting // word -> the documents holding it, in number order
	words    []string             // every indexed word, sorted, for prefix lookups
	live     int
	totalLen int
	stale    int             // removed documents still present in postings
	removed  map[string]bool // deleted while the index was being built: Load must not revive them
}

type doc struct {
	id, date, title, plain string
	mood                   int
	feelings, tags         []string
	length                 int
	updated                time.Time
}

type posting struct {
	doc uint32
	tf  uint16
}

// Weights of where a word appears: a word in the title says more than one in the body.
const (
	titleWeight = 3
	labelWeight = 2
	bodyWeight  = 1
	bm25K1      = 1.2
	bm25B       = 0.75
)

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{byID: map[string]uint32{}, postings: map[string][]posting{}, removed: map[string]bool{}}
}

// Len is how many entries the index holds.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.live
}

// Put adds e as just saved, replacing any earlier version of it.
func (ix *Index) Put(e Entry) { ix.put(e, true) }

// Load adds e as read while building the index. Saves and deletions that happened
// meanwhile win: an older version, or an entry removed since, is left out.
func (ix *Index) Load(e Entry) { ix.put(e, false) }

func (ix *Index) put(e Entry, fresh bool) {
	counts := map[string]int{}
	for _, w := range words(e.Title) {
		counts[w] += titleWeight
	}
	for _, l := range append(slices.Clone(e.Feelings), e.Tags...) {
		for _, w := range words(l) {
			counts[w] += labelWeight
		}
	}
	plain := plainText(e.Body)
	for _, w := range words(plain) {
		counts[w] += bodyWeight
	}
	d := &doc{id: e.ID, date: e.Date, title: e.Title, plain: plain, mood: e.Mood, feelings: e.Feelings, tags: e.Tags, updated: e.UpdatedAt}
	for _, c := range counts {
		d.length += c
	}

	ix.mu.Lock()
	defer ix.mu.Unlock()
	if !fresh {
		if n, ok := ix.byID[e.ID]; ix.removed[e.ID] || ok && ix.docs[n].updated.After(e.UpdatedAt) {
			return
		}
	}
	delete(ix.removed, e.ID)
	ix.removeLocked(e.ID)
	n := uint32(len(ix.docs))
	ix.docs = append(ix.docs, d)
	ix.byID[e.ID] = n
	ix.live++
	ix.totalLen += d.length
	for w, c := range counts {
		list, known := ix.postings[w]
		if !known {
			i, _ := slices.BinarySearch(ix.words, w)
			ix.words = slices.Insert(ix.words, i, w)
		}
		ix.postings[w] = append(list, posting{doc: n, tf: uint16(min(c, math.MaxUint16))})
	}
}

// Remove takes the entry with id out of the index.
func (ix *Index) Remove(id string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.removed[id] = true
	ix.removeLocked(id)
}

func (ix *Index) removeLocked(id string) {
	n, ok := ix.byID[id]
	if !ok {
		return
	}
	ix.totalLen -= ix.docs[n].length
	ix.docs[n] = nil
	delete(ix.byID, id)
	ix.live--
	ix.stale++
	// Editing leaves old versions in the postings; sweep them once they are a fifth.
	if ix.stale > 1000 && ix.stale*5 > ix.live {
		ix.compactLocked()
	}
}

func (ix *Index) compactLocked() {
	for w, list := range ix.postings {
		kept := list[:0]
		for _, p := range list {
			if ix.docs[p.doc] != nil {
				kept = append(kept, p)
			}
		}
		if len(kept) == 0 {
			delete(ix.postings, w)
			continue
		}
		ix.postings[w] = kept
	}
	ix.words = ix.words[:0]
	for w := range ix.postings {
		ix.words = append(ix.words, w)
	}
	slices.Sort(ix.words)
	ix.stale = 0
}

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

// Search finds the entries holding every word of query (the last as a prefix), best
// first, at most limit of them.
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

	// The rarest word first: later words then only look at documents still in the running.
	matches := make([][]string, len(tokens))
	for i, t := range tokens {
		matches[i] = ix.wordsFor(t)
		if len(matches[i]) == 0 {
			return Result{}
		}
	}
	order := make([]int, len(tokens))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return ix.frequency(matches[order[a]]) < ix.frequency(matches[order[b]]) })

	avgLen := float64(ix.totalLen) / float64(ix.live)
	total := make([]float32, len(ix.docs))
	best := make([]float32, len(ix.docs))
	found := make([]uint8, len(ix.docs))
	var touched []uint32
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

	top := &hitHeap{docs: ix.docs}
	for _, n := range touched { // after the last round, exactly the documents that matched all
		heap.Push(top, scored{n, total[n]})
		if top.Len() > limit {
			heap.Pop(top)
		}
	}
	res := Result{Total: len(touched), Hits: make([]Hit, top.Len())}
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

// plainText turns Markdown into the words a person reads, for snippets and the index:
// line markers (headings, quotes, list bullets), emphasis and code marks go, and links
// and images keep only their text. One pass, no regular expressions: it runs over every
// entry at each unlock.
func plainText(md string) string {
	if !strings.ContainsAny(md, "#>*_`~[-+0123456789") {
		return md
	}
	var b strings.Builder
	b.Grow(len(md))
	for line := range strings.Lines(md) {
		line = stripLineMarker(line)
		for i := 0; i < len(line); i++ {
			c := line[i]
			switch c {
			case '*', '_', '`', '~':
				continue
			case '!', '[':
				if text, n, ok := linkText(line[i:]); ok {
					b.WriteString(text)
					i += n - 1
					continue
				}
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// stripLineMarker removes a heading, quote, bullet or number marker from the start of line.
func stripLineMarker(line string) string {
	rest := strings.TrimLeft(line, " ")
	if len(line)-len(rest) > 3 {
		return line
	}
	n := 0
	switch {
	case strings.HasPrefix(rest, "#"):
		for n < len(rest) && n < 6 && rest[n] == '#' {
			n++
		}
	case strings.HasPrefix(rest, ">"), strings.HasPrefix(rest, "-"), strings.HasPrefix(rest, "+"), strings.HasPrefix(rest, "*"):
		n = 1
	default:
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(rest) || (rest[n] != '.' && rest[n] != ')') {
			return line
		}
		n++
	}
	if n < len(rest) && (rest[n] == ' ' || rest[n] == '\t') {
		return rest[n+1:]
	}
	return line
}

// linkText reads "[text](url)" or "![alt](url)" at the start of s and returns the text
// and how many bytes the link took.
func linkText(s string) (string, int, bool) {
	start := 0
	if strings.HasPrefix(s, "!") {
		start = 1
	}
	if !strings.HasPrefix(s[start:], "[") {
		return "", 0, false
	}
	closeText := strings.IndexByte(s[start:], ']')
	if closeText < 0 {
		return "", 0, false
	}
	closeText += start
	if closeText+1 >= len(s) || s[closeText+1] != '(' {
		return "", 0, false
	}
	closeURL := strings.IndexByte(s[closeText:], ')')
	if closeURL < 0 {
		return "", 0, false
	}
	return s[start+1 : closeText], closeText + closeURL + 1, true
}

// Summary is an entry as lists show it.
type Summary struct {
	ID, Date, Title, Excerpt string
	Mood                     int
	Feelings, Tags           []string
}

// Summarize gives the list view of e.
func Summarize(e Entry) Summary {
	return Summary{ID: e.ID, Date: e.Date, Title: e.Title, Excerpt: excerpt(plainText(e.Body)), Mood: e.Mood, Feelings: e.Feelings, Tags: e.Tags}
}

const excerptWords = 30

func excerpt(plain string) string {
	fields := strings.Fields(plain)
	if len(fields) <= excerptWords {
		return strings.Join(fields, " ")
	}
	return strings.Join(fields[:excerptWords], " ") + " …"
}

// Period is one week or month of the emotion log.
type Period struct {
	Start       string // YYYY-MM-DD: the Monday of the week, or the first of the month
	Entries     int
	MoodCount   int     // entries with a mood
	MoodAverage float64 // 0 when no entry has one
	Feelings    map[string]int
}

// EmotionLog gathers mood and feelings by week or month ("week" or "month") over the
// entries dated from..to inclusive, oldest first, leaving out periods with no entries.
func (ix *Index) EmotionLog(from, to time.Time, byMonth bool) []Period {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	periods := map[string]*Period{}
	lo, hi := from.Format(DateLayout), to.Format(DateLayout)
	for _, d := range ix.docs {
		if d == nil || d.date < lo || d.date > hi {
			continue
		}
		day, err := time.Parse(DateLayout, d.date)
		if err != nil {
			continue
		}
		start := periodStart(day, byMonth).Format(DateLayout)
		p := periods[start]
		if p == nil {
			p = &Period{Start: start, Feelings: map[string]int{}}
			periods[start] = p
		}
		p.Entries++
		if d.mood > 0 {
			p.MoodAverage += float64(d.mood)
			p.MoodCount++
		}
		for _, f := range d.feelings {
			p.Feelings[strings.ToLower(f)]++
		}
	}
	out := make([]Period, 0, len(periods))
	for _, p := range periods {
		if p.MoodCount > 0 {
			p.MoodAverage /= float64(p.MoodCount)
		}
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b Period) int { return strings.Compare(a.Start, b.Start) })
	return out
}

func periodStart(day time.Time, byMonth bool) time.Time {
	if byMonth {
		return time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	back := (int(day.Weekday()) + 6) % 7 // days since Monday
	return day.AddDate(0, 0, -back)
}

// Labels lists the feelings and the tags used across the journal, most used first.
func (ix *Index) Labels() (feelings, tags []string) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	fc, tc := map[string]int{}, map[string]int{}
	for _, d := range ix.docs {
		if d == nil {
			continue
		}
		for _, f := range d.feelings {
			fc[f]++
		}
		for _, t := range d.tags {
			tc[t]++
		}
	}
	return byUse(fc), byUse(tc)
}

func byUse(counts map[string]int) []string {
	out := make([]string, 0, len(counts))
	for k := range counts {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	return out
}
