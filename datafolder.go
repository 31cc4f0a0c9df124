//go:build !e2e

package main

import (
	"errors"
	"fmt"
	"os"
	goruntime "runtime"

	"github.com/goldseam/goldseam/internal/datadir"
)

// folderWords are what the window or the command line says when the data folder cannot be
// held; each speaks in its own voice.
type folderWords struct {
	noPlace string // before the reason, when no place for the data can be found
	inUse   string // when another Goldseam holds the folder; %s is the folder
	failed  string // before the reason, when the folder's lock cannot be taken
}

// holdDataFolder finds the data folder (flagDir, else this system's place for it) and takes
// its lock, so that one Goldseam at a time owns it. It returns the folder and the lock's
// release. When it cannot, it has said why on stderr in w's words and returns the exit
// status (exitInUse when another Goldseam holds the folder, with dir set).
func holdDataFolder(flagDir string, w folderWords) (dir string, release func(), status int) {
	dir, err := datadir.Resolve(flagDir, datadir.ProcessEnvironment(goruntime.GOOS))
	if err != nil {
		fmt.Fprintln(os.Stderr, w.noPlace, err)
		return "", nil, exitFailure
	}
	lock, err := datadir.Acquire(dir)
	if errors.Is(err, datadir.ErrInUse) {
		fmt.Fprintf(os.Stderr, w.inUse, dir)
		return dir, nil, exitInUse
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, w.failed, err)
		return "", nil, exitFailure
	}
	return dir, func() { lock.Release() }, 0
}
