package importer

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/journal"
)

// standardNotes reads a decrypted Standard Notes backup ("Standard Notes Backup and Import
// File.txt", or the zip that holds it): its notes become entries dated the day they were
// created, and the tags that point at a note become its tags. Super notes, whose text is the
// editor's JSON, are read for their words.
var standardNotes = Format{
	ID: "standardnotes", Name: "Standard Notes",
	Keeps: "Every note in a decrypted backup, with its words, date and tags. Notes in the trash and protected notes stay behind.",
	Read:  readStandardNotes,
}

const snExpected = "Goldseam expected the decrypted backup Standard Notes makes in Preferences, Backups (a .txt file with a list of items in it)."

type snBackup struct {
	Items *[]snItem `json:"items"`
}

type snItem struct {
	UUID        string          `json:"uuid"`
	ContentType string          `json:"content_type"`
	CreatedAt   string          `json:"created_at"`
	UpdatedAt   string          `json:"updated_at"`
	Deleted     bool            `json:"deleted"`
	Content     json.RawMessage `json:"content"`
}

type snContent struct {
	Title      string `json:"title"`
	Text       string `json:"text"`
	NoteType   string `json:"noteType"`
	Trashed    bool   `json:"trashed"`
	Protected  bool   `json:"protected"`
	References []struct {
		UUID string `json:"uuid"`
	} `json:"references"`
}

func readStandardNotes(files Files) (*Export, error) {
	backup, err := snFile(files)
	if err != nil {
		return nil, err
	}
	notes, tagsOf := snSort(*backup.Items)
	if snEncrypted(notes) {
		return nil, formatErr(0, "This Standard Notes backup is encrypted, so Goldseam cannot read it. In Standard Notes, open Preferences, Backups and download a decrypted backup instead.")
	}
	g := newCollector("standardnotes")
	encrypted := 0
	for _, it := range notes {
		created, err := time.Parse(time.RFC3339Nano, it.CreatedAt)
		date, inRange := dayOf(created.UTC())
		if err != nil || !inRange {
			g.skip("an untitled note", "Its creation date cannot be read as a day between 1900 and 2200.")
			continue
		}
		var c snContent
		if err := json.Unmarshal(it.Content, &c); err != nil {
			if len(it.Content) > 0 && it.Content[0] == '"' {
				encrypted++
			} else {
				g.skip("the note created "+spoken(created), "Goldseam could not read what this note holds.")
			}
			continue
		}
		where := "the note created " + spoken(created)
		if t := strings.TrimSpace(clean(c.Title)); t != "" {
			where = "the note “" + t + "”"
		}
		switch {
		case c.Trashed:
			g.skip(where, "It is in Standard Notes' trash.")
			continue
		case c.Protected:
			g.skip(where, "It is protected in Standard Notes; remove its protection there and make the backup again to bring it.")
			continue
		}
		e := journal.Entry{Date: date, Title: clean(c.Title), Body: strings.TrimSpace(clean(snText(c)))}
		e.CreatedAt = created.UTC()
		e.UpdatedAt = e.CreatedAt
		if updated, err := time.Parse(time.RFC3339Nano, it.UpdatedAt); err == nil && updated.After(created) {
			e.UpdatedAt = updated.UTC()
		}
		fitLabels(&e, "Standard Notes", nil, tagsOf[it.UUID])
		for _, t := range tagsOf[it.UUID] {
			g.journal(t)
		}
		g.add(e, "sn\x00"+it.UUID, where)
	}
	if encrypted > 0 {
		g.skip(pluralNotes(encrypted), "They are still encrypted in this backup; a decrypted backup brings them.")
	}
	return g.done("Standard Notes")
}

func pluralNotes(n int) string {
	if n == 1 {
		return "1 note"
	}
	return strconv.Itoa(n) + " notes"
}

// snFile finds and decodes the backup among the export's files: the one Standard Notes names
// "... Backup and Import File", else the first JSON or text file that holds a list of items.
func snFile(files Files) (*snBackup, error) {
	names := namesEnding(files, ".txt", ".json")
	sort.SliceStable(names, func(i, j int) bool {
		return strings.Contains(strings.ToLower(names[i]), "backup") && !strings.Contains(strings.ToLower(names[j]), "backup")
	})
	for _, n := range names {
		data, err := readOne(files, n, "Standard Notes")
		if err != nil {
			return nil, err
		}
		var b snBackup
		if json.Unmarshal(data, &b) == nil && b.Items != nil {
			return &b, nil
		}
	}
	return nil, formatErr(0, "This does not look like a Standard Notes backup. %s", snExpected)
}

// snSort picks the notes (oldest first, as a journal reads) and, for each, the titles of the
// tags that point at it.
func snSort(items []snItem) (notes []snItem, tagsOf map[string][]string) {
	tagsOf = map[string][]string{}
	for _, it := range items {
		if it.Deleted {
			continue
		}
		switch it.ContentType {
		case "Note":
			notes = append(notes, it)
		case "Tag":
			var c snContent
			if json.Unmarshal(it.Content, &c) != nil || strings.TrimSpace(c.Title) == "" {
				continue
			}
			for _, r := range c.References {
				tagsOf[r.UUID] = append(tagsOf[r.UUID], c.Title)
			}
		}
	}
	sort.SliceStable(notes, func(i, j int) bool { return notes[i].CreatedAt < notes[j].CreatedAt })
	return notes, tagsOf
}

// snEncrypted tells whether every note in the backup is still encrypted (its content a
// string of ciphertext rather than an object), as in a backup made without decrypting.
func snEncrypted(notes []snItem) bool {
	for _, it := range notes {
		if len(it.Content) == 0 || it.Content[0] != '"' {
			return false
		}
	}
	return len(notes) > 0
}

// snText is a note's words. A Super note keeps its text as the editor's JSON (a tree of nodes
// whose leaves hold text); it is read for its words, a paragraph per block.
func snText(c snContent) string {
	t := strings.TrimSpace(c.Text)
	if c.NoteType != "super" && !strings.HasPrefix(t, `{"root":`) {
		return c.Text
	}
	var doc struct {
		Root json.RawMessage `json:"root"`
	}
	if json.Unmarshal([]byte(t), &doc) != nil || doc.Root == nil {
		return c.Text
	}
	var root any
	if json.Unmarshal(doc.Root, &root) != nil {
		return c.Text
	}
	var b strings.Builder
	lexicalWords(&b, root, 0)
	return blankLines.ReplaceAllString(b.String(), "\n\n")
}

// maxLexicalDepth bounds how deep a Super note's tree is read; real notes nest a few levels.
const maxLexicalDepth = 64

func lexicalWords(b *strings.Builder, node any, depth int) {
	n, ok := node.(map[string]any)
	if !ok || depth > maxLexicalDepth {
		return
	}
	if text, ok := n["text"].(string); ok {
		b.WriteString(text)
	}
	kind, _ := n["type"].(string)
	switch kind {
	case "linebreak":
		b.WriteString("\n")
	case "heading":
		level := strings.TrimPrefix(stringOr(n["tag"], "h2"), "h")
		if len(level) == 1 && level[0] >= '1' && level[0] <= '6' {
			b.WriteString(strings.Repeat("#", int(level[0]-'0')) + " ")
		}
	case "listitem":
		b.WriteString("- ")
	}
	children, _ := n["children"].([]any)
	for _, c := range children {
		lexicalWords(b, c, depth+1)
	}
	switch kind {
	case "paragraph", "heading", "quote", "code", "list":
		b.WriteString("\n\n")
	case "listitem":
		b.WriteString("\n")
	}
}

func stringOr(v any, fallback string) string {
	if s, ok := v.(string); ok {
		return s
	}
	return fallback
}
