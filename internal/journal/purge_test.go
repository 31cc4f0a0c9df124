package journal_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/store"
)

// Every lock purges deleted entries before it returns; a scan of every row made a lock
// during a 10,000-entry export take 150 ms to over a second. The purge must go through the
// index of deleted rows.
func TestThePurgeEachLockRunsReadsOnlyDeletedRows(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.SQL().QueryContext(ctx, "EXPLAIN QUERY PLAN "+journal.PurgeSQL, "2026-01-01T00:00:00Z")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil || len(plan) == 0 {
		t.Fatalf("no query plan (%v)", err)
	}
	if got := strings.Join(plan, "; "); !strings.Contains(got, "USING INDEX journal_entries_deleted") {
		t.Fatalf("the purge runs as %q, want it to use journal_entries_deleted", got)
	}
}
