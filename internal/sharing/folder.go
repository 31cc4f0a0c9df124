package sharing

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/goldseam/goldseam/internal/apperr"
)

// The refusals of a folder, each said once here.
var (
	errFolderMissing   = apperr.New(apperr.Invalid, "That folder could not be found. Choose a folder that exists on this computer.")
	errFolderNotDir    = apperr.New(apperr.Invalid, "That is a file, not a folder. Choose the folder your sync program (or your USB stick) carries.")
	errFolderReadOnly  = apperr.New(apperr.Invalid, "Goldseam cannot write in that folder. Choose one you can write to, such as a folder in your home folder that your sync program carries.")
	errFolderHoldsData = apperr.New(apperr.Invalid, "That folder holds Goldseam's own data file. A sync program copying the data file while it is open can damage it, so choose a separate, empty folder for the exchange.")
	errFolderInData    = apperr.New(apperr.Invalid, "That folder is inside Goldseam's own data folder, where its data files live. Choose a separate, empty folder for the exchange.")
	errNotAbsolute     = apperr.New(apperr.Invalid, "Choose the folder with the folder picker, so Goldseam has its full path.")
)

// CheckFolder says whether folder can be the exchange folder of a copy whose data file lives
// in dataDir: it must exist, be a folder Goldseam can write in, and neither hold the data file
// nor be inside the data folder (where the data files of others who use this computer live),
// the local exchange folder (LocalExchangeFolder) alone excepted
// (sqlite.org's "How To Corrupt An SQLite Database File": a sync engine copies the database
// and its journal files separately and mid-transaction). It writes and removes one probe
// file under goldseam/.tmp, the place readers skip.
func CheckFolder(folder, dataDir string) (string, error) {
	if !filepath.IsAbs(folder) {
		return "", errNotAbsolute
	}
	folder = filepath.Clean(folder)
	fi, err := os.Stat(folder)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "", errFolderMissing
	case err != nil:
		return "", apperr.Wrap(apperr.Invalid, "Goldseam could not look inside that folder. Choose another one.", err)
	case !fi.IsDir():
		return "", errFolderNotDir
	}
	switch {
	case sameFolder(folder, LocalExchange(dataDir)):
	case within(dataDir, folder):
		return "", errFolderHoldsData
	case within(folder, dataDir): // another person's data file may be in any folder there
		return "", errFolderInData
	}
	tmp := filepath.Join(folder, "goldseam", ".tmp")
	if err := os.MkdirAll(tmp, 0o700); err != nil {
		return "", errFolderReadOnly
	}
	probe, err := os.CreateTemp(tmp, ".goldseam-probe-")
	if err != nil {
		return "", errFolderReadOnly
	}
	probe.Close()
	if err := os.Remove(probe.Name()); err != nil {
		return "", errFolderReadOnly
	}
	return folder, nil
}

// LocalExchangeFolder is the one folder inside the data folder that may be an exchange
// folder: the local exchange of people who use Goldseam on one computer (package people).
// No sync program is involved there, so the reason to keep exchange folders away from the
// data files does not apply; every other folder in the data folder is still refused.
const LocalExchangeFolder = "exchange"

// LocalExchange is the local exchange folder of the data folder dataDir.
func LocalExchange(dataDir string) string { return filepath.Join(dataDir, LocalExchangeFolder) }

// sameFolder reports whether a and b are one folder, with symbolic links resolved.
func sameFolder(a, b string) bool { return within(a, b) && within(b, a) }

// within reports whether path is dir or inside it, with symbolic links resolved where they can be.
func within(path, dir string) bool {
	real := func(p string) string {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return r
		}
		return filepath.Clean(p)
	}
	rel, err := filepath.Rel(real(dir), real(path))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// SetFolder records folder (checked with CheckFolder) as this copy's exchange folder. Once
// paired, the folder can be changed (say, to a new sync program's folder): files already read
// are not read again, and this device's files are written anew there at the next pass.
func SetFolder(ctx context.Context, c Copy, folder, dataDir string) error {
	folder, err := CheckFolder(folder, dataDir)
	if err != nil {
		return err
	}
	st, err := load(ctx, c.DB, c.Journal)
	if err != nil {
		return err
	}
	moved := st.Folder != folder
	st.Folder = folder
	if moved {
		st.Own, st.Outbox = OwnChain{}, nil // everything is written anew in the new folder
	}
	return c.DB.Write(ctx, func(tx *sql.Tx) error {
		if moved {
			if _, err := tx.ExecContext(ctx, `DELETE FROM exchange_published`); err != nil {
				return fmt.Errorf("forget what the old folder holds: %w", err)
			}
		}
		return saveTx(ctx, tx, c.Journal, st)
	})
}
