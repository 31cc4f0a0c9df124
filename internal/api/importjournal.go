package api

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/importer"
	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/vault"
)

// ImportResult says what an import added. An import only adds: an entry already here
// from an earlier import is left as it is, even when the file now says something else.
type ImportResult struct {
	Added     int `json:"added"`
	Unchanged int `json:"unchanged"` // already here from an earlier import, the same
	Differ    int `json:"differ"`    // already here from an earlier import, different now; left as they are
}

// maxImport is the largest file an import reads.
const maxImport = importer.MaxInput

// ImportJournal asks for a file and adds its entries to the journal: format is "jrnl" (jrnl's
// plain-text export) or "dayone" (Day One's JSON export, or the zip it comes in). Entries get
// ids from the file, so importing the same file twice adds nothing the second time, and an
// entry imported before is never changed or brought back from the trash: the person may
// have edited or deleted it here. How many of those differ in the file is said instead.
func (b *Backup) ImportJournal(format string) (ImportResult, error) {
	parse := map[string]func(io.Reader) ([]journal.Entry, error){"jrnl": importer.JRNL, "dayone": importer.DayOne}[format]
	if parse == nil {
		return ImportResult{}, apperr.New(apperr.Invalid, "Goldseam can import a jrnl export or a Day One export.")
	}
	path, err := b.host.OpenFile("Choose the journal to import")
	if err != nil || path == "" {
		return ImportResult{}, coded(err)
	}
	return b.importFile(path, parse)
}

func (b *Backup) importFile(path string, parse func(io.Reader) ([]journal.Entry, error)) (ImportResult, error) {
	data, err := readImport(path)
	if err != nil {
		return ImportResult{}, err
	}
	entries, err := parse(bytes.NewReader(data))
	if err != nil {
		var fe *importer.FormatError
		if errors.As(err, &fe) {
			return ImportResult{}, apperr.Wrap(apperr.Invalid, fe.Error()+" Nothing was imported.", err)
		}
		return ImportResult{}, apperr.Wrap(apperr.Invalid, "Goldseam could not read that file as a journal export. Nothing was imported.", err)
	}
	r, err := inVault(b, func(ctx context.Context, u *vault.Unlocked) (ImportResult, error) {
		var r ImportResult
		err := b.db.Write(ctx, func(tx *sql.Tx) error {
			var err error
			r.Added, r.Differ, err = journal.AddNewTx(ctx, tx, u.Key(vault.Journal), entries)
			return err
		})
		return r, err
	})
	if err != nil {
		return ImportResult{}, backupError(err)
	}
	r.Unchanged = len(entries) - r.Added - r.Differ
	if b.onRestored != nil && r.Added > 0 {
		b.onRestored()
	}
	return r, nil
}

// readImport reads the file, or the first .json file inside it when it is a zip (Day One
// exports come zipped).
func readImport(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, backupError(err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxImport+1))
	if err != nil {
		return nil, backupError(err)
	}
	if len(data) > maxImport {
		return nil, apperr.New(apperr.Invalid, "That file is larger than Goldseam imports at once (200 MB).")
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return data, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, apperr.Wrap(apperr.Invalid, "That zip file is damaged. Nothing was imported.", err)
	}
	for _, zf := range zr.File {
		if strings.HasSuffix(strings.ToLower(zf.Name), ".json") {
			rc, err := zf.Open()
			if err != nil {
				return nil, apperr.Wrap(apperr.Invalid, "That zip file is damaged. Nothing was imported.", err)
			}
			defer rc.Close()
			out, err := io.ReadAll(io.LimitReader(rc, maxImport+1))
			if err != nil || len(out) > maxImport {
				return nil, apperr.Wrap(apperr.Invalid, "The journal inside that zip could not be read whole. Nothing was imported.", fmt.Errorf("read %s: %v", zf.Name, err))
			}
			return out, nil
		}
	}
	return nil, apperr.New(apperr.Invalid, "That zip holds no Day One journal (a .json file). Nothing was imported.")
}
