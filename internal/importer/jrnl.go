package importer

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/goldseam/goldseam/internal/journal"
)

// jrnl reads jrnl's journal file or its exports: the plain text (`jrnl --format text`, the
// layout of jrnl's own file, in whatever timeformat the person set) or the JSON (`jrnl
// --format json`). Times carry no zone, so they are taken as written and stored as UTC.
// Tags are found as jrnl finds them (@ at the start of a word, then letters, digits and
// - + * # / _, lowered); starred entries get "starred". An encrypted journal is refused with
// the way to export it.
var jrnl = Format{
	ID: "jrnl", Name: "jrnl",
	Keeps: "Every entry in the journal file or its text or JSON export, with its words, date, time, @tags and stars.",
	Read:  readJRNL,
}

// jrnlKeyLayout is the time as it enters an entry's ID; kept to the minute, as the first
// versions of this importer made IDs, so a journal imported before is recognised.
const jrnlKeyLayout = "2006-01-02 15:04"

func readJRNL(files Files) (*Export, error) {
	names := files.Names()
	if len(names) != 1 {
		return nil, formatErr(0, "A jrnl journal is one file. Please choose the journal file itself, or the file made by `jrnl --format text`.")
	}
	data, err := files.Read(names[0])
	if err != nil {
		return nil, err
	}
	if jrnlEncrypted(data) {
		return nil, formatErr(0, "This journal is encrypted, so Goldseam cannot read it. Please export it first with `jrnl --format text > journal.txt` (or `--format json`), then import that file.")
	}
	if data, err = cleanText(data, "jrnl"); err != nil {
		return nil, err
	}
	if trimmed := bytes.TrimSpace(data); trimmed[0] == '{' {
		return readJRNLJSON(trimmed)
	}
	return readJRNLText(string(data))
}

// jrnlEncrypted recognises jrnl's encrypted journals: since jrnl 2 the whole file is one
// Fernet token (URL-safe base64 starting "gAAAAA"); jrnl 1 wrote raw encrypted bytes, which
// are not text at all.
func jrnlEncrypted(data []byte) bool {
	t := bytes.TrimSpace(data)
	if bytes.HasPrefix(t, []byte("gAAAAA")) && bytes.IndexFunc(t, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '=')
	}) < 0 {
		return true
	}
	first, _, _ := bytes.Cut(t, []byte("\n"))
	return len(t) > 0 && !utf8.Valid(first) && !bytes.HasPrefix(t, []byte("["))
}

// jrnlRaw is one entry as written in the file, before it becomes a journal.Entry.
type jrnlRaw struct {
	line    int
	stamp   stamp
	when    time.Time
	title   string
	starred bool
	body    []string
}

func readJRNLText(text string) (*Export, error) {
	var raws []*jrnlRaw
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSuffix(line, "\r")
		if !utf8.ValidString(line) {
			return nil, formatErr(i+1, "Line %d of this file is not plain text that Goldseam can read. jrnl exports are UTF-8 text; please export again with `jrnl --format text`.", i+1)
		}
		h, err := jrnlHeader(line, i+1)
		if err != nil {
			return nil, err
		}
		switch {
		case h != nil:
			raws = append(raws, h)
		case len(raws) > 0:
			raws[len(raws)-1].body = append(raws[len(raws)-1].body, line)
		case strings.TrimSpace(line) != "":
			return nil, formatErr(i+1, "This does not look like a jrnl export: line %d should start with a date such as [2024-05-01 18:30].", i+1)
		}
	}
	dayFirst, err := dayFirstIn(raws)
	if err != nil {
		return nil, err
	}
	c := newCollector("jrnl")
	for _, raw := range raws {
		if raw.when, err = raw.stamp.time(dayFirst); err != nil {
			return nil, formatErr(raw.line, "Line %d has a date Goldseam cannot read (%s). %s", raw.line, raw.stamp.text, err.Error())
		}
		if _, err := journal.ParseDate(raw.when.Format(journal.DateLayout)); err != nil {
			return nil, formatErr(raw.line, "Line %d has the date %s, which is outside the years Goldseam keeps.", raw.line, raw.stamp.text)
		}
		body := raw.text()
		c.add(jrnlEntry(raw.when, raw.title, body, raw.starred, atTags(raw.title+"\n"+body)), jrnlKey(raw.when, raw.title, body), jrnlWhere(raw.when))
	}
	return c.done("jrnl")
}

// dayFirstIn decides, for the whole file, whether dates such as 03/04/2024 put the day or
// the month first: a day over 12 settles it. When nothing settles it the month comes first,
// as in jrnl's own examples and the C locale's %x.
func dayFirstIn(raws []*jrnlRaw) (bool, error) {
	dayFirstLine, monthFirstLine := 0, 0
	for _, r := range raws {
		if !r.stamp.ambiguous {
			continue
		}
		if r.stamp.a > 12 && dayFirstLine == 0 {
			dayFirstLine = r.line
		}
		if r.stamp.b > 12 && monthFirstLine == 0 {
			monthFirstLine = r.line
		}
	}
	if dayFirstLine > 0 && monthFirstLine > 0 {
		return false, formatErr(monthFirstLine, "The dates in this file are written two ways: line %d puts the day first, line %d the month first, so Goldseam cannot tell which day each entry is. Please export again with `jrnl --format json`.", dayFirstLine, monthFirstLine)
	}
	return dayFirstLine > 0, nil
}

// jrnlHeader recognises a header line: "[<time in the journal's timeformat>] Title *", or,
// as older versions of jrnl wrote, "2024-05-01 18:30 Title" without brackets. A line
// shaped like a header whose date is impossible is an error rather than body text, because
// silently gluing an entry onto the one before would hide it.
func jrnlHeader(line string, n int) (*jrnlRaw, error) {
	var text, rest string
	if inner, after, ok := strings.Cut(line, "]"); ok && strings.HasPrefix(line, "[") && len(inner) <= 80 {
		text, rest = inner[1:], after
	} else if len(line) >= len(jrnlKeyLayout) && stampShape(line[:len(jrnlKeyLayout)]) {
		text, rest = line[:len(jrnlKeyLayout)], line[len(jrnlKeyLayout):]
	} else {
		return nil, nil
	}
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
		return nil, nil
	}
	st, ok := parseStamp(text)
	if !ok {
		return nil, nil
	}
	if _, err := st.time(false); err != nil && !st.ambiguous {
		return nil, formatErr(n, "Line %d has a date Goldseam cannot read (%s). %s", n, text, err.Error())
	}
	title, starred := strings.CutSuffix(strings.TrimSpace(rest), " *")
	if strings.TrimSpace(rest) == "*" {
		title, starred = "", true
	}
	return &jrnlRaw{line: n, stamp: st, title: strings.TrimSpace(title), starred: starred}, nil
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

// stamp is a date and time as jrnl's timeformat (a strftime pattern) may write it, read
// into its parts. A date of three numbers with the year last is ambiguous until the whole
// file is seen: a is the first number, b the second.
type stamp struct {
	text                   string
	year, month, day, a, b int
	ambiguous              bool
	hour, min, sec         int
	half                   string // "am", "pm" or "" for a 24-hour clock
}

var (
	clockPattern = regexp.MustCompile(`(?i)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d{1,9})?\s*([ap])\.?m\.?`)
	clock24      = regexp.MustCompile(`(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d{1,9})?`)
	months       = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
	weekdays     = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
)

// parseStamp reads the parts of a time stamp: a clock (24-hour, or 12-hour with AM/PM) and
// a date of numbers (year first, or year last) or with the month's English name, with any
// separators and an optional weekday. ok is false when s is not shaped like a stamp at all.
func parseStamp(s string) (st stamp, ok bool) {
	st.text = s
	loc := clockPattern.FindStringSubmatchIndex(s)
	if loc != nil {
		st.half = strings.ToLower(s[loc[8]:loc[9]]) + "m"
	} else if loc = clock24.FindStringSubmatchIndex(s); loc == nil {
		return st, false
	}
	st.hour, _ = strconv.Atoi(s[loc[2]:loc[3]])
	st.min, _ = strconv.Atoi(s[loc[4]:loc[5]])
	if loc[6] >= 0 {
		st.sec, _ = strconv.Atoi(s[loc[6]:loc[7]])
	}
	rest := s[:loc[0]] + " " + s[loc[1]:]
	var nums []string
	for _, tok := range tokens(rest) {
		switch low := strings.ToLower(tok); {
		case unicode.IsDigit(rune(tok[0])):
			nums = append(nums, tok)
		case low == "t" || low == "at" || low == "of" || isOrdinal(low) && len(nums) > 0: // 2020-08-29T11:11, 29th
		case len(low) >= 3 && indexPrefix(weekdays, low) >= 0:
		case len(low) >= 3 && indexPrefix(months, low) >= 0:
			if st.month != 0 {
				return st, false
			}
			st.month = indexPrefix(months, low) + 1
		default:
			return st, false
		}
	}
	return st, st.date(nums)
}

// tokens cuts s into runs of digits and runs of letters; everything else separates them.
func tokens(s string) []string {
	var out []string
	kind := func(r rune) int {
		switch {
		case unicode.IsDigit(r):
			return 1
		case unicode.IsLetter(r):
			return 2
		}
		return 0
	}
	start, prev := -1, 0
	for i, r := range s + " " {
		k := kind(r)
		if k != prev && start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		if k != 0 && start < 0 {
			start = i
		}
		prev = k
	}
	return out
}

// isOrdinal reports whether s is the ending of "1st", "2nd", "3rd" or "29th".
func isOrdinal(s string) bool { return s == "st" || s == "nd" || s == "rd" || s == "th" }

// indexPrefix finds the name whose first three letters start word, when word is itself a
// beginning of the full name ("sept", "tues" and "september" all count).
func indexPrefix(names []string, word string) int {
	full := map[string]string{"jan": "january", "feb": "february", "mar": "march", "apr": "april", "may": "may", "jun": "june",
		"jul": "july", "aug": "august", "sep": "september", "oct": "october", "nov": "november", "dec": "december",
		"mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday", "fri": "friday", "sat": "saturday", "sun": "sunday"}
	for i, n := range names {
		if strings.HasPrefix(full[n], word) {
			return i
		}
	}
	return -1
}

// date places the numbers of a stamp as year, month and day.
func (st *stamp) date(nums []string) bool {
	num := func(i int) int { n, _ := strconv.Atoi(nums[i]); return n }
	year := func(i int) int {
		if len(nums[i]) <= 2 { // %y: as strptime reads it, 69-99 are the 1900s
			if y := num(i); y < 69 {
				return 2000 + y
			}
			return 1900 + num(i)
		}
		return num(i)
	}
	switch {
	case st.month != 0 && len(nums) == 2 && len(nums[0]) == 4:
		st.year, st.day = num(0), num(1)
	case st.month != 0 && len(nums) == 2:
		st.day, st.year = num(0), year(1)
	case st.month == 0 && len(nums) == 3 && len(nums[0]) == 4:
		st.year, st.month, st.day = num(0), num(1), num(2)
	case st.month == 0 && len(nums) == 3 && len(nums[0]) <= 2 && len(nums[1]) <= 2 && (len(nums[2]) == 4 || len(nums[2]) == 2):
		st.a, st.b, st.year, st.ambiguous = num(0), num(1), year(2), true
	default:
		return false
	}
	return true
}

// time makes the stamp a time, putting the day first in an ambiguous date when dayFirst.
// Its error says, in a sentence, what is wrong.
func (st stamp) time(dayFirst bool) (time.Time, error) {
	month, day := st.month, st.day
	if st.ambiguous {
		month, day = st.a, st.b
		if dayFirst {
			month, day = st.b, st.a
		}
	}
	hour := st.hour
	switch st.half {
	case "am", "pm":
		if hour < 1 || hour > 12 {
			return time.Time{}, fmt.Errorf("There is no hour %d on a 12-hour clock.", hour)
		}
		hour %= 12
		if st.half == "pm" {
			hour += 12
		}
	}
	t := time.Date(st.year, time.Month(month), day, hour, st.min, st.sec, 0, time.UTC)
	if month < 1 || month > 12 || t.Day() != day || t.Hour() != hour || t.Minute() != st.min || t.Second() != st.sec {
		return time.Time{}, fmt.Errorf("There is no such day or time.")
	}
	return t, nil
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

func jrnlEntry(when time.Time, title, body string, starred bool, tags []string) journal.Entry {
	if starred {
		tags = append([]string{"starred"}, tags...)
	}
	// Tags that do not fit are dropped here without loss: their words stay in the text.
	tags, _ = fitTags(tags)
	return journal.Entry{
		Date: when.Format(journal.DateLayout), Title: title, Body: body, Tags: tags,
		CreatedAt: when, UpdatedAt: when,
	}
}

// jrnlKey identifies the entry for its ID: the time plus a hash of its words, the same
// whether the entry was read from the text or the JSON.
func jrnlKey(when time.Time, title, body string) string {
	sum := sha256.Sum256([]byte(title + "\x00" + body))
	return when.Format(jrnlKeyLayout) + "\x00" + hex.EncodeToString(sum[:])
}

func jrnlWhere(when time.Time) string {
	return "entry of " + dayName(when.Format(journal.DateLayout)) + " at " + when.Format("15:04")
}

// atTags finds @tags as jrnl does (its pattern is (?<!\S)(@[-+*#/\w]+), lowered): an @ at
// the start of the text or after a space, then letters, digits, '_' and - + * # /. So
// @C++ and @OS/2 stay whole, and an address such as a@b.com is not a tag.
func atTags(text string) []string {
	var tags []string
	prev := ' '
	for i, r := range text {
		if r == '@' && unicode.IsSpace(prev) {
			if t := tagWord(text[i+1:]); t != "" {
				tags = append(tags, strings.ToLower(t))
			}
		}
		prev = r
	}
	return tags
}

func tagWord(s string) string {
	end := strings.IndexFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) || unicode.IsMark(r) || strings.ContainsRune("_-+*#/", r))
	})
	if end < 0 {
		return s
	}
	return s[:end]
}

// jrnlJSON is jrnl's JSON export: {"tags": {...}, "entries": [{"title", "body", "date",
// "time", "tags", "starred"}]}, dates as 2020-08-29 and times as 11:11.
type jrnlJSON struct {
	Entries *[]json.RawMessage `json:"entries"`
}

type jrnlJSONEntry struct {
	Title   string   `json:"title"`
	Body    string   `json:"body"`
	Date    string   `json:"date"`
	Time    string   `json:"time"`
	Tags    []string `json:"tags"`
	Starred bool     `json:"starred"`
}

func readJRNLJSON(data []byte) (*Export, error) {
	var exp jrnlJSON
	if err := json.Unmarshal(data, &exp); err != nil || exp.Entries == nil {
		return nil, formatErr(0, "This does not look like a jrnl export: Goldseam expected the file made by `jrnl --format json`, with a list of entries.")
	}
	c := newCollector("jrnl")
	for i, raw := range *exp.Entries {
		where := fmt.Sprintf("entry %d", i+1)
		var e jrnlJSONEntry
		if err := json.Unmarshal(raw, &e); err != nil {
			c.skip(where, "It holds something jrnl does not write in an entry, so Goldseam cannot read it.")
			continue
		}
		at := strings.TrimSpace(e.Date + " " + e.Time)
		when, err := time.Parse("2006-01-02 15:04", at)
		if err != nil {
			if when, err = time.Parse("2006-01-02 15:04:05", at); err != nil {
				c.skip(where, fmt.Sprintf("Goldseam cannot read its date (%q); jrnl writes dates like 2024-05-01 and times like 18:30.", at))
				continue
			}
		}
		if _, err := journal.ParseDate(when.Format(journal.DateLayout)); err != nil {
			c.skip(jrnlWhere(when), "It is dated outside the years Goldseam keeps.")
			continue
		}
		tags := make([]string, 0, len(e.Tags))
		for _, t := range e.Tags {
			tags = append(tags, strings.ToLower(strings.TrimLeft(t, "@")))
		}
		title, body := strings.TrimSpace(e.Title), strings.Trim(e.Body, "\n")
		c.add(jrnlEntry(when, title, body, e.Starred, tags), jrnlKey(when, title, body), jrnlWhere(when))
	}
	return c.done("jrnl")
}
