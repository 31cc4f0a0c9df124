package importer

import (
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlText turns the HTML another app wrote (Daylio notes, Journey entries, Apple Journal
// pages, Diaro's rich text) into plain Markdown: paragraphs, line breaks, headings, lists,
// bold and italics survive; scripts, styles, pictures and every attribute except a link's
// web address are dropped. It reads tokens one at a time and keeps no tree, so deep nesting
// costs nothing; the text it keeps is the text the page shows, never markup.
func htmlText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var b strings.Builder
	hidden := 0          // depth inside elements whose content is not shown (script, style, ...)
	var lists []int      // for each open list: 0 for bullets, else the next number
	var links []string   // the web address of each open link, shown after its text
	bold, italic := 0, 0 // open <b> and <i>: closed at the end if the page never closes them
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			b.WriteString(strings.Repeat("_", min(italic, 8)) + strings.Repeat("**", min(bold, 8))) // a hostile page may open thousands
			return tidyText(b.String())
		case html.TextToken:
			if hidden == 0 {
				b.WriteString(collapseSpace(string(z.Text())))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if hiddenElement(a) {
				if tt == html.StartTagToken {
					hidden++
				}
				continue
			}
			if hidden > 0 {
				continue
			}
			if isBlock(a) {
				b.WriteString("\n\n")
			}
			switch a {
			case atom.Br:
				b.WriteString("\n")
			case atom.Hr, atom.Dt, atom.Dd:
				b.WriteString("\n\n")
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				b.WriteString("\n\n" + strings.Repeat("#", headingLevel(a)) + " ")
			case atom.Ul:
				lists = append(lists, 0)
				b.WriteString("\n")
			case atom.Ol:
				lists = append(lists, 1)
				b.WriteString("\n")
			case atom.Li:
				b.WriteString("\n" + strings.Repeat("  ", max(len(lists)-1, 0)))
				if n := len(lists); n > 0 && lists[n-1] > 0 {
					b.WriteString(strconv.Itoa(lists[n-1]) + ". ")
					lists[n-1]++
				} else {
					b.WriteString("- ")
				}
			case atom.B, atom.Strong:
				b.WriteString("**")
				bold++
			case atom.I, atom.Em:
				b.WriteString("_")
				italic++
			case atom.A:
				links = append(links, linkTarget(z, hasAttr))
			case atom.Td, atom.Th:
				b.WriteString(" ")
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if hiddenElement(a) {
				hidden = max(hidden-1, 0)
				continue
			}
			if hidden > 0 {
				continue
			}
			if isBlock(a) || headingLevel(a) > 0 {
				b.WriteString("\n\n")
			}
			switch a {
			case atom.Ul, atom.Ol:
				if len(lists) > 0 {
					lists = lists[:len(lists)-1]
				}
				b.WriteString("\n\n")
			case atom.B, atom.Strong:
				if bold > 0 {
					b.WriteString("**")
					bold--
				}
			case atom.I, atom.Em:
				if italic > 0 {
					b.WriteString("_")
					italic--
				}
			case atom.A:
				if n := len(links); n > 0 {
					if links[n-1] != "" {
						b.WriteString(" (" + links[n-1] + ")")
					}
					links = links[:n-1]
				}
			}
		}
	}
}

// isBlock is an element that stands apart from the text around it, as a paragraph does.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Blockquote,
		atom.Pre, atom.Table, atom.Tr, atom.Dl:
		return true
	}
	return false
}

// headingLevel is 1 to 6 for h1 to h6, else 0.
func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return int(a.String()[1] - '0')
	}
	return 0
}

// hiddenElement is an element whose content a reader never sees as text.
func hiddenElement(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Head, atom.Title, atom.Template, atom.Noscript, atom.Iframe,
		atom.Object, atom.Svg, atom.Math, atom.Textarea, atom.Select, atom.Audio, atom.Video, atom.Canvas:
		return true
	}
	return false
}

// linkTarget is a link's web address when it is one a reader could follow (http, https,
// mailto); any other scheme (javascript:, data:, file:) is dropped.
func linkTarget(z *html.Tokenizer, hasAttr bool) string {
	for hasAttr {
		var key, val []byte
		key, val, hasAttr = z.TagAttr()
		if string(key) != "href" {
			continue
		}
		href := strings.TrimSpace(string(val))
		lower := strings.ToLower(href)
		if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "mailto:") {
			return strings.Map(func(r rune) rune {
				if r == '(' || r == ')' || r == ' ' || r == '\n' {
					return -1
				}
				return r
			}, href)
		}
	}
	return ""
}

var spaceRun = regexp.MustCompile(`[ \t\r\n\f]+`)

// collapseSpace treats white space in HTML text as the browser does: any run is one space.
func collapseSpace(s string) string { return spaceRun.ReplaceAllString(s, " ") }

var blankLines = regexp.MustCompile(`\n[ \t]*\n(?:[ \t]*\n)+`)

// tidyText trims the spaces the conversion left at line ends and keeps at most one blank line.
func tidyText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
		if !strings.HasPrefix(strings.TrimLeft(lines[i], " "), "- ") && !isNumbered(strings.TrimLeft(lines[i], " ")) {
			lines[i] = strings.TrimLeft(lines[i], " ")
		}
	}
	return strings.TrimSpace(blankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
}

func isNumbered(l string) bool {
	digits := 0
	for digits < len(l) && l[digits] >= '0' && l[digits] <= '9' {
		digits++
	}
	return digits > 0 && strings.HasPrefix(l[digits:], ". ")
}

// noteText is the words of a note that may be plain text or carry a little HTML (Daylio's
// bold and lists, Diaro's rich text). Plain text is kept as it is; text with tags or entities
// is read as HTML, its own line ends kept as line breaks, since the app showed them so.
func noteText(s string) string {
	if !looksLikeHTML(s) && !strings.Contains(s, "&") {
		return s
	}
	return htmlText(strings.ReplaceAll(s, "\n", "<br>"))
}

// looksLikeHTML tells whether text from an app that writes either HTML or Markdown is HTML.
func looksLikeHTML(s string) bool {
	lower := strings.ToLower(s)
	for _, tag := range []string{"<p>", "<p ", "<br", "<div", "<b>", "<i>", "<strong", "<em>", "<ul", "<ol", "<li", "<h1", "<h2", "<h3", "<span", "<html", "<body", "<a "} {
		if strings.Contains(lower, tag) {
			return true
		}
	}
	return false
}
