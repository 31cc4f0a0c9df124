// Command packdir writes every file of a folder gzip'd into another (internal/packedfs.Pack),
// for the app to embed at a third of the size: `make frontend` packs the built interface
// (frontend/dist into frontend/dist-packed) and `make build` the guided program's Markdown
// (internal/program/content into internal/program/content-packed).
//
// Usage: go run ./scripts/packdir FROM TO
package main

import (
	"fmt"
	"os"

	"github.com/goldseam/goldseam/internal/packedfs"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go run ./scripts/packdir FROM TO")
		os.Exit(2)
	}
	if err := packedfs.Pack(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "packdir:", err)
		os.Exit(1)
	}
}
