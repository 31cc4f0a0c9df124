package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/goldseam/goldseam/internal/journal"
)

// jrnl writes each entry as a header line "[2024-05-01 18:30] Title" (older versions
// without the brackets), an optional " *" when starred, then the body up to the next header.
const jrnlTimeLayout = "2006-01-02 15:04"

// JRNL reads jrnl's plain-text export (`jrnl --export text`, which is also the layout of
// jrnl's own journal file). Times carry no zone in that format, so they are taken as written
// and stored as UTC. @tags in the title and body become tags; starred entries get "starred".
func JRNL(r io.Reader) ([]journal.Entry, error) { return jrnlLimited(r, MaxInput) }

func jrnlLimited(r io.Reader, limit int64) ([]journal.Entry, error) {
	data, err := readLimited(r, limit, "jrnl")
	if err != nil {
		return nil, err
	}
	raws, err := jrnlSplit(string(data))
	if err != nil {
		return nil, err
	}
	items := make([]keyed, 0, len(raws))
	for _, raw := range raws {
		items = append(items, keyed{raw.entry(), raw.key()})
	}
	return finishAll("jrnl", "jrnl", items)
}

// jrnlRaw is one entry as written in the file, before it becomes a journal.Entry.
type jrnlRaw struct {
	when    time.Time
	title   string
	starred bool
	body    []string
}

// jrnlSplit cuts the text into entries at header lines.
func jrnlSplit(text string) ([]*jrnlRaw, error) {
	var raws []*jrnlRaw
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if !utf8.ValidString(line) {
			return nil, formatErr(i+1, "Line %d of this file is not plain text that Goldseam can read. jrnl exports are UTF-8 text; please export again with `jrnl --export text`.", i+1)
		}
		h, isHeader, err := jrnlHeader(line, i+1)
		if err != nil {
			return nil, err
		}
		switch {
		case isHeader:
			raws = append(raws, h)
		case len(raws) > 0:
			raws[len(raws)-1].body = append(raws[len(raws)-1].body, line)
		case strings.TrimSpace(line) != "":
			return nil, formatErr(i+1, "This does not look like a jrnl export: line %d should start with a date such as [2024-05-01 18:30].", i+1)
		}
	}
	return raws, nil
}

// jrnlHeader recognises "[YYYY-MM-DD HH:MM] Title *" or the same without brackets. A line
// shaped like a header whose date is impossible is an error rather than body text, because
// silently gluing an entry onto the one before would hide it.
func jrnlHeader(line string, n int) (*jrnlRaw, bool, error) {
	stamp, rest, ok := cutStamp(line)
	if !ok {
		return nil, false, nil
	}
	when, err := time.Parse(jrnlTimeLayout, stamp)
	if err != nil {
		return nil, false, formatErr(n, "Line %d has a date Goldseam cannot read (%s). Dates in a jrnl export look like 2024-05-01 18:30.", n, stamp)
	}
	if _, err := journal.ParseDate(when.Format(journal.DateLayout)); err != nil {
		return nil, false, formatErr(n, "Line %d has the date %s, which is outside the years Goldseam keeps.", n, stamp)
	}
	title, starred := strings.CutSuffix(strings.TrimSpace(rest), " *")
	if rest == "*" || strings.TrimSpace(rest) == "*" {
		title, starred = "", true
	}
	return &jrnlRaw{when: when, title: strings.TrimSpace(title), starred: starred}, true, nil
}

// cutStamp splits "[2024-05-01 18:30] rest" or "2024-05-01 18:30 rest" into its time
// stamp and the rest of the line.
func cutStamp(line string) (stamp, rest string, ok bool) {
	const n = len("2024-05-01 18:30")
	bracketed := strings.HasPrefix(line, "[")
	if bracketed {
		line = line[1:]
	}
	if len(line) < n || !stampShape(line[:n]) {
		return "", "", false
	}
	stamp, rest = line[:n], line[n:]
	if bracketed {
		if rest, ok = strings.CutPrefix(rest, "]"); !ok {
			return "", "", false
		}
	}
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return "", "", false
	}
	return stamp, rest, true
}

// stampShape reports whether s looks like "dddd-dd-dd dd:dd", whether or not it is a real time.
func stampShape(s string) bool {
	for i := 0; i < len(s); i++ {
		want := "dddd-dd-dd dd:dd"[i]
		if want == 'd' && (s[i] < '0' || s[i] > '9') || want != 'd' && s[i] != want {
			return false
		}
	}
	return true
}

func (raw *jrnlRaw) text() string {
	lines := raw.body
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	return strings.Join(lines, "\n")
}

func (raw *jrnlRaw) entry() journal.Entry {
	body := raw.text()
	var tags []string
	if raw.starred {
		tags = append(tags, "starred")
	}
	tags = append(tags, atTags(raw.title+"\n"+body)...)
	// Tags that do not fit are dropped here without loss: their words stay in the text.
	tags, _ = fitTags(tags)
	return journal.Entry{
		Date: raw.when.Format(journal.DateLayout), Title: raw.title, Body: body, Tags: tags,
		CreatedAt: raw.when.UTC(), UpdatedAt: raw.when.UTC(),
	}
}

// key identifies the entry for its ID: the time plus a hash of its words.
func (raw *jrnlRaw) key() string {
	sum := sha256.Sum256([]byte(raw.title + "\x00" + raw.text()))
	return raw.when.Format(jrnlTimeLayout) + "\x00" + hex.EncodeToString(sum[:])
}

// atTags finds @tags the way jrnl does: an @ at the start of a word followed by letters,
// digits, '_' or '-'. An address such as a@b.com is not a tag because the @ is mid-word.
func atTags(text string) []string {
	var tags []string
	prev := ' '
	for i, r := range text {
		if r == '@' && unicode.IsSpace(prev) || r == '@' && i == 0 {
			if t := strings.Trim(tagWord(text[i+1:]), "-"); t != "" {
				tags = append(tags, strings.ToLower(t))
			}
		}
		prev = r
	}
	return tags
}

func tagWord(s string) string {
	end := strings.IndexFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-')
	})
	if end < 0 {
		return s
	}
	return s[:end]
}
