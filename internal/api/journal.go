package api

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// UndoWindow is how long a deleted entry can be brought back before it is gone for good.
const UndoWindow = 10 * time.Second

// Journal is the service behind the journal screens. Its search index is built in the
// background after each unlock and dropped at each lock.
type Journal struct {
	session *session.Session
	entries *journal.Entries
	db      *store.DB

	// knownStep says whether a program step exists, for entries linked to one.
	knownStep func(id string) bool

	// emit tells the window how building the index went (SearchReady or SearchFailed);
	// NewServices sets it, and a Journal made alone tells no one.
	emit func(event string, data any)

	mu     sync.Mutex
	index  *journal.Index // nil while locked
	ready  chan struct{}  // closed once index holds every entry
	failed bool           // building the index failed; it stays unready until the next unlock
	purge  *time.Timer    // removes deleted entries once their undo window has passed
}

// SearchEvent is the event that tells the window how building the search index after an
// unlock went: its data is SearchReady or SearchFailed. Search and the emotion log stop
// asking again when it comes.
const (
	SearchEvent  = "search:index"
	SearchReady  = "ready"
	SearchFailed = "failed"
)

// NewJournal returns the Journal service over db (nil when the data file is unusable).
// knownStep, when not nil, checks the program step an entry is linked to.
func NewJournal(db *store.DB, s *session.Session, knownStep func(id string) bool) *Journal {
	j := &Journal{session: s, db: db, knownStep: knownStep}
	if db == nil {
		return j
	}
	j.entries = journal.NewEntries(db)
	s.OnUnlock(j.unlocked)
	s.OnLock(func(session.Reason) { j.locked() })
	return j
}

// JournalEntry is one entry as the editor and the reader show it.
type JournalEntry struct {
	ID        string   `json:"id"`
	Date      string   `json:"date"` // YYYY-MM-DD
	Title     string   `json:"title"`
	Body      string   `json:"body"` // Markdown
	Mood      int      `json:"mood"` // 0 not set, 1-5
	Feelings  []string `json:"feelings"`
	Tags      []string `json:"tags"`
	Step      string   `json:"step"`
	CreatedAt string   `json:"createdAt"` // RFC 3339
	UpdatedAt string   `json:"updatedAt"`
}

// EntryInput is what the editor saves. An empty ID makes a new entry.
type EntryInput struct {
	ID       string   `json:"id"`
	Date     string   `json:"date"`
	Title    string   `json:"title"`
	Body     string   `json:"body"`
	Mood     int      `json:"mood"`
	Feelings []string `json:"feelings"`
	Tags     []string `json:"tags"`
	Step     string   `json:"step"`
}

// EntrySummary is an entry as a list shows it.
type EntrySummary struct {
	ID       string   `json:"id"`
	Date     string   `json:"date"`
	Title    string   `json:"title"`
	Excerpt  string   `json:"excerpt"`
	Mood     int      `json:"mood"`
	Feelings []string `json:"feelings"`
	Tags     []string `json:"tags"`
}

// EntryPage is a window of the whole journal, newest first.
type EntryPage struct {
	Total   int            `json:"total"`
	Offset  int            `json:"offset"`
	Entries []EntrySummary `json:"entries"`
}

// MonthCount is a month (YYYY-MM) and how many entries it has.
type MonthCount struct {
	Month string `json:"month"`
	Count int    `json:"count"`
}

// TextPart is a piece of a title or snippet; Match marks a word the search found. The
// interface shows parts as text, never as HTML.
type TextPart struct {
	Text  string `json:"text"`
	Match bool   `json:"match"`
}

// SearchHit is one entry a search found.
type SearchHit struct {
	ID      string     `json:"id"`
	Date    string     `json:"date"`
	Title   []TextPart `json:"title"`
	Snippet []TextPart `json:"snippet"`
	Mood    int        `json:"mood"`
}

// SearchResult is what a search found. Ready is false while the index is still being
// built after unlock; the interface asks again shortly, unless Failed says that building it
// failed (then it stays unready until the next unlock, and the interface says so).
type SearchResult struct {
	Ready  bool        `json:"ready"`
	Failed bool        `json:"failed"`
	Query  string      `json:"query"`
	Total  int         `json:"total"`
	Hits   []SearchHit `json:"hits"`
}

// DeletedEntry says how long a deletion can be undone.
type DeletedEntry struct {
	ID          string `json:"id"`
	UndoSeconds int    `json:"undoSeconds"`
}

// EmotionPeriod is one week or month of the emotion log.
type EmotionPeriod struct {
	Start       string         `json:"start"` // YYYY-MM-DD
	Entries     int            `json:"entries"`
	MoodCount   int            `json:"moodCount"`
	MoodAverage float64        `json:"moodAverage"`
	Feelings    map[string]int `json:"feelings"`
}

// EmotionLog is the emotion log over a span of time; Ready and Failed as in SearchResult.
type EmotionLog struct {
	Ready   bool            `json:"ready"`
	Failed  bool            `json:"failed"`
	Periods []EmotionPeriod `json:"periods"`
}

// Labels are the feelings and tags offered while writing: the suggested feelings and
// everything the person has used before, most used first.
type Labels struct {
	Feelings []string `json:"feelings"`
	Tags     []string `json:"tags"`
}

// Save writes an entry (new when in.ID is empty) and returns its row as the list shows it,
// so that an autosave is one round trip: the list patches that row in place.
func (j *Journal) Save(in EntryInput) (EntrySummary, error) {
	if in.Step != "" && j.knownStep != nil && !j.knownStep(in.Step) {
		return EntrySummary{}, apperr.New(apperr.Invalid, "That program step does not exist.")
	}
	var saved journal.Entry
	err := j.withJournalKey(func(ctx context.Context, key *vault.ContentKey) error {
		var err error
		saved, err = j.entries.Save(ctx, key, journal.Entry{
			ID: in.ID, Date: in.Date, Title: in.Title, Body: in.Body,
			Mood: in.Mood, Feelings: in.Feelings, Tags: in.Tags, Step: in.Step,
		})
		return err
	})
	if err != nil {
		return EntrySummary{}, journalError(err)
	}
	if ix, _ := j.current(); ix != nil {
		ix.Put(saved)
	}
	return summary(saved), nil
}

// Get returns one entry.
func (j *Journal) Get(id string) (JournalEntry, error) {
	var e journal.Entry
	err := j.withJournalKey(func(ctx context.Context, key *vault.ContentKey) error {
		var err error
		e, err = j.entries.Get(ctx, key, id)
		return err
	})
	if err != nil {
		return JournalEntry{}, journalError(err)
	}
	return entryView(e), nil
}

// maxPage is the most entries one List call returns.
const maxPage = 200

// List returns up to limit entries of the whole journal, newest first, from offset.
func (j *Journal) List(offset, limit int) (EntryPage, error) {
	if offset < 0 || limit < 1 || limit > maxPage {
		return EntryPage{}, apperr.New(apperr.Invalid, "That part of the journal cannot be shown.")
	}
	page := EntryPage{Offset: offset}
	err := j.withJournalKey(func(ctx context.Context, key *vault.ContentKey) error {
		list, total, err := j.entries.Page(ctx, key, offset, limit)
		page.Total, page.Entries = total, summaries(list)
		return err
	})
	return page, journalError(err)
}

// Months lists the months that have entries, newest first.
func (j *Journal) Months() ([]MonthCount, error) {
	out := []MonthCount{}
	err := j.withJournalKey(func(ctx context.Context, _ *vault.ContentKey) error {
		months, err := j.entries.Months(ctx)
		for _, m := range months {
			out = append(out, MonthCount{Month: m.Month, Count: m.Count})
		}
		return err
	})
	return out, journalError(err)
}

// ListMonth returns the entries of month (YYYY-MM), newest first.
func (j *Journal) ListMonth(month string) ([]EntrySummary, error) {
	out := []EntrySummary{}
	err := j.withJournalKey(func(ctx context.Context, key *vault.ContentKey) error {
		list, err := j.entries.Month(ctx, key, month)
		out = summaries(list)
		return err
	})
	return out, journalError(err)
}

// OnThisDay returns entries from this day of the month in earlier months and years.
// today is the person's local date, YYYY-MM-DD.
func (j *Journal) OnThisDay(today string) ([]EntrySummary, error) {
	out := []EntrySummary{}
	err := j.withJournalKey(func(ctx context.Context, key *vault.ContentKey) error {
		list, err := j.entries.OnThisDay(ctx, key, today)
		out = summaries(list)
		return err
	})
	return out, journalError(err)
}

// Search finds entries holding every word of query, the last one as a prefix.
func (j *Journal) Search(query string, limit int) (SearchResult, error) {
	if limit < 1 || limit > maxPage {
		limit = 50
	}
	res := SearchResult{Query: query, Hits: []SearchHit{}}
	ix, ready, err := j.readyIndex()
	if err != nil || !ready {
		res.Failed = j.indexFailed()
		return res, err
	}
	res.Ready = true
	found := ix.Search(query, limit)
	res.Total = found.Total
	for _, h := range found.Hits {
		res.Hits = append(res.Hits, SearchHit{ID: h.ID, Date: h.Date, Title: parts(h.Title), Snippet: parts(h.Snippet), Mood: h.Mood})
	}
	return res, nil
}

// Delete removes an entry; Undo brings it back within UndoWindow, after which it and its
// ciphertext are gone from the file for good.
func (j *Journal) Delete(id string) (DeletedEntry, error) {
	err := j.withJournalKey(func(ctx context.Context, _ *vault.ContentKey) error {
		return j.entries.Delete(ctx, id)
	})
	if err != nil {
		return DeletedEntry{}, journalError(err)
	}
	if ix, _ := j.current(); ix != nil {
		ix.Remove(id)
	}
	j.schedulePurge()
	return DeletedEntry{ID: id, UndoSeconds: int(UndoWindow / time.Second)}, nil
}

// Undo brings back an entry deleted less than UndoWindow ago.
func (j *Journal) Undo(id string) (JournalEntry, error) {
	var e journal.Entry
	err := j.withJournalKey(func(ctx context.Context, key *vault.ContentKey) error {
		if err := j.entries.Restore(ctx, id); err != nil {
			return err
		}
		var err error
		e, err = j.entries.Get(ctx, key, id)
		return err
	})
	if errors.Is(err, journal.ErrNotFound) {
		return JournalEntry{}, apperr.Wrap(apperr.NotFound, "It is too late to undo that: the entry is gone for good.", err)
	}
	if err != nil {
		return JournalEntry{}, journalError(err)
	}
	if ix, _ := j.current(); ix != nil {
		ix.Put(e)
	}
	return entryView(e), nil
}

// EmotionLog gathers mood and feelings by "week" or "month" over from..to (YYYY-MM-DD).
func (j *Journal) EmotionLog(from, to, bucket string) (EmotionLog, error) {
	start, err := journal.ParseDate(from)
	if err != nil {
		return EmotionLog{}, journalError(err)
	}
	end, err := journal.ParseDate(to)
	if err != nil {
		return EmotionLog{}, journalError(err)
	}
	if bucket != "week" && bucket != "month" {
		return EmotionLog{}, apperr.New(apperr.Invalid, "The emotion log goes by week or by month.")
	}
	out := EmotionLog{Periods: []EmotionPeriod{}}
	ix, ready, err := j.readyIndex()
	if err != nil || !ready {
		out.Failed = j.indexFailed()
		return out, err
	}
	out.Ready = true
	for _, p := range ix.EmotionLog(start, end, bucket == "month") {
		out.Periods = append(out.Periods, EmotionPeriod(p))
	}
	return out, nil
}

// Labels lists the feelings and tags to offer while writing.
func (j *Journal) Labels() (Labels, error) {
	out := Labels{Feelings: append([]string{}, journal.SuggestedFeelings...), Tags: []string{}}
	ix, ready, err := j.readyIndex()
	if err != nil || !ready {
		return out, err
	}
	feelings, tags := ix.Labels()
	seen := map[string]bool{}
	for _, f := range out.Feelings {
		seen[strings.ToLower(f)] = true
	}
	for _, f := range feelings {
		if !seen[strings.ToLower(f)] {
			out.Feelings = append(out.Feelings, f)
			seen[strings.ToLower(f)] = true
		}
	}
	out.Tags = append(out.Tags, tags...)
	return out, nil
}

// WaitForSearch blocks until j's search index is built or ctx ends; benchmarks and tests
// use it. It is a function, not a method, so that it is never bound to the window.
func WaitForSearch(ctx context.Context, j *Journal) error {
	j.mu.Lock()
	ready := j.ready
	j.mu.Unlock()
	if ready == nil {
		return session.ErrLocked
	}
	select {
	case <-ready:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// unlocked starts building the index from every entry, in the background.
func (j *Journal) unlocked() {
	ix, ready := journal.NewIndex(), make(chan struct{})
	j.mu.Lock()
	j.index, j.ready, j.failed = ix, ready, false
	j.mu.Unlock()
	ctx := j.session.Context()
	go func() {
		err := j.build(ctx, ix)
		switch {
		case ctx.Err() != nil:
			// A lock stopped it: there is no one to tell.
		case err != nil:
			j.mu.Lock()
			if j.ready == ready {
				j.failed = true
			}
			j.mu.Unlock()
			j.tell(SearchFailed)
		default:
			close(ready)
			j.tell(SearchReady)
		}
	}()
}

// build purges what is past its undo window and loads every entry into ix.
func (j *Journal) build(ctx context.Context, ix *journal.Index) error {
	// Entries deleted before Goldseam last closed are past their undo window by now.
	if err := j.purgeBefore(ctx, j.db.Now()); err != nil {
		return err
	}
	// One goroutine reads and decrypts; the others split the words up and index them.
	queue := make(chan journal.Entry, 256)
	var workers sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		workers.Go(func() {
			for e := range queue {
				ix.Load(e)
			}
		})
	}
	err := j.session.WithKeys(func(u *vault.Unlocked) error {
		return j.entries.Each(ctx, u.Key(vault.Journal), func(e journal.Entry) error {
			select {
			case queue <- e:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	})
	close(queue)
	workers.Wait()
	return err
}

func (j *Journal) tell(state string) {
	if j.emit != nil {
		j.emit(SearchEvent, state)
	}
}

// indexFailed says whether building this session's index failed.
func (j *Journal) indexFailed() bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.failed
}

// locked drops the index and removes deleted entries at once: an undo window never
// outlives the session it was opened in.
func (j *Journal) locked() {
	j.mu.Lock()
	j.index, j.ready, j.failed = nil, nil, false
	if j.purge != nil {
		j.purge.Stop()
	}
	j.mu.Unlock()
	j.entries.Purge(context.Background(), j.db.Now().Add(time.Hour))
}

func (j *Journal) schedulePurge() {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.purge != nil {
		j.purge.Stop()
	}
	j.purge = time.AfterFunc(UndoWindow+time.Second, func() {
		j.purgeBefore(context.Background(), j.db.Now().Add(-UndoWindow))
	})
}

// purgeBefore removes for good the entries deleted before cutoff and, when there were any,
// empties the write-ahead log so their ciphertext leaves the disk now (secure_delete has
// zeroed them in the pages; the checkpoint copies those pages over the old ones and drops
// the log's earlier copies). At lock, Lock does the checkpoint after every listener.
func (j *Journal) purgeBefore(ctx context.Context, cutoff time.Time) error {
	n, err := j.entries.Purge(ctx, cutoff)
	if err != nil || n == 0 {
		return err
	}
	j.session.Scrub()
	return nil
}

func (j *Journal) current() (*journal.Index, chan struct{}) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.index, j.ready
}

// readyIndex returns the index and whether it is complete, or the locked error.
func (j *Journal) readyIndex() (*journal.Index, bool, error) {
	if j.entries == nil || !j.session.Unlocked() {
		return nil, false, session.ErrLocked
	}
	ix, ready := j.current()
	if ix == nil {
		return nil, false, session.ErrLocked
	}
	select {
	case <-ready:
		return ix, true, nil
	default:
		return ix, false, nil
	}
}

// withJournalKey runs fn with the journal key while unlocked.
func (j *Journal) withJournalKey(fn func(ctx context.Context, key *vault.ContentKey) error) error {
	if j.entries == nil {
		return session.ErrLocked
	}
	return j.session.WithKeys(func(u *vault.Unlocked) error {
		return fn(context.Background(), u.Key(vault.Journal))
	})
}

func journalError(err error) error {
	var inv *journal.Invalid
	switch {
	case err == nil:
		return nil
	case errors.As(err, &inv):
		return apperr.Wrap(apperr.Invalid, inv.Reason, err)
	case errors.Is(err, journal.ErrNotFound):
		return apperr.Wrap(apperr.NotFound, "That entry is not in your journal any more.", err)
	}
	return wrapInternal(err)
}

func entryView(e journal.Entry) JournalEntry {
	return JournalEntry{
		ID: e.ID, Date: e.Date, Title: e.Title, Body: e.Body, Mood: e.Mood,
		Feelings: nonNil(e.Feelings), Tags: nonNil(e.Tags), Step: e.Step,
		CreatedAt: e.CreatedAt.Format(time.RFC3339), UpdatedAt: e.UpdatedAt.Format(time.RFC3339),
	}
}

func summaries(list []journal.Entry) []EntrySummary {
	out := make([]EntrySummary, len(list))
	for i, e := range list {
		out[i] = summary(e)
	}
	return out
}

func summary(e journal.Entry) EntrySummary {
	s := journal.Summarize(e)
	return EntrySummary{ID: s.ID, Date: s.Date, Title: s.Title, Excerpt: s.Excerpt, Mood: s.Mood, Feelings: nonNil(s.Feelings), Tags: nonNil(s.Tags)}
}

func parts(in []journal.Part) []TextPart {
	out := make([]TextPart, len(in))
	for i, p := range in {
		out[i] = TextPart{Text: p.Text, Match: p.Match}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
