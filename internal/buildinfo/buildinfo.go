// Package buildinfo owns the identity of this build of Goldseam: its name, publisher and
// description, and the version taken from the git tag, with the numeric forms that
// Windows, macOS and Debian packages require of it (see [ParseVersion]).
package buildinfo

// Version is set at build time from the git tag (`git describe --tags --always --dirty`):
//
//	-ldflags "-X github.com/goldseam/goldseam/internal/buildinfo.Version=v1.2.3"
//
// A build without it (go run, go test) says "dev".
var Version = "dev"

// The app's identity as installers, package managers and the About page show it. The
// installers' own files (wails.json, the Linux desktop entry and package, the Windows
// version resources) say the same; a test in scripts/identity keeps them in step.
const (
	// Name is the product name as people see it.
	Name = "Goldseam"
	// Publisher is who makes Goldseam: the Windows CompanyName, the package's vendor.
	Publisher = "The Goldseam developers"
	// Description is one sentence saying what Goldseam is.
	Description = "A private, local-first companion for rebuilding trust after a betrayal."
	// Copyright is the notice in the Windows and macOS version information.
	Copyright = "© 2026 The Goldseam developers"
	// BundleID names the app to macOS (CFBundleIdentifier) and to Linux desktops
	// (the desktop entry's StartupWMClass is the program name "goldseam").
	BundleID = "app.goldseam.Goldseam"
)
