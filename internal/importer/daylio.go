package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/journal"
)

// daylio reads Daylio's "Export entries" CSV (daylio_export.csv). Each row is one entry:
// its mood becomes Goldseam's mood, its activities become feelings, its note title and note
// the title and words. Daylio's notes carry a little HTML (bold, lists, line breaks), turned
// into Markdown.
var daylio = Format{
	ID: "daylio", Name: "Daylio",
	Keeps: "Every day you noted, with its mood, its activities as feelings, and its note. Photos stay behind.",
	Read:  readDaylio,
}

// daylioMoods are Daylio's five built-in moods, best first, as Goldseam's 5 to 1. A mood the
// person renamed in Daylio is exported by its new name, which says nothing of its level, so
// it is kept as a feeling instead and the entry has no mood.
var daylioMoods = map[string]int{"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}

const daylioExpected = "Goldseam expected the daylio_export.csv file Daylio makes with More, Export entries, whose first line names the columns full_date, date, weekday, time, mood, activities, note_title and note."

func readDaylio(files Files) (*Export, error) {
	name, err := daylioFile(files)
	if err != nil {
		return nil, err
	}
	data, err := readOne(files, name, "Daylio")
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1 // a row with the wrong number of columns is skipped, not fatal
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil {
		return nil, formatErr(1, "This does not look like a Daylio export. %s", daylioExpected)
	}
	cols, ok := daylioColumns(header)
	if !ok {
		return nil, formatErr(1, "This does not look like a Daylio export: its first line does not name Daylio's columns. %s", daylioExpected)
	}
	g := newCollector("daylio")
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, formatErr(0, "Goldseam could not read this Daylio file to its end. Please export it from Daylio again.")
			}
			g.skip(lineWhere(pe.StartLine), "Goldseam could not read this line of the file.")
			continue
		}
		line, _ := r.FieldPos(0) // where the row starts, once it has been read whole
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		e, key, where, why := cols.entry(rec, line)
		if why != "" {
			g.skip(where, why)
			continue
		}
		g.add(e, key, where)
	}
	return g.done("Daylio")
}

// daylioFile finds the CSV in the export: daylio_export.csv, or the only CSV there is.
func daylioFile(files Files) (string, error) {
	csvs := namesEnding(files, ".csv")
	for _, n := range csvs {
		if strings.HasPrefix(strings.ToLower(path.Base(n)), "daylio") {
			return n, nil
		}
	}
	if len(csvs) == 1 {
		return csvs[0], nil
	}
	return "", formatErr(0, "This does not look like a Daylio export: there is no daylio_export.csv in it. %s", daylioExpected)
}

// daylioCols is where each of Daylio's columns is in this file: the current export
// (full_date, date, weekday, time, mood, activities, note_title, note) or the older one
// (year, date, weekday, time, mood, activities, note), found by name so order does not matter.
type daylioCols struct {
	fullDate, year, date, time, mood, activities, title, note int
}

func daylioColumns(header []string) (daylioCols, bool) {
	c := daylioCols{-1, -1, -1, -1, -1, -1, -1, -1}
	byName := map[string]*int{
		"full_date": &c.fullDate, "year": &c.year, "date": &c.date, "time": &c.time,
		"mood": &c.mood, "activities": &c.activities, "note_title": &c.title, "note": &c.note,
	}
	for i, h := range header {
		if col, ok := byName[strings.ToLower(strings.TrimSpace(h))]; ok && *col < 0 {
			*col = i
		}
	}
	hasDate := c.fullDate >= 0 || (c.year >= 0 && c.date >= 0)
	return c, hasDate && c.mood >= 0 && c.activities >= 0 && c.note >= 0
}

func field(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(clean(rec[i]))
}

// entry reads one row. It returns why the row is skipped, if it is.
func (c daylioCols) entry(rec []string, line int) (e journal.Entry, key, where, why string) {
	where = lineWhere(line)
	if len(rec) <= max(c.fullDate, c.year, c.date, c.mood, c.activities, c.note) {
		return e, "", where, "This line has fewer columns than Daylio writes, so it was cut short or changed by hand."
	}
	day, ok := c.day(rec)
	if !ok {
		return e, "", where, "Its date cannot be read as a day between 1900 and 2200."
	}
	clock := field(rec, c.time)
	at, clockOK := daylioClock(clock)
	created := day.Add(at)
	where = "entry of " + spoken(day)
	if clockOK {
		where += " at " + created.Format("15:04")
	}
	date, _ := dayOf(day)

	var feelings []string
	mood := strings.ToLower(field(rec, c.mood))
	e.Mood = daylioMoods[mood]
	if e.Mood == 0 && mood != "" {
		feelings = append(feelings, field(rec, c.mood)) // a renamed mood, kept as the person named it
	}
	for _, a := range strings.Split(field(rec, c.activities), "|") {
		feelings = append(feelings, a)
	}
	e.Date, e.CreatedAt, e.UpdatedAt = date, created, created
	e.Title = field(rec, c.title)
	e.Body = field(rec, c.note)
	e.Body = noteText(e.Body)
	fitLabels(&e, "Daylio", feelings, nil)
	return e, "daylio\x00" + date + "\x00" + clock, where, ""
}

// day reads the row's date: full_date (2024-03-05), or the older year and "5 March".
func (c daylioCols) day(rec []string) (time.Time, bool) {
	if c.fullDate >= 0 {
		d, err := time.Parse(journal.DateLayout, field(rec, c.fullDate))
		_, inRange := dayOf(d)
		return d, err == nil && inRange
	}
	text := field(rec, c.date) + " " + field(rec, c.year)
	for _, layout := range []string{"2 January 2006", "January 2 2006", "2 Jan 2006", "Jan 2 2006"} {
		if d, err := time.Parse(layout, text); err == nil {
			_, inRange := dayOf(d)
			return d, inRange
		}
	}
	return time.Time{}, false
}

// daylioClock reads the time of day Daylio wrote ("21:43", "9:43 pm"); an unreadable or
// missing one is midnight, as the day itself is what an entry is about.
func daylioClock(s string) (time.Duration, bool) {
	for _, layout := range []string{"15:04", "3:04 pm", "3:04 PM", "3:04pm", "3:04PM", "15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, true
		}
	}
	return 0, false
}

// lineWhere names a row of a CSV file for a person who may open it in a spreadsheet.
func lineWhere(line int) string { return "line " + strconv.Itoa(line) + " of the export file" }
