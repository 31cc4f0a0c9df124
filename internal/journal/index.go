package journal

import (
	"math"
	"slices"
	"sync"
	"time"
)

// Index is the journal's search index. It lives only in memory, is built from the
// decrypted entries after unlock, and is thrown away at lock; nothing of it is written
// anywhere. It ranks with BM25 over words; every word of a query (but a single letter)
// matches as the start of a word, so results follow typing.
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
