package backup

// syncDir does nothing on Windows: NTFS journals the rename itself, and a folder cannot be
// opened for syncing there.
func syncDir(string) error { return nil }
