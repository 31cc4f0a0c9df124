package pairing

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/privatefile"
)

// The sentences a person reads when the folder itself fails.
var (
	errCannotWrite = "Goldseam cannot write in the shared folder. Check that the folder is still there, that the disk or stick is connected and that you may write in it."
	errCannotRead  = "Goldseam cannot read the shared folder. Check that the folder is still there and that the disk or stick is connected."
)

func pairingRoot(root string) string           { return filepath.Join(root, "goldseam", "pairing") }
func pairingDir(root, id string) string        { return filepath.Join(pairingRoot(root), id) }
func tmpDir(root string) string                { return filepath.Join(root, "goldseam", ".tmp") }
func answerName(deviceID string) string        { return kindAnswer + "-" + deviceID }
func newPairingID() (string, error)            { return randomHex(pairingIDSize) }
func randomBytes(n int) ([]byte, error)        { b := make([]byte, n); _, err := rand.Read(b); return b, err }
func randomHex(n int) (string, error)          { b, err := randomBytes(n); return hex.EncodeToString(b), err }
func fileErr(sentence string, err error) error { return apperr.Wrap(apperr.Unavailable, sentence, err) }

// writeOnce gives a pairing file its name without ever replacing one: written under
// <root>/goldseam/.tmp/, synced, then linked into place (renamed where the file system has
// no links, after checking the name is free). A file already there with the same bytes is
// success, so a step retried after a crash is harmless; different bytes are refused, since
// no pairing file is ever edited. The files hold public keys and sealed keys only and are
// left readable by others: two people on one computer may share the folder between accounts.
func writeOnce(root, id, name string, data []byte) error {
	dir := pairingDir(root, id)
	tmp := tmpDir(root)
	for _, d := range []string{dir, tmp} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fileErr(errCannotWrite, err)
		}
	}
	path := filepath.Join(dir, name)
	if old, found, err := readFile(path); err == nil && found {
		if bytes.Equal(old, data) {
			return nil
		}
		return tampered(fmt.Errorf("%s: another file already has the name", name))
	}
	f, err := os.CreateTemp(tmp, ".goldseam-tmp-*")
	if err != nil {
		return fileErr(errCannotWrite, err)
	}
	defer os.Remove(f.Name())
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fileErr(errCannotWrite, err)
	}
	if err := os.Link(f.Name(), path); err != nil {
		if _, statErr := os.Lstat(path); !errors.Is(statErr, fs.ErrNotExist) {
			return tampered(fmt.Errorf("%s: something else already has the name", name))
		}
		if err := os.Rename(f.Name(), path); err != nil {
			return fileErr(errCannotWrite, err)
		}
	}
	if err := privatefile.SyncDir(dir); err != nil {
		return fileErr(errCannotWrite, err)
	}
	return nil
}

// readFile reads a pairing file: found is false if nothing has the name. Anything but a plain
// file (a link, a folder) and anything larger than a pairing file can be is refused, so the
// folder cannot point Goldseam at a file elsewhere or make it read without end.
func readFile(path string) (data []byte, found bool, err error) {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fileErr(errCannotRead, err)
	}
	if !info.Mode().IsRegular() {
		return nil, true, errors.New("not a plain file")
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fileErr(errCannotRead, err)
	}
	defer f.Close()
	if now, err := f.Stat(); err != nil || !os.SameFile(info, now) {
		return nil, true, errors.New("the file changed while it was opened")
	}
	data, err = io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, false, fileErr(errCannotRead, err)
	}
	return data, true, nil
}

// removeOwn removes this device's files of one pairing and then the folder, if that left it
// empty. Files that are already gone are fine.
func removeOwn(root, id string, names ...string) error {
	dir := pairingDir(root, id)
	for _, n := range names {
		if err := os.Remove(filepath.Join(dir, n)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fileErr(errCannotWrite, err)
		}
	}
	os.Remove(dir) // only succeeds when the other side's files are gone too
	return nil
}

// checked is a pairing file's body, which can say whether its fields hold together.
type checked interface{ check() error }

// arrived reads the file name of pairing under root as a file of kind into body. ok is false
// while it has not arrived whole (missing, or short: still being carried), with err only for
// a failure to look; a whole file that does not parse or check stops the pairing (tampered).
func arrived(root, pairing, name, kind string, body checked) (env envelope, ok bool, err error) {
	data, found, err := readFile(filepath.Join(pairingDir(root, pairing), name))
	switch {
	case !found:
		return envelope{}, false, err
	case err != nil:
		return envelope{}, false, tampered(err)
	}
	env, err = open(data, kind, body)
	if errors.Is(err, errShort) {
		return envelope{}, false, nil
	}
	if err != nil || body.check() != nil {
		return envelope{}, false, tampered(errMalformed)
	}
	return env, true, nil
}
