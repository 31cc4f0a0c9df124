package importer

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/journal"
)

// diaro reads a Diaro backup: the DiaroBackup.xml inside the .zip Diaro makes (Settings,
// Backup & Restore). Its tables are rows of fields; entries become entries, each entry's
// folder becomes a tag (and a journal in the preview), its tags are looked up by id in the
// tags table, and a mood Diaro names is kept as a feeling.
var diaro = Format{
	ID: "diaro", Name: "Diaro",
	Keeps: "Every entry in the backup, with its words, date, tags and named mood (as a feeling); each folder's name becomes a tag. Photos, places and weather stay behind.",
	Read:  readDiaro,
}

const diaroExpected = "Goldseam expected the .zip Diaro makes in Settings, Backup & Restore, or the DiaroBackup.xml inside it."

// The deepest Diaro nests is four levels (data, table, row, field); a file nested far deeper
// is not a Diaro backup, and reading it would only cost memory.
const maxDiaroDepth = 16

// diaroRow is one row of a table: its fields by name.
type diaroRow map[string]string

func readDiaro(files Files) (*Export, error) {
	name := ""
	for _, n := range namesEnding(files, ".xml") {
		if name == "" || strings.HasPrefix(strings.ToLower(path.Base(n)), "diaro") {
			name = n
		}
	}
	if name == "" {
		return nil, formatErr(0, "This does not look like a Diaro backup: there is no DiaroBackup.xml in it. %s", diaroExpected)
	}
	data, err := readOne(files, name, "Diaro")
	if err != nil {
		return nil, err
	}
	tables, err := diaroTables(data)
	if err != nil {
		return nil, err
	}
	entries, ok := tables["diaro_entries"]
	if !ok {
		return nil, formatErr(0, "This does not look like a Diaro backup: it has no table of entries. %s", diaroExpected)
	}
	folders := titles(tables["diaro_folders"])
	tagNames := titles(tables["diaro_tags"])
	moods := titles(tables["diaro_moods"])
	g := newCollector("diaro")
	for i, r := range entries {
		e, where, why := diaroEntry(r, i+1, folders, tagNames, moods)
		if why != "" {
			g.skip(where, why)
			continue
		}
		g.journal(folders[strings.TrimSpace(r["folder_uid"])])
		key := r["uid"]
		if key == "" {
			key = r["date"] + "\x00" + r["title"]
		}
		g.add(e, "diaro\x00"+key, where)
	}
	return g.done("Diaro")
}

// diaroTables reads every table's rows, refusing nesting no Diaro backup has.
func diaroTables(data []byte) (map[string][]diaroRow, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true // only XML's five entities; Go never reads a DTD or fetches anything
	tables := map[string][]diaroRow{}
	var table, field string
	var row diaroRow
	var text strings.Builder
	depth := 0
	sawData := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			return nil, formatErr(line, "This does not look like a Diaro backup: line %d cannot be read. %s", line, diaroExpected)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxDiaroDepth {
				return nil, formatErr(0, "This does not look like a Diaro backup: it is nested far deeper than Diaro writes. %s", diaroExpected)
			}
			switch {
			case depth == 1:
				sawData = t.Name.Local == "data"
			case depth == 2 && t.Name.Local == "table":
				table = ""
				for _, a := range t.Attr {
					if a.Name.Local == "name" {
						table = a.Value
					}
				}
				if _, ok := tables[table]; !ok {
					tables[table] = nil
				}
			case depth == 3 && t.Name.Local == "r":
				row = diaroRow{}
			case depth == 4 && row != nil:
				field = t.Name.Local
				text.Reset()
			}
		case xml.CharData:
			if depth == 4 && row != nil {
				text.Write(t)
			}
		case xml.EndElement:
			switch {
			case depth == 4 && row != nil:
				row[field] = text.String()
			case depth == 3 && row != nil:
				tables[table] = append(tables[table], row)
				row = nil
			}
			depth--
		}
	}
	if !sawData {
		return nil, formatErr(0, "This does not look like a Diaro backup. %s", diaroExpected)
	}
	return tables, nil
}

// titles maps each row's uid to its title (folders, tags, moods).
func titles(rows []diaroRow) map[string]string {
	out := map[string]string{}
	for _, r := range rows {
		if uid := strings.TrimSpace(r["uid"]); uid != "" {
			out[uid] = strings.TrimSpace(clean(r["title"]))
		}
	}
	return out
}

func diaroEntry(r diaroRow, n int, folders, tagNames, moods map[string]string) (e journal.Entry, where, why string) {
	title := strings.TrimSpace(clean(r["title"]))
	where = "entry " + strconv.Itoa(n)
	if title != "" {
		where = "the entry “" + title + "”"
	}
	ms, err := strconv.ParseInt(strings.TrimSpace(r["date"]), 10, 64)
	created, ok := fromMillis(ms)
	if err != nil || !ok {
		return e, where, "Its date cannot be read as a day between 1900 and 2200."
	}
	local := created.In(diaroOffset(r["tz_offset"]))
	date, ok := dayOf(local)
	if !ok {
		return e, where, "Its date cannot be read as a day between 1900 and 2200."
	}
	where = "entry of " + spoken(local)
	if title != "" {
		where += " “" + title + "”"
	}
	body := strings.TrimSpace(clean(r["text"]))
	body = noteText(body)
	var tags, feelings []string
	if f := folders[strings.TrimSpace(r["folder_uid"])]; f != "" {
		tags = append(tags, f)
	}
	for _, t := range strings.Split(r["tags"], ",") {
		if t = strings.TrimSpace(t); t != "" {
			if name, ok := tagNames[t]; ok {
				t = name
			}
			tags = append(tags, t)
		}
	}
	if m := moods[strings.TrimSpace(r["mood"])]; m != "" {
		feelings = append(feelings, m)
	}
	e = journal.Entry{Date: date, Title: title, Body: body, CreatedAt: created, UpdatedAt: created}
	fitLabels(&e, "Diaro", feelings, tags)
	return e, where, ""
}

// diaroOffset reads the zone offset Diaro stores with an entry ("+02:00", "-05:30"); the date
// is the day in that offset, as the person saw it. An unreadable one is UTC.
func diaroOffset(s string) *time.Location {
	t, err := time.Parse("-07:00", strings.TrimSpace(s))
	if err != nil {
		return time.UTC
	}
	_, off := t.Zone()
	return time.FixedZone("", off)
}
