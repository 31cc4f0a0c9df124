package api

import (
	"sync"

	"github.com/goldseam/goldseam/internal/host"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
)

// BackupFiles is the backup service for callers that name the file themselves: the command
// line, the benchmarks and tests. It is never bound to the window: there JavaScript names
// no path at all, and every file or folder comes from a dialog Go opens (see [Backup]).
type BackupFiles struct{ b *Backup }

// NewBackupFiles returns the file-naming backup service over db and s; both may be nil for
// Verify, which needs no vault.
func NewBackupFiles(h host.Host, db *store.DB, s *session.Session) *BackupFiles {
	return &BackupFiles{b: NewBackup(h, db, s, nil)}
}

// ExportTo writes a backup to path, locked with passphrase, and verifies it by reading it
// back before saying it is done.
func (f *BackupFiles) ExportTo(path, passphrase string) (BackupContents, error) {
	return f.b.exportTo(path, passphrase)
}

// Verify opens and verifies the backup at path whole and says what it holds. It needs no
// vault and changes nothing.
func (f *BackupFiles) Verify(path, passphrase string) (BackupContents, error) {
	return f.b.inspectFile(path, passphrase)
}

// Restore restores the backup at path into the unlocked vault ("merge" or "replace").
func (f *BackupFiles) Restore(path, passphrase, mode string) (RestoreResult, error) {
	return f.b.restoreFile(path, passphrase, mode)
}

// chosen is one path the person picked in a dialog Go opened, so that a later call from the
// window can act on it without JavaScript ever naming a path.
type chosen struct {
	mu   sync.Mutex
	path string
}

func (c *chosen) set(path string) {
	c.mu.Lock()
	c.path = path
	c.mu.Unlock()
}

func (c *chosen) get() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.path
}
