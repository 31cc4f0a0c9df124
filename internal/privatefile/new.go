package privatefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists means something (a file, a folder, a link) already has the name.
var ErrExists = errors.New("something with that name is already there")

// Pending is a new private file that must not replace anything (the command line's recovery
// kit, where no dialog asked about an existing file): a temporary file beside the
// destination, which takes the destination's name only in Commit.
type Pending struct {
	path string
	tmp  *os.File
}

// Prepare checks that path can be made, before the secret exists: its folder is there and
// writable, and nothing has the name. It creates the temporary file (0600, O_EXCL) beside it,
// so a refusal comes before anything else is done.
func Prepare(path string) (*Pending, error) {
	if _, err := os.Lstat(path); err == nil {
		return nil, fmt.Errorf("%s: %w", path, ErrExists)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return nil, err
	}
	return &Pending{path: path, tmp: tmp}, nil
}

// Commit writes data, makes sure it is on the disk, and gives it the destination name without
// replacing anything there: a hard link fails if the name is taken, even by a dangling link.
// Where the file system has no hard links (FAT on a USB stick) it renames instead, after
// checking the name is still free; a rename replaces a link rather than writing through it.
func (p *Pending) Commit(data []byte) error {
	defer p.Abort()
	if _, err := p.tmp.Write(data); err != nil {
		return err
	}
	if err := p.tmp.Sync(); err != nil {
		return err
	}
	if err := p.tmp.Close(); err != nil {
		return err
	}
	name := p.tmp.Name()
	if err := os.Link(name, p.path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", p.path, ErrExists)
		}
		if _, statErr := os.Lstat(p.path); !errors.Is(statErr, fs.ErrNotExist) {
			return fmt.Errorf("%s: %w", p.path, ErrExists)
		}
		if err := os.Rename(name, p.path); err != nil {
			return err
		}
	}
	return SyncDir(filepath.Dir(p.path))
}

// Abort removes the temporary file; after Commit it only tidies up.
func (p *Pending) Abort() {
	p.tmp.Close()
	os.Remove(p.tmp.Name())
}
