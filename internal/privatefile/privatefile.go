// Package privatefile owns writing a file only its owner may read (the recovery kit) so
// that it is either whole or absent, and never lands anywhere but the name chosen; and
// appending to one (the fault log) without writing through a link put in its place.
package privatefile

import (
	"fmt"
	"os"
	"path/filepath"
)

// Write puts data at path, readable by its owner only (0600), and makes sure it is on the
// disk before returning. The bytes go to a new temporary file in the same folder, created
// exclusively (O_EXCL: it never opens an existing file, nor follows a symlink), synced, then
// renamed over path and the folder synced. So whatever was at path is replaced, never
// written through: a symlink there is replaced by the file, not followed, and another
// hard link to an earlier file keeps that file's bytes. If anything fails, path is as it
// was and the temporary file is removed.
func Write(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".tmp-*") // 0600, O_CREATE|O_EXCL
	if err != nil {
		return fmt.Errorf("create a file in %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil { // CreateTemp's mode already; said again on purpose
		return fmt.Errorf("make %s private: %w", path, err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("put %s in place: %w", path, err)
	}
	return SyncDir(dir)
}

// Append opens path for appending, making it readable by its owner only (0600) whether it
// is new or was there before. It refuses anything at path but a plain file, so a link
// placed there is never written through.
func Append(path string) (*os.File, error) {
	if info, err := os.Lstat(path); err == nil && !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a plain file", path)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil { // a file made earlier with a wider mode is narrowed
		f.Close()
		return nil, err
	}
	return f, nil
}
