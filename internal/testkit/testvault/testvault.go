// Package testvault opens the real parts most tests start from: a data file in a temporary folder,
// and a new vault created in it and left unlocked. Tests use it instead of each package
// keeping its own copy of the same set-up. A test binary that creates vaults should call
// vault.UseCheapKDFForTests in its TestMain, so each one takes milliseconds, not seconds.
package testvault

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Passphrase is the passphrase of every vault Open makes.
const Passphrase = "a passphrase kept by the test vault"

// Path is where OpenStore keeps the data file in dir.
func Path(dir string) string { return filepath.Join(dir, store.FileName) }

// OpenStore opens (making it if need be) the data file in dir, and closes it when the test
// ends.
func OpenStore(tb testing.TB, dir string) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), Path(dir))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Open makes a data file in a new temporary folder with a new vault in it, and returns
// the file and the vault's keys.
func Open(tb testing.TB) (*store.DB, *vault.Unlocked) {
	tb.Helper()
	return OpenIn(tb, tb.TempDir())
}

// OpenIn is Open with the data file in dir.
func OpenIn(tb testing.TB, dir string) (*store.DB, *vault.Unlocked) {
	tb.Helper()
	db := OpenStore(tb, dir)
	u, _, err := vault.Create(context.Background(), db, []byte(Passphrase), vault.Calibrate())
	if err != nil {
		tb.Fatal(err)
	}
	return db, u
}

// OpenKey is Open for a test of one kind of record: it returns the data file and the
// vault's content key for p.
func OpenKey(tb testing.TB, p vault.Purpose) (*store.DB, *vault.ContentKey) {
	tb.Helper()
	db, u := Open(tb)
	return db, u.Key(p)
}

// CopyDataFile copies the data file in from, and its -wal, into the folder to, as a backup
// tool or a cloud folder would while Goldseam runs.
func CopyDataFile(tb testing.TB, from, to string) {
	tb.Helper()
	for _, suffix := range []string{"", "-wal"} {
		src, err := os.Open(filepath.Join(from, store.FileName+suffix))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			tb.Fatal(err)
		}
		dst, err := os.Create(filepath.Join(to, store.FileName+suffix))
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := io.Copy(dst, src); err != nil {
			tb.Fatal(err)
		}
		src.Close()
		dst.Close()
	}
}
