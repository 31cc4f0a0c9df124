//go:build goldseam_packed

package program

import (
	"embed"
	"io/fs"

	"github.com/goldseam/goldseam/internal/packedfs"
)

// The app embeds the Markdown gzip'd, at a third of its size: `make build` packs content
// into content-packed (scripts/packdir) and builds with the goldseam_packed tag.
//
//go:embed all:content-packed
var packedContent embed.FS

// embedded is the packed Markdown, read as the plain files it was packed from; a build
// whose packing step did not run has no steps, and Load then says so.
func embedded() fs.FS {
	sub, err := fs.Sub(packedfs.Unpacked(packedContent), "content-packed")
	if err != nil {
		return packedContent // fs.Sub fails only on an invalid name; this one is valid
	}
	return sub
}
