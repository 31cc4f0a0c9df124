//go:build !linux || !cgo

package host

// keepDialogsOutOfRecent does nothing here. The browser-test build (no cgo) has no GTK. On
// Windows, Wails v2 builds its dialogs with its
// own internal copy of go-common-file-dialog, which never sets FOS_DONTADDTORECENT and
// offers no way to (its options are unexported, in a package Go's internal rule keeps from
// other modules); macOS was not examined. docs/security.md says what this leaves.
func keepDialogsOutOfRecent() {}
