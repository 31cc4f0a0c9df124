package privatefile

// SyncDir does nothing on Windows: NTFS journals the rename itself, and a folder cannot be
// opened for syncing there.
func SyncDir(string) error { return nil }
