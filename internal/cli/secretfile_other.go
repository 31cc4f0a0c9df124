//go:build !windows

package cli

import "os"

// othersCanRead refuses a file whose group or others have any permission: on Unix the mode
// bits are who may read it.
func othersCanRead(info os.FileInfo) error {
	if info.Mode().Perm()&0o077 != 0 {
		return errOthersCanRead
	}
	return nil
}
