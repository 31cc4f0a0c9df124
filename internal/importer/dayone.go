package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"
	_ "time/tzdata" // Day One names IANA zones; Windows has no zone database of its own

	"github.com/goldseam/goldseam/internal/journal"
)

// dayOneExport is the part of Day One's Journal.json that Goldseam keeps. Location,
// weather, photos and the like are deliberately not decoded: Goldseam never keeps where
// a person was, and the rest has no place in an entry.
type dayOneExport struct {
	Entries *[]json.RawMessage `json:"entries"` // each read on its own, so one bad entry spoils only itself
}

type dayOneEntry struct {
	UUID         string   `json:"uuid"`
	CreationDate string   `json:"creationDate"`
	ModifiedDate string   `json:"modifiedDate"`
	TimeZone     string   `json:"timeZone"`
	Text         string   `json:"text"`
	Tags         []string `json:"tags"`
	Starred      bool     `json:"starred"`
	// Photos are only counted, to say why an entry of photos alone was left out; they are
	// never read.
	Photos []struct{} `json:"photos"`
}

// photoRef is how Day One's text places a photo: ![](dayone-moment://ID).
var photoRef = regexp.MustCompile(`!\[[^\]\n]*\]\(dayone-moment:/{0,2}[^)\s]*\)`)

// withoutPhotos takes out the places where Day One's text shows a photo: the photos are not
// brought in, so their links would lead nowhere.
func withoutPhotos(text string) string {
	if !strings.Contains(text, "dayone-moment:") {
		return text
	}
	return photoRef.ReplaceAllString(text, "")
}

// dayOne reads Day One's JSON export: the .zip Day One makes, holding one JSON file per
// journal ("Journal.json", "Travel.json", ...) beside folders of photos, or one of those
// files on its own. Each journal's name (its file's name) becomes a tag on its entries. The
// entry's date is the day it was written in its own time zone. A leading Markdown heading
// becomes the title; Day One's backslash escapes are removed. An entry that cannot be read
// is named as skipped and the others are kept.
var dayOne = Format{
	ID: "dayone", Name: "Day One",
	Keeps: "Every journal in the export, with its words, dates, tags and stars; each journal's name becomes a tag. Photos, places and weather stay behind.",
	Read:  readDayOne,
}

func readDayOne(files Files) (*Export, error) {
	c := newCollector("dayone")
	zones := zoneCache{}
	found := false
	for _, name := range files.Names() {
		if !strings.EqualFold(path.Ext(name), ".json") || strings.Count(name, "/") > 1 {
			continue
		}
		data, err := files.Read(name)
		if err != nil {
			return nil, err
		}
		if data, err = cleanText(data, "Day One"); err != nil {
			return nil, err
		}
		journalName := strings.TrimSuffix(path.Base(name), path.Ext(name))
		// Most exports are whole: read every entry in one pass, and only when that fails
		// read them one by one, to keep the good ones and name the bad.
		var whole struct {
			Entries *[]dayOneEntry `json:"entries"`
		}
		var oneByOne dayOneExport
		if json.Unmarshal(data, &whole) != nil {
			if err := json.Unmarshal(data, &oneByOne); err != nil {
				return nil, jsonProblem(name, data, err)
			}
		}
		if whole.Entries == nil && oneByOne.Entries == nil {
			continue // another JSON file, not a journal
		}
		found = true
		c.exp.Journals = append(c.exp.Journals, journalName)
		if oneByOne.Entries != nil {
			for i, raw := range *oneByOne.Entries {
				c.dayOneEntry(raw, i+1, journalName, zones)
			}
			continue
		}
		for i, d := range *whole.Entries {
			c.addDayOne(d, i+1, journalName, zones)
		}
	}
	if !found {
		return nil, formatErr(0, "This does not look like a Day One export: Goldseam expected the export .zip from Day One, or the Journal.json file inside it, with a list of entries.")
	}
	sort.Strings(c.exp.Journals)
	return c.done("Day One")
}

// dayOneEntry adds one entry of a journal, or names it as skipped.
func (c *collector) dayOneEntry(raw json.RawMessage, n int, journalName string, zones zoneCache) {
	where := fmt.Sprintf("entry %d in %s", n, journalName)
	var d dayOneEntry
	if err := json.Unmarshal(raw, &d); err != nil {
		c.skip(where, "It holds something Day One does not write in an entry, so Goldseam cannot read it.")
		return
	}
	c.addDayOne(d, n, journalName, zones)
}

// addDayOne adds one entry read whole, or names it as skipped.
func (c *collector) addDayOne(d dayOneEntry, n int, journalName string, zones zoneCache) {
	where := fmt.Sprintf("entry %d in %s", n, journalName)
	e, err := d.entry(journalName, zones)
	if err != nil {
		c.skip(where, err.Error())
		return
	}
	where = "entry of " + dayName(e.Date) + " in " + journalName
	if strings.TrimSpace(e.Title) == "" && strings.TrimSpace(e.Body) == "" && len(d.Photos) > 0 {
		c.skip(where, "It holds only photos, which Goldseam does not bring in.")
		return
	}
	c.add(e, d.key(), where)
}

// jsonProblem explains a JSON decoding failure, with the line where it happened when known.
func jsonProblem(name string, data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && syn.Offset >= int64(len(data)):
		return formatErr(lineAt(data, syn.Offset), "%s ends too early: it seems to be cut short. Please export it from Day One again.", name)
	case errors.As(err, &syn):
		n := lineAt(data, syn.Offset)
		return formatErr(n, "This does not look like a Day One export: line %d of %s cannot be read. Goldseam expected the export .zip from Day One, or the Journal.json file inside it.", n, name)
	case errors.As(err, &typ):
		n := lineAt(data, typ.Offset)
		return formatErr(n, "This does not look like a Day One export: line %d of %s holds something Day One does not write there. Goldseam expected the export .zip from Day One, or the Journal.json file inside it.", n, name)
	default:
		return formatErr(0, "This does not look like a Day One export. Goldseam expected the export .zip from Day One, or the Journal.json file inside it.")
	}
}

// lineAt is the 1-based line holding byte offset off of data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return 1 + strings.Count(string(data[:off]), "\n")
}

func (d dayOneEntry) entry(journalName string, zones zoneCache) (journal.Entry, error) {
	created, err := dayOneTime(d.CreationDate, "written")
	if err != nil {
		return journal.Entry{}, err
	}
	updated := created
	if d.ModifiedDate != "" {
		if updated, err = dayOneTime(d.ModifiedDate, "last changed"); err != nil {
			return journal.Entry{}, err
		}
	}
	date := created.In(zones.zone(d.TimeZone)).Format(journal.DateLayout)
	if _, err := journal.ParseDate(date); err != nil {
		return journal.Entry{}, formatErr(0, "It is dated %s, which is outside the years Goldseam keeps.", dayName(date))
	}
	title, body := splitHeading(withoutPhotos(d.Text))
	var tags []string
	if d.Starred {
		tags = append(tags, "starred")
	}
	tags, left := fitTags(append(append(tags, journalName), d.Tags...))
	if len(left) > 0 { // keep tags Goldseam cannot hold as words, so none are lost
		body = strings.TrimRight(body, "\n") + "\n\nDay One tags: " + strings.Join(left, ", ")
	}
	return journal.Entry{Date: date, Title: title, Body: body, Tags: tags, CreatedAt: created, UpdatedAt: updated}, nil
}

func dayOneTime(s string, what string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, formatErr(0, "Goldseam cannot read the date when it was %s (%q). Day One dates look like 2024-05-01T18:30:00Z.", what, s)
	}
	return t.UTC(), nil
}

// zone loads the entry's IANA time zone. An unknown or missing zone falls back to UTC, as
// Day One itself records times in UTC; "Local" is refused so the result never depends on
// the computer doing the import.
func (zc zoneCache) zone(name string) *time.Location {
	if name == "" || name == "Local" {
		return time.UTC
	}
	if loc, ok := zc[name]; ok {
		return loc
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = time.UTC
	}
	zc[name] = loc
	return loc
}

// zoneCache keeps the zones one export names, loaded once each: loading one reads the zone
// database, which took most of the time of reading a large export.
type zoneCache map[string]*time.Location

// key identifies the entry for its ID: Day One's own uuid, or, for hand-made files
// without one, its time and words.
func (d dayOneEntry) key() string {
	if u := strings.TrimSpace(d.UUID); u != "" {
		return "uuid\x00" + u
	}
	sum := sha256.Sum256([]byte(d.Text))
	return "time\x00" + d.CreationDate + "\x00" + hex.EncodeToString(sum[:])
}

// splitHeading takes a first-line Markdown heading ("# Title") as the title and the rest
// as the body. Without a heading the whole text is the body, as Day One shows it.
func splitHeading(text string) (title, body string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	first, rest, _ := strings.Cut(text, "\n")
	trimmed := strings.TrimLeft(first, "#")
	level := len(first) - len(trimmed)
	if level < 1 || level > 6 || (trimmed != "" && trimmed[0] != ' ' && trimmed[0] != '\t') {
		return "", strings.TrimSpace(unescape(text))
	}
	// A closing run of #s is decoration in Markdown, not part of the heading.
	heading := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(trimmed), "#"))
	return unescape(heading), strings.TrimSpace(unescape(rest))
}

// unescape removes the backslashes Day One puts before punctuation ("Mr\. Smith",
// "well\-being"). Escapes that still matter in Markdown are kept: those before * _ ` \ [ ]
// # < > | and any at the start of a line, where "1\." or "\-" would otherwise turn plain
// words into a list.
func unescape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	lineStart := true // only digits and spaces so far on this line
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			next := s[i+1]
			if !lineStart && strings.IndexByte(".-()!+{}=&?:;,/~'\"%$^@", next) >= 0 {
				b.WriteByte(next)
			} else {
				b.WriteByte(c)
				b.WriteByte(next)
			}
			i++
			lineStart = next == '\n'
			continue
		}
		b.WriteByte(c)
		lineStart = c == '\n' || lineStart && (c == ' ' || c >= '0' && c <= '9')
	}
	return b.String()
}
