package main

import (
	"context"
	"fmt"
	"time"

	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/testkit/journalgen"
	"github.com/goldseam/goldseam/internal/vault"
)

// rotateSuite times a key rotation (a passphrase change: new master and content keys, every
// sealed row resealed in one transaction) of a 10,000-entry journal. A rotation also runs
// one Argon2id derivation for the new passphrase; to report the reseal itself, the same
// derivation is timed on its own right beside it (vault.Verify at the same parameters) and
// taken off. The parameters are the floor (64 MiB, t=3, p=4), the cheapest Goldseam accepts.
func rotateSuite(cfg config) ([]figure, error) {
	b, done, err := tempBenchVault("goldseam-bench-rotate-")
	if err != nil {
		return nil, err
	}
	defer done()
	ctx := context.Background()
	entries := journalgen.Make(journalgen.Options{Entries: 10_000, Seed: 14})
	var rotations, kdfs []time.Duration
	err = b.session.WithKeys(func(u *vault.Unlocked) error {
		if err := journal.NewEntries(b.db).SaveMany(ctx, u.Key(vault.Journal), entries); err != nil {
			return fmt.Errorf("fill journal: %w", err)
		}
		for i := 0; i < max(cfg.runs, 3); i++ {
			next := []byte(fmt.Sprintf("%s %d", benchPassphrase, i))
			start := time.Now()
			if _, err := u.SetPassphrase(ctx, b.db, next, vault.Floor); err != nil {
				return fmt.Errorf("rotate: %w", err)
			}
			rotations = append(rotations, time.Since(start))
			start = time.Now()
			if err := vault.Verify(ctx, b.db, next); err != nil {
				return fmt.Errorf("verify: %w", err)
			}
			kdfs = append(kdfs, time.Since(start))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	whole, kdf := median(rotations, ms), median(kdfs, ms)
	return []figure{
		{"rotate_10k_ms", whole - kdf, "ms", "<= 3000", "",
			fmt.Sprintf("resealing every row of a 10,000-entry journal (journalgen) under a new master key and new content keys in one transaction, fsync included: "+
				"a whole passphrase change (median %.0f ms of %d) less one Argon2id derivation at the floor timed beside it (median %.0f ms)",
				whole, len(rotations), kdf)},
	}, nil
}
