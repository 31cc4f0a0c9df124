//go:build !windows

package privatefile

import (
	"fmt"
	"os"
)

// SyncDir makes a rename in dir durable: without it, a power cut can leave the folder
// pointing at the old file even though the new one's bytes were synced.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open folder %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	return nil
}
