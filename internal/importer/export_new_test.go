package importer

// Test hooks for the importers of issue 20: their list, until it joins the registry, and the
// HTML-to-Markdown conversion they share.
var (
	NewFormats = newFormats
	HTMLText   = htmlText
)
