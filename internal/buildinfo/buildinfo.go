// Package buildinfo owns the version identity of this build of Goldseam.
package buildinfo

// Version is set at build time from the git tag:
//
//	-ldflags "-X github.com/goldseam/goldseam/internal/buildinfo.Version=v1.2.3"
//
// A build without it (go run, go test) says "dev".
var Version = "dev"

// Name is the product name as people see it.
const Name = "Goldseam"
