package datadir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// LockFileName is the file inside the data folder whose lock marks the folder as in use.
const LockFileName = "goldseam.lock"

// ErrInUse means another running Goldseam already owns the data folder.
var ErrInUse = errors.New("data folder is in use by another running Goldseam")

// Lock is an exclusive, advisory lock on a data folder, held for the life of the process.
// The operating system releases it when the process ends, however it ends, so a crash
// never leaves a stale lock behind.
type Lock struct {
	file *os.File
}

// Acquire takes the lock on dir without waiting. It returns an error wrapping [ErrInUse]
// when another process holds it.
func Acquire(dir string) (*Lock, error) {
	if err := Ensure(dir); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, LockFileName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open lock file: %w", err)
	}
	if err := tryLock(f); err != nil {
		f.Close()
		if errors.Is(err, errWouldBlock) {
			return nil, fmt.Errorf("lock %s: %w", dir, ErrInUse)
		}
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	return &Lock{file: f}, nil
}

// Release gives the lock up. The lock file itself stays: removing it would race with a
// process that has just opened it.
func (l *Lock) Release() error {
	if l == nil || l.file == nil {
		return nil
	}
	err := l.file.Close() // closing the descriptor drops the lock on every platform
	l.file = nil
	return err
}
