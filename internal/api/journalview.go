package api

import (
	"time"

	"github.com/goldseam/goldseam/internal/journal"
)

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
