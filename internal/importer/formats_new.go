package importer

import (
	"bytes"
	"path"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/journal"
)

// newFormats lists the importers added for issue 20 (Daylio, Standard Notes, Diaro, a folder
// of Markdown files, Journey, Apple Journal), in the order people ask for them.
func newFormats() []Format {
	return []Format{daylio, standardNotes, diaro, markdownFolder, journey, appleJournal}
}

// noWords is why an entry with nothing in it is left out.
const noWords = "It has no words."

// gathering collects what one importer reads from an export: the entries to keep, with the
// key each ID is made from, and what was left out and why. It exists so that every new
// importer counts empty entries and names skipped ones the same way.
type gathering struct {
	items    []keyed
	skipped  []Skipped
	journals []string
}

// skip names one thing left out, as the person would find it in the other app.
func (g *gathering) skip(where, why string) { g.skipped = append(g.skipped, Skipped{where, why}) }

// add keeps e, unless it holds nothing at all, in which case it is counted as skipped.
func (g *gathering) add(e journal.Entry, key, where string) {
	if strings.TrimSpace(e.Title) == "" && strings.TrimSpace(e.Body) == "" && e.Mood == 0 && len(e.Feelings) == 0 {
		g.skip(where, noWords)
		return
	}
	g.items = append(g.items, keyed{e, key})
}

// journal records the name of a journal, notebook or folder the entries came from, once.
func (g *gathering) journal(name string) {
	name = strings.TrimSpace(name)
	if name == "" {
		return
	}
	for _, j := range g.journals {
		if strings.EqualFold(j, name) {
			return
		}
	}
	g.journals = append(g.journals, name)
}

// export finishes the entries (IDs, limits) for the named source and app.
func (g *gathering) export(source, app string) (*Export, error) {
	entries, err := finishAll(source, app, g.items)
	if err != nil {
		return nil, err
	}
	return &Export{Entries: entries, Skipped: g.skipped, Journals: g.journals}, nil
}

// fitLabels sets e's feelings and tags to what Goldseam can hold; the ones that do not fit
// (too many, too long) are written at the end of the body, so none are lost.
func fitLabels(e *journal.Entry, app string, feelings, tags []string) {
	var left []string
	e.Feelings, left = fitTags(cleanAll(feelings))
	if len(left) > 0 {
		e.Body = appendLine(e.Body, app+" feelings: "+strings.Join(left, ", "))
	}
	e.Tags, left = fitTags(cleanAll(tags))
	if len(left) > 0 {
		e.Body = appendLine(e.Body, app+" tags: "+strings.Join(left, ", "))
	}
}

func appendLine(body, line string) string {
	body = strings.TrimRight(body, "\n")
	if body == "" {
		return line
	}
	return body + "\n\n" + line
}

// clean makes text from another app safe to keep: valid UTF-8, Unix line ends, no NULs.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.ReplaceAll(s, "\x00", "")
}

func cleanAll(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		out = append(out, strings.TrimSpace(clean(s)))
	}
	return out
}

// dayOf is t's date as Goldseam keeps it, or false when it is outside the years Goldseam keeps.
func dayOf(t time.Time) (string, bool) {
	d := t.Format(journal.DateLayout)
	if _, err := journal.ParseDate(d); err != nil {
		return "", false
	}
	return d, true
}

// spoken is a date the way a person reads it in a list of what was skipped: "5 March 2024".
func spoken(t time.Time) string { return t.Format("2 January 2006") }

// fromMillis reads a time given as milliseconds since 1970, as Android apps write it,
// refusing values no journal could hold (before 1900 or after 2200).
func fromMillis(ms int64) (time.Time, bool) {
	const lo, hi = -2208988800000, 7258118400000 // 1900-01-01 and 2200-01-01
	if ms < lo || ms > hi {
		return time.Time{}, false
	}
	return time.UnixMilli(ms).UTC(), true
}

// namesEnding lists the export's files whose names end in one of exts (in any case), leaving
// out the copies macOS adds to zips it makes (__MACOSX/..., ._name).
func namesEnding(files Files, exts ...string) []string {
	var out []string
	for _, n := range files.Names() {
		lower := strings.ToLower(n)
		if strings.HasPrefix(n, "__MACOSX/") || strings.HasPrefix(path.Base(n), "._") {
			continue
		}
		for _, ext := range exts {
			if strings.HasSuffix(lower, ext) {
				out = append(out, n)
				break
			}
		}
	}
	return out
}

// readOne reads one file of the export without the byte order mark some editors add, refusing
// one larger than any journal export should be (for Files that do not limit sizes themselves).
func readOne(files Files, name, app string) ([]byte, error) {
	data, err := files.Read(name)
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > MaxInput {
		return nil, formatErr(0, "This file is larger than %s, which is far more than a %s export should be. Please check that you chose the right file.", sizeText(MaxInput), app)
	}
	return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), nil
}
