package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
)

func TestOpenAppliesTheDurabilityAndPrivacySettings(t *testing.T) {
	db := testvault.OpenStore(t, t.TempDir())
	want := map[string]string{
		"journal_mode":  "wal",
		"synchronous":   "2", // FULL
		"foreign_keys":  "1",
		"secure_delete": "1",
		"temp_store":    "2", // MEMORY
		"busy_timeout":  "5000",
	}
	for pragma, value := range want {
		var got string
		if err := db.SQL().QueryRow("PRAGMA " + pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != value {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, value)
		}
	}
	info, err := os.Stat(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	if os.PathSeparator == '/' && info.Mode().Perm() != 0o600 {
		t.Errorf("database file mode %v, want 0600", info.Mode().Perm())
	}
}

func TestOpenMigratesOnceAndReopensCleanly(t *testing.T) {
	path := filepath.Join(t.TempDir(), store.FileName)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		db, err := store.Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		v, _ := db.SchemaVersion(ctx)
		if v < 1 {
			t.Fatalf("schema version %d after open", v)
		}
		db.Close()
	}
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestNewerSchemaIsRefusedAndLeftUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), store.FileName)
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	rawExec(t, path, "PRAGMA user_version = 9999")
	before := fileHash(t, path)

	_, err = store.Open(context.Background(), path)
	if !errors.Is(err, store.ErrNewerSchema) {
		t.Fatalf("got %v, want ErrNewerSchema", err)
	}
	if fileHash(t, path) != before {
		t.Fatal("refusing a newer database changed the file")
	}
}

func TestDamagedDatabaseIsReportedNotCrashedOn(t *testing.T) {
	t.Run("not a database at all", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), store.FileName)
		os.WriteFile(path, bytes.Repeat([]byte("this is not sqlite "), 500), 0o600)
		if _, err := store.Open(context.Background(), path); !errors.Is(err, store.ErrDamaged) {
			t.Fatalf("got %v, want ErrDamaged", err)
		}
	})
	t.Run("a damaged page", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), store.FileName)
		db, err := store.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		stmts := []string{"PRAGMA journal_mode=DELETE", "CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)", "CREATE INDEX filler_body ON filler(body)"}
		for i := 0; i < 300; i++ {
			stmts = append(stmts, fmt.Sprintf("INSERT INTO filler(body) VALUES ('%s')", strings.Repeat(fmt.Sprint(i), 40)))
		}
		rawExec(t, path, stmts...)
		data, _ := os.ReadFile(path)
		const page = 4096
		if len(data) < 6*page {
			t.Fatalf("database too small to damage: %d bytes", len(data))
		}
		// Scribble over the b-tree page headers of pages 4 and 5.
		for _, p := range []int{3, 4} {
			copy(data[p*page:], bytes.Repeat([]byte{0xA5}, 64))
		}
		os.WriteFile(path, data, 0o600)
		_, err = store.Open(context.Background(), path)
		if !errors.Is(err, store.ErrDamaged) {
			t.Fatalf("got %v, want ErrDamaged", err)
		}
	})
}

func TestAFailedMigrationChangesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), store.FileName)
	good := fstest.MapFS{"migrations/0001_a.sql": {Data: []byte("CREATE TABLE a (x TEXT);")}}
	db, err := store.OpenWith(context.Background(), path, good)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	bad := fstest.MapFS{
		"migrations/0001_a.sql": good["migrations/0001_a.sql"],
		"migrations/0002_b.sql": {Data: []byte("CREATE TABLE b (x TEXT); INSERT INTO nowhere VALUES (1);")},
	}
	if _, err := store.OpenWith(context.Background(), path, bad); err == nil {
		t.Fatal("a broken migration was accepted")
	}
	db, err = store.OpenWith(context.Background(), path, good)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.SchemaVersion(context.Background()); v != 1 {
		t.Fatalf("schema version %d, want 1", v)
	}
	var n int
	db.SQL().QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'b'").Scan(&n)
	if n != 0 {
		t.Fatal("half of the failed migration stayed")
	}
}

func TestMigrationsMustBeNumberedWithoutGaps(t *testing.T) {
	gap := fstest.MapFS{
		"migrations/0001_a.sql": {Data: []byte("SELECT 1;")},
		"migrations/0003_c.sql": {Data: []byte("SELECT 1;")},
	}
	if _, err := store.OpenWith(context.Background(), filepath.Join(t.TempDir(), "x.db"), gap); err == nil {
		t.Fatal("a gap in the migration numbers was accepted")
	}
}

func TestWriteCommitsAllOrNothing(t *testing.T) {
	db := testvault.OpenStore(t, t.TempDir())
	ctx := context.Background()
	failure := errors.New("stop")
	err := db.Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec("INSERT INTO settings(name, value) VALUES ('a', '1')"); err != nil {
			return err
		}
		return failure
	})
	if !errors.Is(err, failure) {
		t.Fatalf("got %v", err)
	}
	var n int
	db.SQL().QueryRow("SELECT count(*) FROM settings").Scan(&n)
	if n != 0 {
		t.Fatal("a failed transaction left a row behind")
	}
}
