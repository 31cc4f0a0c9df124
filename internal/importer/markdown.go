package importer

import (
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/journal"
)

// markdownFolder reads a folder of Markdown files, one entry per file, such as Obsidian's
// daily notes (2024-03-05.md) or any journal kept as files. The date comes from the front
// matter (date: or created:) or else from the file's name; the title from the front matter's
// title:, else a first-line "# heading", else the rest of the name; tags from the front
// matter's tags: and from #tags in the text.
var markdownFolder = Format{
	ID: "markdown", Name: "A folder of notes (.md files)", Folder: true,
	Keeps: "Every dated note in the folder (a date in its name or on a date: line at its top), with its words and tags.",
	Read:  readMarkdown,
}

const markdownExpected = "Goldseam expected a folder of notes saved as .md files, each named with its date (such as 2024-03-05.md) or with a date: line at its top."

// maxFrontMatterLines bounds how much of a file is read as front matter; real ones are a few
// lines, and a file whose "front matter" never ends is read as words instead.
const maxFrontMatterLines = 200

func readMarkdown(files Files) (*Export, error) {
	g := newCollector("markdown")
	seen := 0
	for _, name := range namesEnding(files, ".md", ".markdown") {
		if inHiddenFolder(name) {
			continue
		}
		seen++
		data, err := readOne(files, name, "notes folder")
		if err != nil {
			return nil, err
		}
		e, why := markdownEntry(name, clean(string(data)))
		if why != "" {
			g.skip(name, why)
			continue
		}
		// The key is the file's name and date, not its whole path, so the folder and a zip of
		// it (with the folder's own name in front) give the same ids.
		g.add(e, "md\x00"+e.Date+"\x00"+strings.ToLower(path.Base(name)), name)
	}
	if seen == 0 {
		return nil, formatErr(0, "This folder has no notes saved as .md files in it. %s", markdownExpected)
	}
	return g.done("notes folder")
}

// inHiddenFolder is a file an app keeps for itself (.obsidian, .trash), not one a person wrote.
func inHiddenFolder(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return true
		}
	}
	return false
}

func markdownEntry(name, text string) (journal.Entry, string) {
	meta, body := frontMatter(text)
	base := path.Base(name)
	base = strings.TrimSuffix(base, path.Ext(base))

	day, ok := time.Time{}, false
	for _, k := range []string{"date", "created", "day"} {
		if v := meta[k]; v != "" {
			if day, ok = looseDate(v); ok {
				break
			}
		}
	}
	rest := base
	if !ok {
		if m := nameDate.FindStringSubmatchIndex(base); m != nil {
			day, ok = looseDate(base[m[2]:m[3]] + "-" + base[m[4]:m[5]] + "-" + base[m[6]:m[7]])
			rest = base[:m[0]] + base[m[1]:]
		}
	}
	if !ok {
		return journal.Entry{}, "It has no date Goldseam can read in its name or in a date: line at its top."
	}
	date, inRange := dayOf(day)
	if !inRange {
		return journal.Entry{}, "Its date is outside the years Goldseam keeps (1900 to 2200)."
	}

	title := strings.TrimSpace(unquote(meta["title"]))
	if title == "" {
		title, body = firstHeading(body)
	}
	if title == "" {
		title = strings.Trim(strings.TrimSpace(rest), "-_ .")
	}
	body = strings.TrimSpace(body)
	tags := listValue(meta["tags"])
	tags = append(tags, listValue(meta["tag"])...)
	tags = append(tags, inlineTags(body)...)
	e := journal.Entry{Date: date, Title: title, Body: body, CreatedAt: day, UpdatedAt: day}
	fitLabels(&e, "Note", nil, tags)
	return e, ""
}

// nameDate finds a date in a file's name: 2024-03-05, 2024_03_05, 2024.03.05 or 20240305.
var nameDate = regexp.MustCompile(`(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})`)

// looseDate reads the start of a front matter date: 2024-03-05, "2024-03-05T10:00",
// 2024-03-05 10:00, 2024/03/05.
func looseDate(s string) (time.Time, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(unquote(s)), "/", "-")
	if len(s) < 10 {
		return time.Time{}, false
	}
	d, err := time.Parse(journal.DateLayout, s[:10])
	return d, err == nil
}

// frontMatter splits YAML front matter ("---" lines at the top) from the text. Only the
// simple "key: value" lines and "- item" lists under a key are read; that is all journals
// put there, and it keeps a hostile file from costing more than one pass over its lines.
func frontMatter(text string) (map[string]string, string) {
	meta := map[string]string{}
	if !strings.HasPrefix(text, "---\n") {
		return meta, text
	}
	lines := strings.SplitN(text[4:], "\n", maxFrontMatterLines+1)
	key := ""
	for i, line := range lines {
		if i == maxFrontMatterLines {
			return map[string]string{}, text
		}
		if t := strings.TrimRight(line, " \t"); t == "---" || t == "..." {
			return meta, strings.Join(lines[i+1:], "\n")
		}
		if item, ok := strings.CutPrefix(strings.TrimSpace(line), "- "); ok && key != "" {
			meta[key] += "," + unquote(item)
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(k))
		meta[key] = strings.TrimSpace(v)
	}
	return map[string]string{}, text // no closing line: not front matter
}

func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

// listValue reads a front matter list: "[a, b]", "a, b", "a b", or "- a" lines.
func listValue(v string) []string {
	v = strings.TrimSpace(v)
	v = strings.TrimSuffix(strings.TrimPrefix(v, "["), "]")
	var out []string
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' }) {
		part = unquote(part)
		if strings.ContainsAny(part, " ") && !strings.Contains(v, ",") {
			out = append(out, strings.Fields(part)...)
			continue
		}
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

// firstHeading takes a first-line "# heading" as the title and the rest as the body.
func firstHeading(body string) (string, string) {
	trimmed := strings.TrimLeft(body, "\n")
	first, rest, _ := strings.Cut(trimmed, "\n")
	if h, ok := strings.CutPrefix(first, "# "); ok && strings.TrimSpace(h) != "" {
		return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(h), "#")), rest
	}
	return "", body
}

// inlineTag is a #tag as Obsidian counts one: after a space or at a line's start, letters,
// digits, _ - and /, not only digits (#1 is a number, not a tag).
var inlineTag = regexp.MustCompile(`(?:^|[\s(])#([\p{L}\p{N}_/-]*[\p{L}_/-][\p{L}\p{N}_/-]*)`)

func inlineTags(body string) []string {
	var tags []string
	inCode := false
	for _, line := range strings.Split(body, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inCode = !inCode
			continue
		}
		if inCode {
			continue
		}
		for _, m := range inlineTag.FindAllStringSubmatch(line, -1) {
			tags = append(tags, m[1])
		}
	}
	return tags
}
