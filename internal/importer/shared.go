package importer

import (
	"bytes"
	"path"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/journal"
)

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
