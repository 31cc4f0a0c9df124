//go:build windows

package cli

import "os"

// othersCanRead checks nothing on Windows: who may read a file there is in its access
// control list, which Go's file mode does not show. docs/security.md says so; a file in the
// person's own profile folder is readable only by them and administrators by default.
func othersCanRead(os.FileInfo) error { return nil }
