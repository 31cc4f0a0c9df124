package api

import (
	"context"
	"errors"
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

// Journal is the service behind the journal screens. Its search index (journal.LiveIndex)
// is built in the background after each unlock and dropped at each lock.
type Journal struct {
	session *session.Session
	entries *journal.Entries
	db      *store.DB
	k       keyed
	search  journal.LiveIndex

	// knownStep says whether a program step exists, for entries linked to one.
	knownStep func(id string) bool

	// emit tells the window how building the index went (SearchReady or SearchFailed);
	// NewServices sets it, and a Journal made alone tells no one.
	emit func(event string, data any)

	mu    sync.Mutex
	purge *time.Timer // removes deleted entries once their undo window has passed
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
	j := &Journal{session: s, db: db, knownStep: knownStep, k: keyed{session: s, purpose: vault.Journal, usable: db != nil}}
	if db == nil {
		return j
	}
	j.entries = journal.NewEntries(db)
	s.OnUnlock(j.unlocked)
	s.OnLock(func(session.Reason) { j.locked() })
	return j
}

// Save writes an entry (new when in.ID is empty) and returns its row as the list shows it,
// so that an autosave is one round trip: the list patches that row in place.
func (j *Journal) Save(in EntryInput) (EntrySummary, error) {
	if in.Step != "" && j.knownStep != nil && !j.knownStep(in.Step) {
		return EntrySummary{}, apperr.New(apperr.Invalid, "That program step does not exist.")
	}
	saved, err := withKey(j.k, func(ctx context.Context, key *vault.ContentKey) (journal.Entry, error) {
		return j.entries.Save(ctx, key, journal.Entry{
			ID: in.ID, Date: in.Date, Title: in.Title, Body: in.Body,
			Mood: in.Mood, Feelings: in.Feelings, Tags: in.Tags, Step: in.Step,
		})
	})
	if err != nil {
		return EntrySummary{}, err
	}
	j.search.Put(saved)
	return summary(saved), nil
}

// Get returns one entry.
func (j *Journal) Get(id string) (JournalEntry, error) {
	e, err := withKey(j.k, func(ctx context.Context, key *vault.ContentKey) (journal.Entry, error) {
		return j.entries.Get(ctx, key, id)
	})
	if err != nil {
		return JournalEntry{}, err
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
	return withKey(j.k, func(ctx context.Context, key *vault.ContentKey) (EntryPage, error) {
		list, total, err := j.entries.Page(ctx, key, offset, limit)
		return EntryPage{Offset: offset, Total: total, Entries: summaries(list)}, err
	})
}

// Months lists the months that have entries, newest first.
func (j *Journal) Months() ([]MonthCount, error) {
	return withKey(j.k, func(ctx context.Context, _ *vault.ContentKey) ([]MonthCount, error) {
		months, err := j.entries.Months(ctx)
		out := []MonthCount{}
		for _, m := range months {
			out = append(out, MonthCount{Month: m.Month, Count: m.Count})
		}
		return out, err
	})
}

// ListMonth returns the entries of month (YYYY-MM), newest first.
func (j *Journal) ListMonth(month string) ([]EntrySummary, error) {
	return withKey(j.k, func(ctx context.Context, key *vault.ContentKey) ([]EntrySummary, error) {
		list, err := j.entries.Month(ctx, key, month)
		return summaries(list), err
	})
}

// OnThisDay returns entries from this day of the month in earlier months and years.
// today is the person's local date, YYYY-MM-DD.
func (j *Journal) OnThisDay(today string) ([]EntrySummary, error) {
	return withKey(j.k, func(ctx context.Context, key *vault.ContentKey) ([]EntrySummary, error) {
		list, err := j.entries.OnThisDay(ctx, key, today)
		return summaries(list), err
	})
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
	err := j.k.do(func(ctx context.Context, _ *vault.ContentKey) error {
		return j.entries.Delete(ctx, id)
	})
	if err != nil {
		return DeletedEntry{}, err
	}
	j.search.Remove(id)
	j.schedulePurge()
	return DeletedEntry{ID: id, UndoSeconds: int(UndoWindow / time.Second)}, nil
}

// Undo brings back an entry deleted less than UndoWindow ago.
func (j *Journal) Undo(id string) (JournalEntry, error) {
	e, err := withKey(j.k, func(ctx context.Context, key *vault.ContentKey) (journal.Entry, error) {
		if err := j.entries.Restore(ctx, id); err != nil {
			return journal.Entry{}, err
		}
		return j.entries.Get(ctx, key, id)
	})
	if errors.Is(err, journal.ErrNotFound) {
		return JournalEntry{}, apperr.Wrap(apperr.NotFound, "It is too late to undo that: the entry is gone for good.", err)
	}
	if err != nil {
		return JournalEntry{}, err
	}
	j.search.Put(e)
	return entryView(e), nil
}

// EmotionLog gathers mood and feelings by "week" or "month" over from..to (YYYY-MM-DD).
func (j *Journal) EmotionLog(from, to, bucket string) (EmotionLog, error) {
	start, err := journal.ParseDate(from)
	if err != nil {
		return EmotionLog{}, coded(err)
	}
	end, err := journal.ParseDate(to)
	if err != nil {
		return EmotionLog{}, coded(err)
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
	if err := j.search.Wait(ctx); errors.Is(err, journal.ErrIndexOff) {
		return session.ErrLocked
	} else if err != nil {
		return err
	}
	return nil
}

// unlocked starts building the search index from every entry, in the background, and
// tells the window how it went once it has (a build a lock stopped tells no one).
func (j *Journal) unlocked() {
	ctx := j.session.Context()
	j.search.Start(ctx, j.everyEntry)
	go func() {
		err := j.search.Wait(ctx)
		switch {
		case ctx.Err() != nil || errors.Is(err, journal.ErrIndexOff):
		case err != nil:
			j.tell(SearchFailed)
		default:
			j.tell(SearchReady)
		}
	}()
}

func (j *Journal) tell(state string) {
	if j.emit != nil {
		j.emit(SearchEvent, state)
	}
}

// indexFailed says whether building this session's index failed; it stays failed until
// the next unlock.
func (j *Journal) indexFailed() bool {
	state, _ := j.search.State()
	return state == journal.IndexFailed
}

// everyEntry is the search index's source: the journal's entries, read under the session.
func (j *Journal) everyEntry(ctx context.Context, yield func(journal.Entry) error) error {
	// Entries deleted before Goldseam last closed are past their undo window by now.
	if err := j.purgeBefore(ctx, j.db.Now()); err != nil {
		return err
	}
	return j.session.WithKeys(func(u *vault.Unlocked) error {
		return j.entries.Each(ctx, u.Key(vault.Journal), yield)
	})
}

// locked drops the index and removes deleted entries at once: an undo window never
// outlives the session it was opened in.
func (j *Journal) locked() {
	j.search.Stop()
	j.mu.Lock()
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

// readyIndex returns the search index when it holds every entry (ready false while it is
// being built), or the locked error.
func (j *Journal) readyIndex() (*journal.Index, bool, error) {
	if j.entries == nil || !j.session.Unlocked() {
		return nil, false, session.ErrLocked
	}
	ix, state := j.search.Ready()
	if state == journal.IndexOff {
		return nil, false, session.ErrLocked
	}
	return ix, ix != nil, nil
}
