package importer

import (
	"path"
	"strings"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/goldseam/goldseam/internal/journal"
)

// appleJournal reads the export Apple's Journal app makes (Export Journal, HTML): a folder,
// AppleJournalEntries, usually zipped, with one page per entry in Entries/ and its pictures in
// Resources/. Each page's header names the day (<div class="pageHeader">Tuesday 5 March
// 2024</div>); the rest of the page is the entry's words, turned into Markdown. The page's
// attachment tiles (photos, places, workouts, music) are never read.
var appleJournal = Format{
	ID: "applejournal", Name: "Apple Journal",
	Keeps: "Every entry in the export, with its title, words and date. Photos, places and other attachments stay behind.",
	Read:  readAppleJournal,
}

const appleJournalExpected = "Goldseam expected the AppleJournalEntries folder (or its .zip) that the Journal app makes with Export Journal, holding an Entries folder of .html pages."

func readAppleJournal(files Files) (*Export, error) {
	g := newCollector("applejournal")
	pages := 0
	for _, name := range namesEnding(files, ".html", ".htm") {
		if !strings.Contains("/"+strings.ToLower(name), "/entries/") {
			continue
		}
		pages++
		data, err := readOne(files, name, "Apple Journal")
		if err != nil {
			return nil, err
		}
		header, title, words := applePage(clean(string(data)))
		day, ok := appleDate(header)
		if !ok {
			if m := nameDate.FindStringSubmatch(path.Base(name)); m != nil {
				day, ok = looseDate(m[1] + "-" + m[2] + "-" + m[3])
			}
		}
		date, inRange := dayOf(day)
		if !ok || !inRange {
			g.skip(name, "Goldseam could not read the day this page is about from its header or its name.")
			continue
		}
		e := journal.Entry{Date: date, Title: title, Body: htmlText(words), CreatedAt: day, UpdatedAt: day}
		// The key starts at Entries/, so the zip and the folder it unzips to (with or without
		// AppleJournalEntries/ in front) give the same ids, and a second import adds nothing.
		key := name[strings.LastIndex(strings.ToLower(name), "entries/"):]
		g.add(e, "applejournal\x00"+key, "entry of "+spoken(day))
	}
	if pages == 0 {
		return nil, formatErr(0, "This does not look like an Apple Journal export: it has no Entries folder of pages. %s", appleJournalExpected)
	}
	return g.done("Apple Journal")
}

// applePage splits an entry's page into its header's text (the day), its title (the first
// <h1>, if any) and the HTML of its words, leaving out the header, the title and the
// attachment tiles (class gridItem or assetType_...).
func applePage(src string) (header, title, words string) {
	z := html.NewTokenizer(strings.NewReader(src))
	var h, t, w strings.Builder
	inHeader, inTile := 0, 0 // depth of open divs inside the header or a tile
	inTitle, sawTitle := false, false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return strings.TrimSpace(collapseSpace(h.String())), strings.TrimSpace(collapseSpace(t.String())), w.String()
		}
		raw := z.Raw()
		name, hasAttr := z.TagName()
		a := atom.Lookup(name)
		isDiv := a == atom.Div
		switch {
		case inHeader > 0:
			if tt == html.TextToken {
				h.Write(z.Text())
			}
			inHeader += divStep(tt, isDiv)
			continue
		case inTile > 0:
			inTile += divStep(tt, isDiv)
			continue
		case inTitle:
			if tt == html.TextToken {
				t.Write(z.Text())
			}
			inTitle = !(tt == html.EndTagToken && a == atom.H1)
			continue
		case tt == html.StartTagToken && a == atom.H1 && !sawTitle:
			inTitle, sawTitle = true, true
			continue
		case tt == html.StartTagToken && isDiv:
			class := classOf(z, hasAttr)
			if hasClass(class, "pageHeader") {
				inHeader = 1
				continue
			}
			if hasClass(class, "gridItem") || strings.Contains(class, "assetType_") {
				inTile = 1
				continue
			}
		}
		w.Write(raw)
	}
}

// divStep is how a token changes the depth of open divs.
func divStep(tt html.TokenType, isDiv bool) int {
	switch {
	case isDiv && tt == html.StartTagToken:
		return 1
	case isDiv && tt == html.EndTagToken:
		return -1
	}
	return 0
}

func classOf(z *html.Tokenizer, hasAttr bool) string {
	for hasAttr {
		var key, val []byte
		key, val, hasAttr = z.TagAttr()
		if string(key) == "class" {
			return string(val)
		}
	}
	return ""
}

func hasClass(classes, want string) bool {
	for _, c := range strings.Fields(classes) {
		if c == want {
			return true
		}
	}
	return false
}

// appleDate reads the page header's day as Journal writes it in English: "Tuesday 5 March
// 2024", "Tuesday, March 5, 2024", "Tuesday, 5 March 2024". Other languages fall back to the
// date in the page's file name.
func appleDate(header string) (time.Time, bool) {
	s := strings.TrimSpace(header)
	if weekday, rest, ok := strings.Cut(s, " "); ok && strings.HasSuffix(strings.TrimSuffix(weekday, ","), "day") {
		s = strings.TrimSpace(rest)
	}
	s = strings.ReplaceAll(s, ",", "")
	for _, layout := range []string{"2 January 2006", "January 2 2006", "02 January 2006", "2 Jan 2006", "Jan 2 2006"} {
		if d, err := time.Parse(layout, s); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}
