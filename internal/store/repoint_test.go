package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/goldseam/goldseam/internal/store"
)

// TestRepointTurnsToAnotherFileAndClosesTheFirst: after Repoint the same *DB reads and writes
// the other file only, a handle taken before it is closed (never the new file under the old
// name), and the first file keeps what was written to it. A file that cannot be opened leaves
// the DB as it was.
func TestRepointTurnsToAnotherFileAndClosesTheFirst(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	first, second := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	db, err := store.Open(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SQL().Exec(`CREATE TABLE mine (v TEXT); INSERT INTO mine VALUES ('first person')`); err != nil {
		t.Fatal(err)
	}
	old := db.SQL()
	if err := db.Repoint(ctx, second); err != nil {
		t.Fatal(err)
	}
	if db.Path() != second {
		t.Fatalf("path %s after Repoint", db.Path())
	}
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'mine'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("the second file shows the first's table (%d, %v)", n, err)
	}
	if err := old.Ping(); err == nil {
		t.Error("a handle taken before Repoint still works: it could read a file that is no longer this one")
	}
	if err := db.Repoint(ctx, filepath.Join(dir, "missing", "c.db")); err == nil {
		t.Fatal("a file that cannot be made was opened")
	}
	if db.Path() != second {
		t.Fatalf("a failed Repoint moved the DB to %s", db.Path())
	}
	if err := db.Repoint(ctx, first); err != nil {
		t.Fatal(err)
	}
	var v string
	if err := db.SQL().QueryRow(`SELECT v FROM mine`).Scan(&v); err != nil || v != "first person" {
		t.Fatalf("back at the first file: %q %v", v, err)
	}
}
