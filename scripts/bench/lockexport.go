package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/testkit/journalgen"
)

// lockDuringExportSuite times a lock that lands in the middle of an export of a
// 10,000-entry journal at the real work factor: one export runs whole to learn how long
// it takes, then each run starts an export, calls Lock half way through it and times Lock
// until it returns (the keys wiped). The stopped export must leave no file behind.
func lockDuringExportSuite(cfg config) ([]figure, error) {
	b, done, err := tempBenchVault("goldseam-bench-lockexport-")
	if err != nil {
		return nil, err
	}
	defer done()
	entries := journalgen.Make(journalgen.Options{Entries: 10_000, Seed: 16})
	if err := b.fillJournal(entries); err != nil {
		return nil, err
	}
	// Empty the write-ahead log of the fill, as the app's own locks and closes do, so the
	// figure is the export being stopped, not a first checkpoint of 10,000 new entries.
	if err := b.session.Scrub(); err != nil {
		return nil, err
	}
	out, err := os.MkdirTemp("", "goldseam-bench-lockexport-out-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(out)
	exporter := api.NewBackupFiles(quietHost{}, b.db, b.session)
	start := time.Now()
	if _, err := exporter.ExportTo(filepath.Join(out, "whole.age"), benchBackupPassphrase); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	whole := time.Since(start)
	os.Remove(filepath.Join(out, "whole.age"))

	var locks []time.Duration
	for i := 0; i < max(cfg.runs, 3); i++ {
		finished := make(chan error, 1)
		go func() {
			_, err := exporter.ExportTo(filepath.Join(out, "stopped.age"), benchBackupPassphrase)
			finished <- err
		}()
		time.Sleep(whole / 2)
		start := time.Now()
		b.session.Lock(session.ByRequest)
		locks = append(locks, time.Since(start))
		if err := <-finished; !session.IsLocked(err) {
			return nil, fmt.Errorf("the export went on after the lock: %v", err)
		}
		if left, _ := os.ReadDir(out); len(left) != 0 {
			return nil, fmt.Errorf("a stopped export left %s behind", left[0].Name())
		}
		if err := b.vault.Unlock(benchPassphrase); err != nil {
			return nil, fmt.Errorf("unlock: %w", err)
		}
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	return []figure{
		{"lock_during_export_ms", median(locks, ms), "ms", "<= 250", "",
			fmt.Sprintf("Lock called half way through an export of 10,000 generated entries at work factor 18 (a whole export took %.0f ms), until it returns "+
				"with the keys wiped and the export stopped, its temporary file removed; median of %d runs", ms(whole), len(locks))},
	}, nil
}
