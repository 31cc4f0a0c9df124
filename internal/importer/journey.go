package importer

import (
	"encoding/json"
	"strings"

	"github.com/goldseam/goldseam/internal/journal"
)

// journey reads Journey's export: a .zip holding one JSON file per entry (named after the
// entry's id) beside its photos. The text is HTML in recent versions and Markdown in older
// ones; both become Markdown. The date is the day in the entry's own time zone.
var journey = Format{
	ID: "journey", Name: "Journey",
	Keeps: "Every entry in the export, with its words, date and tags. Photos, places, weather and music stay behind.",
	Read:  readJourney,
}

const journeyExpected = "Goldseam expected the .zip Journey makes with Export (ZIP), holding one .json file per entry."

// journeyEntry is the part of a Journey entry Goldseam keeps. Address, coordinates, weather,
// music and photos are deliberately not decoded: they are never read.
type journeyEntry struct {
	ID           string   `json:"id"`
	Text         *string  `json:"text"`
	Type         string   `json:"type"`
	DateJournal  *int64   `json:"date_journal"`
	DateModified int64    `json:"date_modified"`
	Timezone     string   `json:"timezone"`
	Tags         []string `json:"tags"`
	Favourite    bool     `json:"favourite"`
}

func readJourney(files Files) (*Export, error) {
	g := newCollector("journey")
	zones := zoneCache{}
	found := false
	for _, name := range namesEnding(files, ".json") {
		data, err := readOne(files, name, "Journey")
		if err != nil {
			return nil, err
		}
		var j journeyEntry
		if err := json.Unmarshal(data, &j); err != nil || j.DateJournal == nil || j.Text == nil {
			g.skip("the file "+name, "Goldseam could not read it as a Journey entry.")
			continue
		}
		found = true
		created, ok := fromMillis(*j.DateJournal)
		local := created.In(zones.zone(j.Timezone))
		date, inRange := dayOf(local)
		if !ok || !inRange {
			g.skip("the file "+name, "Its date cannot be read as a day between 1900 and 2200.")
			continue
		}
		body := strings.TrimSpace(clean(*j.Text))
		if j.Type == "html" {
			body = htmlText(body)
		} else {
			body = noteText(body)
		}
		e := journal.Entry{Date: date, Body: body, CreatedAt: created, UpdatedAt: created}
		if modified, ok := fromMillis(j.DateModified); ok && modified.After(created) {
			e.UpdatedAt = modified
		}
		var tags []string
		if j.Favourite {
			tags = append(tags, "starred")
		}
		fitLabels(&e, "Journey", nil, append(tags, j.Tags...))
		key := strings.TrimSpace(j.ID)
		if key == "" {
			key = name
		}
		g.add(e, "journey\x00"+key, "entry of "+spoken(local)+" at "+local.Format("15:04"))
	}
	if !found {
		return nil, formatErr(0, "This does not look like a Journey export: it holds no Journey entries. %s", journeyExpected)
	}
	return g.done("Journey")
}
