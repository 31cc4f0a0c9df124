package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// maxSecretFile is the most a passphrase file may hold: the longest passphrase Goldseam
// takes (1024 bytes) with room for a line ending, so a wrong path to a large file is
// refused rather than read whole.
const maxSecretFile = 4096

// readSecretFile reads the passphrase in the file named by variable. It refuses anything
// that is not a regular file (a FIFO, a device, a folder) and, where the system says who may
// read a file, a file that people other than its owner can read: a passphrase kept like that
// is not a secret any more, and the sooner that is said the better.
func readSecretFile(variable, path string) (string, error) {
	info, err := os.Stat(path) // before opening: opening a FIFO would wait for a writer
	if err != nil {
		return "", fmt.Errorf("read the passphrase file named in %s: %w", variable, err)
	}
	if !info.Mode().IsRegular() {
		return "", fmt.Errorf("the passphrase file named in %s (%s) is not a regular file; name a plain file that holds only the passphrase", variable, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("read the passphrase file named in %s: %w", variable, err)
	}
	defer f.Close()
	if info, err = f.Stat(); err != nil { // what was opened, in case the name changed since
		return "", fmt.Errorf("read the passphrase file named in %s: %w", variable, err)
	}
	if !info.Mode().IsRegular() {
		return "", fmt.Errorf("the passphrase file named in %s (%s) is not a regular file; name a plain file that holds only the passphrase", variable, path)
	}
	if err := othersCanRead(info); err != nil {
		return "", fmt.Errorf("the passphrase file named in %s (%s) %w; make it yours alone with: chmod 600 %s", variable, path, err, path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxSecretFile+1))
	// The string handed on cannot be cleared; the bytes read can.
	defer clear(data)
	if err != nil {
		return "", fmt.Errorf("read the passphrase file named in %s: %w", variable, err)
	}
	if len(data) > maxSecretFile {
		return "", fmt.Errorf("the passphrase file named in %s (%s) is larger than any passphrase; name a file that holds only the passphrase", variable, path)
	}
	return strings.TrimRight(string(data), "\r\n"), nil
}

// errOthersCanRead completes the sentence "the passphrase file ... ".
var errOthersCanRead = errors.New("can be read by other people on this computer")
