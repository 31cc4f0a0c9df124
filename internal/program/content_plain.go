//go:build !goldseam_packed

package program

import (
	"embed"
	"io/fs"
)

//go:embed content
var plainContent embed.FS

// embedded is the program's Markdown as it is in the tree: what tests and the browser-test
// build read, with no build step before them.
func embedded() fs.FS { return plainContent }
