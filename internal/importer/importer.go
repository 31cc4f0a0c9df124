// Package importer owns bringing journals kept in other apps into Goldseam: it reads
// jrnl's plain-text export and Day One's JSON export and turns them into journal entries
// that pass journal.Entry.Normalize. It only parses; storing the entries is the caller's.
//
// Entry IDs are derived from the source file, so importing the same export twice yields
// the same IDs and the caller can skip what it already has.
package importer

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/journal"
)

// MaxInput is the largest export accepted, in bytes. Real journals are far smaller; the
// limit keeps a wrong file (a disk image, a video) from exhausting memory.
const MaxInput = 200 << 20

// FormatError is a problem with the file being imported. Its message is written for the
// person importing, not for a developer.
type FormatError struct {
	Line   int    // 1-based line of the problem, or 0 when no single line is to blame
	Reason string // a complete sentence fit to show a person
}

func (e *FormatError) Error() string { return e.Reason }

func formatErr(line int, format string, args ...any) error {
	return &FormatError{Line: line, Reason: fmt.Sprintf(format, args...)}
}

// cleanText takes off the byte order mark some editors add and refuses a file with nothing
// in it, saying so.
func cleanText(data []byte, what string) ([]byte, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, formatErr(0, "This file is empty. Please choose the %s export file again; nothing has been imported.", what)
	}
	return data, nil
}

func sizeText(n int64) string {
	if n >= 1<<20 {
		return strconv.FormatInt(n>>20, 10) + " MB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// idMaker gives each imported entry a deterministic ID. It counts keys it has seen so two
// identical entries in one file still get distinct, yet repeatable, IDs.
type idMaker struct {
	source string
	seen   map[string]int
}

func newIDMaker(source string) *idMaker { return &idMaker{source: source, seen: map[string]int{}} }

// namespace is derived rather than stored so the package keeps no global state.
func namespace() uuid.UUID {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://goldseam.app/importer"))
}

func (m *idMaker) id(key string) string {
	m.seen[key]++
	if n := m.seen[key]; n > 1 {
		key += "\x00" + strconv.Itoa(n)
	}
	return uuid.NewSHA1(namespace(), []byte(m.source+"\x00"+key)).String()
}

// titleRoom leaves space in a title for a " (part 12 of 200)" suffix when a long entry is split.
const titleRoom = journal.MaxTitle - 24

// fitTitle keeps a title within Goldseam's limit. What does not fit is moved to the start
// of the body, so no words are lost.
func fitTitle(title, body string) (string, string) {
	title = strings.TrimSpace(title)
	if utf8.RuneCountInString(title) <= titleRoom {
		return title, body
	}
	cut, n := 0, 0
	for i := range title {
		if n == titleRoom-1 {
			cut = i
			break
		}
		n++
	}
	rest := "…" + title[cut:]
	if body != "" {
		rest += "\n\n" + body
	}
	return title[:cut] + "…", rest
}

// splitBody cuts a body into pieces Goldseam can keep, at line ends where it can and
// never inside a character.
func splitBody(body string) []string {
	var parts []string
	for len(body) > journal.MaxBody {
		cut := strings.LastIndexByte(body[:journal.MaxBody], '\n') + 1
		if cut <= 0 {
			cut = journal.MaxBody
			for cut > 0 && !utf8.RuneStart(body[cut]) {
				cut--
			}
		}
		if cut == 0 { // only possible with a malformed string; keep every byte anyway
			cut = journal.MaxBody
		}
		parts = append(parts, body[:cut])
		body = body[cut:]
	}
	return append(parts, body)
}

// finish turns one imported entry into one or more entries that pass Normalize, splitting
// an over-long body into numbered parts. An entry with nothing at all (no words, no mood, no
// feelings) gives none, and the caller names it as skipped. A mood alone is kept: in a mood
// tracker such as Daylio it is the whole entry.
func finish(e journal.Entry, key string, ids *idMaker) ([]journal.Entry, error) {
	e.Title, e.Body = fitTitle(e.Title, e.Body)
	if e.Title == "" && strings.TrimSpace(e.Body) == "" && e.Mood == 0 && len(e.Feelings) == 0 {
		return nil, nil
	}
	parts := splitBody(e.Body)
	out := make([]journal.Entry, 0, len(parts))
	for i, body := range parts {
		p := e
		p.Body = body
		p.Tags = append([]string(nil), e.Tags...)
		p.ID = ids.id(key)
		if len(parts) > 1 {
			p.Title = strings.TrimSpace(fmt.Sprintf("%s (part %d of %d)", e.Title, i+1, len(parts)))
			p.ID = ids.id(key + "\x00part" + strconv.Itoa(i+1))
		}
		if err := p.Normalize(); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// noWords is why an entry without a word in it was not imported.
const noWords = "It has no words."

// collector gathers what one export gives: the entries to add and, named, what was left out.
type collector struct {
	ids *idMaker
	exp Export
}

func newCollector(source string) *collector { return &collector{ids: newIDMaker(source)} }

// add keeps one entry read from the export, or names it as skipped when there is nothing in
// it to keep. where names the entry as the person would find it in the other app.
func (c *collector) add(e journal.Entry, key, where string) {
	entries, err := finish(e, key, c.ids)
	switch {
	case err != nil:
		c.skip(where, "Goldseam cannot keep it as it is: "+err.Error())
	case len(entries) == 0:
		c.skip(where, noWords)
	default:
		c.exp.Entries = append(c.exp.Entries, entries...)
	}
}

func (c *collector) skip(where, why string) {
	c.exp.Skipped = append(c.exp.Skipped, Skipped{Where: where, Why: why})
}

// journal notes the name of a journal, notebook or folder the entries came from, once.
func (c *collector) journal(name string) {
	name = strings.TrimSpace(name)
	if name == "" {
		return
	}
	for _, j := range c.exp.Journals {
		if strings.EqualFold(j, name) {
			return
		}
	}
	c.exp.Journals = append(c.exp.Journals, name)
}

// done returns what was gathered. An export with nothing in it at all is refused so the
// person is not left wondering whether the import worked; one whose every entry was
// skipped is returned, so the person sees why.
func (c *collector) done(what string) (*Export, error) {
	if len(c.exp.Entries) == 0 && len(c.exp.Skipped) == 0 {
		return nil, formatErr(0, "This %s export contains no journal entries, so there is nothing to import.", what)
	}
	return &c.exp, nil
}

// dayName writes a date the way a person says it: "3 May 2021".
func dayName(date string) string {
	d, err := time.Parse(journal.DateLayout, date)
	if err != nil {
		return date
	}
	return d.Format("2 January 2006")
}

// fitTags keeps the tags Goldseam can hold (journal.MaxLabels of up to journal.MaxLabel
// characters) and returns the rest, so the caller can keep them as text instead.
func fitTags(tags []string) (kept, left []string) {
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(t), "#"))
		key := strings.ToLower(t)
		if t == "" || seen[key] {
			continue
		}
		seen[key] = true
		if len(kept) < journal.MaxLabels && utf8.RuneCountInString(t) <= journal.MaxLabel {
			kept = append(kept, t)
		} else {
			left = append(left, t)
		}
	}
	return kept, left
}
