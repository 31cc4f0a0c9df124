// Package dayonegen makes Day One exports for tests and benchmarks: a .zip as Day One
// writes it, with one JSON file per journal ("Journal.json", "Travel.json", ...), entries
// carrying Day One's uuid, dates, time zone, tags, stars and the fields Goldseam never reads
// (location, weather, photos), beside a photos folder and the "__MACOSX" files a Mac adds.
// The words come from journalgen; the same seed always makes the same export.
package dayonegen

import (
	"archive/zip"
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/testkit/journalgen"
)

// Journal is one journal in the export: its name (the JSON file's name) and how many entries.
type Journal struct {
	Name    string
	Entries int
}

type entry struct {
	UUID         string           `json:"uuid"`
	CreationDate string           `json:"creationDate"`
	ModifiedDate string           `json:"modifiedDate"`
	TimeZone     string           `json:"timeZone"`
	Text         string           `json:"text"`
	RichText     string           `json:"richText"`
	Tags         []string         `json:"tags,omitempty"`
	Starred      bool             `json:"starred"`
	Location     map[string]any   `json:"location,omitempty"`
	Weather      map[string]any   `json:"weather,omitempty"`
	Photos       []map[string]any `json:"photos,omitempty"`
}

// Zip makes the export of journals with seed; every entry has words.
func Zip(seed uint64, journals ...Journal) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zones := []string{"Europe/London", "America/New_York", "Asia/Tokyo", ""}
	for j, jr := range journals {
		gen := journalgen.Make(journalgen.Options{Entries: jr.Entries, Seed: seed + uint64(j)})
		entries := make([]entry, len(gen))
		for i, g := range gen {
			sum := sha1.Sum([]byte(fmt.Sprint(seed, jr.Name, i)))
			day, _ := time.Parse("2006-01-02", g.Date)
			created := day.Add(time.Duration(8+i%12)*time.Hour + time.Duration(i%60)*time.Minute)
			e := entry{
				UUID:         strings.ToUpper(hex.EncodeToString(sum[:16])),
				CreationDate: created.Format(time.RFC3339),
				ModifiedDate: created.Add(time.Hour).Format(time.RFC3339),
				TimeZone:     zones[i%len(zones)],
				Text:         dayOneText(g.Title, g.Body),
				RichText:     `{"contents":[]}`,
				Tags:         g.Tags,
				Starred:      i%7 == 0,
			}
			if i%5 == 0 {
				e.Location = map[string]any{"latitude": 51.5, "longitude": -0.12, "placeName": "Home"}
				e.Weather = map[string]any{"temperatureCelsius": 12, "conditionsDescription": "Cloudy"}
				e.Photos = []map[string]any{{"identifier": fmt.Sprintf("P%d", i), "md5": hex.EncodeToString(sum[:16]), "type": "jpeg"}}
				e.Text += fmt.Sprintf("\n\n![](dayone-moment://P%d)", i)
			}
			entries[i] = e
		}
		doc, _ := json.MarshalIndent(map[string]any{"metadata": map[string]string{"version": "1.0"}, "entries": entries}, "", "  ")
		w, _ := zw.Create(jr.Name + ".json")
		w.Write(doc)
		if j == 0 {
			w, _ = zw.Create("photos/" + hex.EncodeToString([]byte(jr.Name)) + ".jpeg")
			w.Write([]byte("\xff\xd8\xff\xe0 not really a photo"))
			w, _ = zw.Create("__MACOSX/._" + jr.Name + ".json")
			w.Write([]byte("\x00\x05\x16\x07 mac resource fork"))
		}
	}
	zw.Close()
	return buf.Bytes()
}

// dayOneText writes an entry as Day One does: the title as a heading, punctuation escaped.
func dayOneText(title, body string) string {
	esc := strings.NewReplacer(".", "\\.", "-", "\\-", "(", "\\(", ")", "\\)", "!", "\\!")
	if title == "" {
		return esc.Replace(body)
	}
	return "# " + esc.Replace(title) + "\n\n" + esc.Replace(body)
}
