package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/crashloop"
)

const heavyRows = 20000

// A first migration, then a heavy second one that takes long enough to be killed in the
// middle: many rows and an index built over them.
var (
	v1 = fstest.MapFS{"migrations/0001_base.sql": {Data: []byte(
		"CREATE TABLE base (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO base(note) VALUES ('kept');")}}
	v2 = fstest.MapFS{
		"migrations/0001_base.sql": v1["migrations/0001_base.sql"],
		"migrations/0002_heavy.sql": {Data: []byte(`
CREATE TABLE heavy (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO heavy(body) SELECT printf('row %d %s', i, hex(randomblob(16))) FROM n;
CREATE INDEX heavy_body ON heavy(body);
UPDATE base SET note = 'migrated';`)},
	}
)

// TestMigrationSurvivesSIGKILL kills a child in the middle of a heavy migration. The
// database must afterwards be wholly at version 1 or wholly at version 2, and open cleanly.
func TestMigrationSurvivesSIGKILL(t *testing.T) {
	ctx := context.Background()
	if crashloop.IsChild("migration") {
		crashloop.Ready()
		db, err := store.OpenWith(ctx, filepath.Join(crashloop.Dir(), store.FileName), v2)
		if err != nil {
			panic(err)
		}
		crashloop.Report("migrated")
		db.Close()
		select {}
	}
	atOld, atNew := 0, 0
	crashloop.Run(t, "migration", crashloop.Options{Runs: crashloop.Runs(100), Fresh: true, KillAfter: 150 * time.Millisecond},
		func(dir string) {
			db, err := store.OpenWith(ctx, filepath.Join(dir, store.FileName), v1)
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
		},
		func(run int, dir string, lines []string) {
			path := filepath.Join(dir, store.FileName)
			raw, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			var version, heavyTables int
			var note string
			raw.QueryRow("PRAGMA user_version").Scan(&version)
			raw.QueryRow("SELECT count(*) FROM sqlite_master WHERE name IN ('heavy', 'heavy_body')").Scan(&heavyTables)
			raw.QueryRow("SELECT note FROM base").Scan(&note)
			var rows int
			if heavyTables > 0 {
				raw.QueryRow("SELECT count(*) FROM heavy").Scan(&rows)
			}
			raw.Close()
			switch {
			case version == 1 && heavyTables == 0 && note == "kept":
				atOld++
			case version == 2 && heavyTables == 2 && rows == heavyRows && note == "migrated":
				atNew++
			default:
				t.Errorf("run %d: mixed state: version %d, %d heavy objects, %d rows, note %q", run, version, heavyTables, rows, note)
			}
			if len(lines) > 0 && version != 2 {
				t.Errorf("run %d: the child reported the migration done, but the database is at %d", run, version)
			}
			db, err := store.OpenWith(ctx, path, v2)
			if err != nil {
				t.Fatalf("run %d: does not open after the kill: %v", run, err)
			}
			db.Close()
		})
	t.Logf("migration crash runs: %d left at the old schema, %d at the new, 0 mixed", atOld, atNew)
	if atOld == 0 || atNew == 0 {
		t.Logf("note: every kill landed on the same side; the timing window may need adjusting")
	}
}
