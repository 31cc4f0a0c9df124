package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
)

// TestCheckpointEmptiesTheLogAndItsOldPages writes a value, overwrites it, and checks that
// after Checkpoint the -wal is empty and neither file holds the first value any more,
// while the database stays open.
func TestCheckpointEmptiesTheLogAndItsOldPages(t *testing.T) {
	db := testvault.OpenStore(t, t.TempDir())
	ctx := context.Background()
	old := bytes.Repeat([]byte("superseded-secret."), 8)
	if _, err := db.SQL().Exec(`CREATE TABLE k (id INTEGER PRIMARY KEY, v BLOB)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`INSERT INTO k (id, v) VALUES (1, ?)`, old); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`UPDATE k SET v = ? WHERE id = 1`, bytes.Repeat([]byte("n"), len(old))); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(readOrEmpty(t, db.Path()+"-wal"), old) {
		t.Fatal("the first value never reached the -wal, so this test would prove nothing")
	}
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if wal := readOrEmpty(t, db.Path()+"-wal"); len(wal) != 0 {
		t.Errorf("-wal holds %d bytes after a TRUNCATE checkpoint, want 0", len(wal))
	}
	for _, f := range []string{db.Path(), db.Path() + "-wal", db.Path() + "-shm"} {
		if bytes.Contains(readOrEmpty(t, f), old) {
			t.Errorf("%s still holds the overwritten value", f)
		}
	}
}

// TestCheckpointReportsABusyDatabaseAndWorksOnceItIsFree holds a read transaction open on
// another connection, which keeps a TRUNCATE checkpoint from finishing: Checkpoint must
// say so (after retrying briefly) rather than pretend, and succeed once the reader ends.
func TestCheckpointReportsABusyDatabaseAndWorksOnceItIsFree(t *testing.T) {
	db := testvault.OpenStore(t, t.TempDir())
	ctx := context.Background()
	if _, err := db.SQL().Exec(`CREATE TABLE k (id INTEGER PRIMARY KEY, v TEXT)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(`INSERT INTO k (v) VALUES ('a')`); err != nil {
		t.Fatal(err)
	}
	// An unfinished SELECT holds a read snapshot (BeginTx would take the write lock: the
	// DSN asks for immediate transactions).
	reader, err := db.SQL().QueryContext(ctx, `SELECT v FROM k`)
	if err != nil {
		t.Fatal(err)
	}
	if !reader.Next() {
		t.Fatal("no row")
	}
	// A write after the reader's snapshot: the reader now pins frames the checkpoint needs.
	if _, err := db.SQL().Exec(`INSERT INTO k (v) VALUES ('b')`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	err = db.Checkpoint(ctx)
	if !errors.Is(err, store.ErrCheckpointBusy) {
		t.Fatalf("checkpoint under an open reader: got %v, want ErrCheckpointBusy", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("a busy checkpoint took %v; it must give up within seconds", took)
	}
	if err := reader.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatalf("checkpoint once the reader ended: %v", err)
	}
	if wal := readOrEmpty(t, db.Path()+"-wal"); len(wal) != 0 {
		t.Errorf("-wal holds %d bytes, want 0", len(wal))
	}
	var timeout int
	if err := db.SQL().QueryRow("PRAGMA busy_timeout").Scan(&timeout); err != nil || timeout != 5000 {
		t.Errorf("busy_timeout after a checkpoint = %d (%v), want 5000 back", timeout, err)
	}
}

func readOrEmpty(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return data
}
