package importer

// Test hook: the HTML-to-Markdown conversion the importers of HTML exports share.
var HTMLText = htmlText
