package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/testkit/dayonegen"
)

// pickedFile is a host whose open dialog answers with one file, as a person choosing it would.
type pickedFile struct {
	quietHost
	path string
}

func (h pickedFile) OpenFile(string) (string, error) { return h.path, nil }

// importSuite imports a Day One export of 10,000 entries in three journals into a new vault
// through the Backup service, as Settings does: open the zip, read every journal, count
// what is here already (the preview), then write in batches.
func importSuite(cfg config) ([]figure, error) {
	dir, err := os.MkdirTemp("", "goldseam-bench-import-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	zip := filepath.Join(dir, "Export-All Journals.zip")
	if err := os.WriteFile(zip, dayonegen.Zip(10, dayonegen.Journal{Name: "Journal", Entries: 7000},
		dayonegen.Journal{Name: "Travel", Entries: 2000}, dayonegen.Journal{Name: "Work notes", Entries: 1000}), 0o600); err != nil {
		return nil, err
	}
	info, _ := os.Stat(zip)
	var runs []time.Duration
	for i := 0; i < cfg.runs; i++ {
		v, err := newBenchVault(mkdir(dir, fmt.Sprint("vault-", i)))
		if err != nil {
			return nil, err
		}
		b := api.NewBackup(pickedFile{path: zip}, v.db, v.session, nil)
		start := time.Now()
		p, err := b.PreviewImport("dayone")
		if err == nil && p.Entries != 10_000 {
			err = fmt.Errorf("the preview found %d entries, want 10,000", p.Entries)
		}
		var r api.ImportResult
		if err == nil {
			r, err = b.Import()
		}
		took := time.Since(start)
		v.close()
		if err != nil {
			return nil, fmt.Errorf("import: %w", err)
		}
		if r.Added != 10_000 {
			return nil, fmt.Errorf("import added %d, want 10,000", r.Added)
		}
		runs = append(runs, took)
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	return []figure{{"import_dayone_10k_ms", median(runs, ms), "ms", "<= 3000", "",
		fmt.Sprintf("Settings' import path on a generated Day One zip of 10,000 entries in three journals (%.1f MB): open the zip, read and parse every journal, count the entries already here, then seal and write them in batches of one transaction each into a new vault; median of the runs.", float64(info.Size())/1e6)}}, nil
}
