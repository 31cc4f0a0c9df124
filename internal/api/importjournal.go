package api

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"sort"
	"sync"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/importer"
	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/vault"
)

// ImportFormat is one app whose export Goldseam reads, as the interface offers it.
type ImportFormat struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Keeps  string `json:"keeps"`  // what is brought in and what stays behind, for a person
	Folder bool   `json:"folder"` // the export is a folder, so the folder dialog is shown
}

// ImportPreview is what an export holds, shown before anything is written.
type ImportPreview struct {
	Format      string             `json:"format"`
	Name        string             `json:"name"` // the app, "Day One"
	File        string             `json:"file"` // the file's or folder's name; "" when the person cancelled
	Entries     int                `json:"entries"`
	First       string             `json:"first"` // the oldest entry's date, YYYY-MM-DD
	Last        string             `json:"last"`
	Journals    []string           `json:"journals"`
	Tags        []string           `json:"tags"`        // the most used, up to twelve
	AlreadyHere int                `json:"alreadyHere"` // entries with the same ids here already
	Skipped     []importer.Skipped `json:"skipped"`
}

// ImportResult says what an import did, adding up: Added + Unchanged + Differ is every entry
// read, and Skipped names what was not. An import only adds: an entry already here from an
// earlier import is left as it is, even when the file now says something else.
type ImportResult struct {
	Added     int                `json:"added"`
	Unchanged int                `json:"unchanged"` // already here from an earlier import, the same
	Differ    int                `json:"differ"`    // already here from an earlier import, different now; left as they are
	Skipped   []importer.Skipped `json:"skipped"`
}

// ImportProgress is sent as "import:progress" while an import writes.
type ImportProgress struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// importBatch is how many entries one transaction writes: small enough that progress moves
// and a lock stops the import soon, large enough that fsyncs do not dominate.
const importBatch = 500

// pendingImport is an export read and shown, waiting for the person to say "Import". It
// is held in memory only, never written to disk, and dropped when the journal locks.
type pendingImport struct {
	mu  sync.Mutex
	exp *importer.Export
}

func (p *pendingImport) set(exp *importer.Export) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.exp = exp
}

func (p *pendingImport) take() *importer.Export {
	p.mu.Lock()
	defer p.mu.Unlock()
	exp := p.exp
	p.exp = nil
	return exp
}

// ImportFormats lists the apps whose exports Goldseam reads.
func (b *Backup) ImportFormats() []ImportFormat {
	var out []ImportFormat
	for _, f := range importer.Formats() {
		out = append(out, ImportFormat{ID: f.ID, Name: f.Name, Keeps: f.Keeps, Folder: f.Folder})
	}
	return out
}

// PreviewImport asks for the export of format (a file, or a folder for a folder format),
// reads it, and says what importing it would do. Nothing is written: the entries wait in
// memory for Import, or are dropped by CancelImport or at lock. A File of "" means the
// person cancelled the dialog.
func (b *Backup) PreviewImport(format string) (ImportPreview, error) {
	f, ok := importer.FormatByID(format)
	if !ok {
		return ImportPreview{}, apperr.New(apperr.Invalid, "Goldseam does not know how to read that app's export yet.")
	}
	var path string
	var err error
	if f.Folder {
		path, err = b.host.ChooseFolder("Choose the " + f.Name + " folder to import")
	} else {
		path, err = b.host.OpenFile("Choose the " + f.Name + " export to import")
	}
	if err != nil || path == "" {
		return ImportPreview{}, coded(err)
	}
	return b.previewFile(f, path)
}

func (b *Backup) previewFile(f importer.Format, path string) (ImportPreview, error) {
	b.pending.set(nil)
	exp, err := readExport(f, path)
	if err != nil {
		return ImportPreview{}, err
	}
	p := ImportPreview{Format: f.ID, Name: f.Name, File: filepath.Base(path), Entries: len(exp.Entries),
		Journals: exp.Journals, Skipped: exp.Skipped, Tags: mostUsedTags(exp.Entries, 12)}
	ids := make([]string, len(exp.Entries))
	for i, e := range exp.Entries {
		ids[i] = e.ID
		if p.First == "" || e.Date < p.First {
			p.First = e.Date
		}
		if e.Date > p.Last {
			p.Last = e.Date
		}
	}
	p.AlreadyHere, err = inVault(b, func(ctx context.Context, _ *vault.Unlocked) (int, error) {
		return journal.CountHere(ctx, b.db.SQL(), ids)
	})
	if err != nil {
		return ImportPreview{}, backupError(err)
	}
	b.pending.set(exp)
	return p, nil
}

// readExport opens and reads the export at path as f's, saying what is wrong in words.
func readExport(f importer.Format, path string) (*importer.Export, error) {
	files, err := importer.Open(path)
	if err == nil {
		var exp *importer.Export
		if exp, err = f.Read(files); err == nil {
			return exp, nil
		}
	}
	var fe *importer.FormatError
	if errors.As(err, &fe) {
		return nil, apperr.Wrap(apperr.Invalid, fe.Error(), err)
	}
	return nil, backupError(err)
}

// mostUsedTags gives up to n tags, the most used first.
func mostUsedTags(entries []journal.Entry, n int) []string {
	count := map[string]int{}
	for _, e := range entries {
		for _, t := range e.Tags {
			count[t]++
		}
	}
	tags := make([]string, 0, len(count))
	for t := range count {
		tags = append(tags, t)
	}
	sort.Slice(tags, func(i, j int) bool {
		if count[tags[i]] != count[tags[j]] {
			return count[tags[i]] > count[tags[j]]
		}
		return tags[i] < tags[j]
	})
	return tags[:min(n, len(tags))]
}

// Import writes the export last previewed, in batches of one transaction each, telling
// "import:progress" after each. Entries already here (same ids) are left as they are, so
// importing the same export twice adds nothing, and an entry written here is never changed.
// Stopped by a lock, what was written stays, and importing again adds the rest.
func (b *Backup) Import() (ImportResult, error) {
	exp := b.pending.take()
	if exp == nil {
		return ImportResult{}, apperr.New(apperr.Invalid, "There is nothing waiting to be imported. Please choose the export again.")
	}
	if !b.busy.TryLock() {
		return ImportResult{}, apperr.New(apperr.Conflict, "A backup is being made or restored. Please wait for it to finish, then import.")
	}
	defer b.busy.Unlock()
	r := ImportResult{Skipped: exp.Skipped}
	total := len(exp.Entries)
	b.host.Emit("import:progress", ImportProgress{0, total})
	for start := 0; start < total; start += importBatch {
		batch := exp.Entries[start:min(start+importBatch, total)]
		var added, differ int
		_, err := inVault(b, func(ctx context.Context, u *vault.Unlocked) (struct{}, error) {
			return struct{}{}, b.db.Write(ctx, func(tx *sql.Tx) error {
				var err error
				added, differ, err = journal.AddNewTx(ctx, tx, u.Key(vault.Journal), batch)
				return err
			})
		})
		if err != nil {
			b.afterImport(r.Added)
			return ImportResult{}, backupError(err)
		}
		r.Added, r.Differ = r.Added+added, r.Differ+differ
		b.host.Emit("import:progress", ImportProgress{start + len(batch), total})
	}
	r.Unchanged = total - r.Added - r.Differ
	b.afterImport(r.Added)
	return r, nil
}

// afterImport rebuilds what is kept in memory (the search index) when entries were added.
func (b *Backup) afterImport(added int) {
	if b.onRestored != nil && added > 0 {
		b.onRestored()
	}
}

// CancelImport drops the export last previewed, unwritten.
func (b *Backup) CancelImport() { b.pending.set(nil) }
