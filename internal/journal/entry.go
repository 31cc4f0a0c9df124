// Package journal owns the private journal: entries sealed with the journal key in the
// data file, their validation, and the in-memory search index that exists only while the
// vault is unlocked.
//
// An entry's words, mood, feelings, tags and step live in one sealed field; only its id,
// the date it is about and its timestamps are stored in the clear.
package journal

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goldseam/goldseam/internal/apperr"
)

// Entry is one journal entry, decrypted.
type Entry struct {
	ID        string
	Date      string // YYYY-MM-DD, the day it is about
	Title     string
	Body      string // Markdown
	Mood      int    // 0 not set, 1 (very low) to 5 (very good)
	Feelings  []string
	Tags      []string
	Step      string // the program step it belongs to, or ""
	CreatedAt time.Time
	UpdatedAt time.Time
}

// The limits of an entry. They are generous: they exist so that a runaway paste cannot
// make the journal slow for everything else.
const (
	MaxTitle     = 300     // characters
	MaxBody      = 1 << 20 // bytes of Markdown
	MaxLabels    = 30      // feelings, and tags, per entry
	MaxLabel     = 40      // characters per feeling or tag
	DateLayout   = "2006-01-02"
	MonthLayout  = "2006-01"
	earliestYear = 1900
	latestYear   = 2200
)

// invalid refuses what a person entered, with a sentence that tells them why.
func invalid(format string, args ...any) error { return apperr.Errorf(apperr.Invalid, format, args...) }

// stepPattern is the shape of a program step id; the service checks the step exists.
var stepPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,60}$`)

// Normalize checks e and tidies it: trimmed title, feelings and tags without repeats
// (ignoring case) and without a leading '#'.
func (e *Entry) Normalize() error {
	if _, err := ParseDate(e.Date); err != nil {
		return err
	}
	if !utf8.ValidString(e.Title) || !utf8.ValidString(e.Body) {
		return invalid("This entry contains characters Goldseam cannot read. Please check what was pasted in.")
	}
	e.Title = strings.TrimSpace(e.Title)
	if n := utf8.RuneCountInString(e.Title); n > MaxTitle {
		return invalid("The title is %d characters long; please keep it under %d. The rest can go in the entry itself.", n, MaxTitle)
	}
	if len(e.Body) > MaxBody {
		return invalid("This entry is longer than Goldseam can keep in one piece (about a million characters). Please split it into two entries.")
	}
	if e.Mood < 0 || e.Mood > 5 {
		return invalid("Mood goes from 1 to 5, or can be left out.")
	}
	var err error
	if e.Feelings, err = labels(e.Feelings, "feelings"); err != nil {
		return err
	}
	if e.Tags, err = labels(e.Tags, "tags"); err != nil {
		return err
	}
	if e.Step != "" && !stepPattern.MatchString(e.Step) {
		return invalid("That program step does not exist.")
	}
	if e.Title == "" && strings.TrimSpace(e.Body) == "" && e.Mood == 0 && len(e.Feelings) == 0 {
		return invalid("There is nothing to save yet: write something, or choose a mood or a feeling.")
	}
	return nil
}

// ParseDate reads a YYYY-MM-DD date and checks it is a real day within reason.
func ParseDate(s string) (time.Time, error) {
	d, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, invalid("Please give the date as year, month and day (for example 2026-11-22).")
	}
	if d.Year() < earliestYear || d.Year() > latestYear {
		return time.Time{}, invalid("That date is outside the years Goldseam keeps (%d to %d).", earliestYear, latestYear)
	}
	return d, nil
}

func labels(in []string, what string) ([]string, error) {
	seen := map[string]bool{}
	out := make([]string, 0, len(in))
	for _, l := range in {
		l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "#"))
		if l == "" {
			continue
		}
		if !utf8.ValidString(l) || utf8.RuneCountInString(l) > MaxLabel {
			return nil, invalid("Each of the %s can be up to %d characters long.", what, MaxLabel)
		}
		key := strings.ToLower(l)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, l)
	}
	if len(out) > MaxLabels {
		return nil, invalid("An entry can have up to %d %s.", MaxLabels, what)
	}
	return out, nil
}

// SuggestedFeelings are offered when writing; a person can add their own.
var SuggestedFeelings = []string{
	"anger", "grief", "confusion", "relief", "hope", "fear", "shame", "numbness",
	"loneliness", "jealousy", "sadness", "calm", "gratitude", "tenderness", "doubt", "pride",
}
