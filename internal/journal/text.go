package journal

import "strings"

// plainText turns Markdown into the words a person reads, for snippets and the index:
// line markers (headings, quotes, list bullets), emphasis and code marks go, and links
// and images keep only their text. One pass, no regular expressions: it runs over every
// entry at each unlock.
func plainText(md string) string {
	if !strings.ContainsAny(md, "#>*_`~[-+0123456789") {
		return md
	}
	var b strings.Builder
	b.Grow(len(md))
	for line := range strings.Lines(md) {
		line = stripLineMarker(line)
		for i := 0; i < len(line); i++ {
			c := line[i]
			switch c {
			case '*', '_', '`', '~':
				continue
			case '!', '[':
				if text, n, ok := linkText(line[i:]); ok {
					b.WriteString(text)
					i += n - 1
					continue
				}
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// stripLineMarker removes a heading, quote, bullet or number marker from the start of line.
func stripLineMarker(line string) string {
	rest := strings.TrimLeft(line, " ")
	if len(line)-len(rest) > 3 {
		return line
	}
	n := 0
	switch {
	case strings.HasPrefix(rest, "#"):
		for n < len(rest) && n < 6 && rest[n] == '#' {
			n++
		}
	case strings.HasPrefix(rest, ">"), strings.HasPrefix(rest, "-"), strings.HasPrefix(rest, "+"), strings.HasPrefix(rest, "*"):
		n = 1
	default:
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(rest) || (rest[n] != '.' && rest[n] != ')') {
			return line
		}
		n++
	}
	if n < len(rest) && (rest[n] == ' ' || rest[n] == '\t') {
		return rest[n+1:]
	}
	return line
}

// linkText reads "[text](url)" or "![alt](url)" at the start of s and returns the text
// and how many bytes the link took.
func linkText(s string) (string, int, bool) {
	start := 0
	if strings.HasPrefix(s, "!") {
		start = 1
	}
	if !strings.HasPrefix(s[start:], "[") {
		return "", 0, false
	}
	closeText := strings.IndexByte(s[start:], ']')
	if closeText < 0 {
		return "", 0, false
	}
	closeText += start
	if closeText+1 >= len(s) || s[closeText+1] != '(' {
		return "", 0, false
	}
	closeURL := strings.IndexByte(s[closeText:], ')')
	if closeURL < 0 {
		return "", 0, false
	}
	return s[start+1 : closeText], closeText + closeURL + 1, true
}

// Summary is an entry as lists show it.
type Summary struct {
	ID, Date, Title, Excerpt string
	Mood                     int
	Feelings, Tags           []string
}

// Summarize gives the list view of e.
func Summarize(e Entry) Summary {
	return Summary{ID: e.ID, Date: e.Date, Title: e.Title, Excerpt: excerpt(plainText(e.Body)), Mood: e.Mood, Feelings: e.Feelings, Tags: e.Tags}
}

const excerptWords = 30

func excerpt(plain string) string {
	fields := strings.Fields(plain)
	if len(fields) <= excerptWords {
		return strings.Join(fields, " ")
	}
	return strings.Join(fields[:excerptWords], " ") + " …"
}
