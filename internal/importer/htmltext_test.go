package importer_test

import (
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/importer"
)

// HTML from another app becomes Markdown text: what a reader saw, never markup that could run.
func TestHTMLBecomesPlainMarkdown(t *testing.T) {
	for name, c := range map[string]struct{ in, want string }{
		"paragraphs and breaks":      {"<p>one<br>two</p><p>three</p>", "one\ntwo\n\nthree"},
		"script and style gone":      {"<p>a</p><script>alert(1)</script><style>p{}</style><p>b</p>", "a\n\nb"},
		"split script tag":           {"<scr<script>ipt>alert(1)</script>x", "ipt>alert(1)x"},
		"escaped markup stays words": {"&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"},
		"links":                      {`<a href="javascript:alert(1)">x</a> <a href="https://a.example/(b)">y</a>`, "x y (https://a.example/b)"},
		"nested lists":               {"<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>", "1. a\n\n  - b\n\n2. c"},
		"pictures never read":        {`<p>see <img src="https://tracker.example/p.gif" alt="me"></p>`, "see"},
		"headings":                   {"<h2>Title</h2>text", "## Title\n\ntext"},
		"unclosed everything":        {"<div><p><b>bold<i>both", "**bold_both_**"},
		"stray closers":              {"a</b></i>b", "ab"},
		"hidden never closed":        {"text<iframe>inside", "text"},
	} {
		t.Run(name, func(t *testing.T) {
			if got := importer.HTMLText(c.in); got != c.want {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
	// Depth costs nothing: a million nested elements are read in one pass.
	deep := strings.Repeat("<div><span>", 1_000_000) + "bottom"
	if got := importer.HTMLText(deep); got != "bottom" {
		t.Fatalf("got %q", got)
	}
}
