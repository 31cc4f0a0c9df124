// Package store owns Goldseam's SQLite database: opening it with settings that keep every
// committed write through a crash or power cut, the numbered schema migrations, integrity
// checks, and transactions. It knows nothing about encryption: everything private reaches
// it already sealed by package vault.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	_ "modernc.org/sqlite" // pure Go SQLite: no cgo, the same engine on every platform
)

//go:embed migrations/*.sql
var migrations embed.FS

// FileName is the database's name inside the data folder.
const FileName = "goldseam.db"

var (
	// ErrNewerSchema means the database was written by a newer Goldseam; it is left untouched.
	ErrNewerSchema = errors.New("database was written by a newer version of goldseam")
	// ErrDamaged means SQLite's integrity check found the file damaged, or it is not a database.
	ErrDamaged = errors.New("database file is damaged")
)

// DB is an open Goldseam database. Which file it is can change while Goldseam runs
// (Repoint, when people who share one computer take turns), so every method reads the
// current file through one atomic pointer: a call sees the old file or the new one, never a
// mix of a new handle and an old path.
type DB struct {
	cur atomic.Pointer[file]
	// Now is the clock every timestamp comes from; tests replace it.
	Now func() time.Time
}

// pragmas are set on every connection, through the DSN so no connection can miss them.
var pragmas = []string{
	// Write-ahead log: readers never block the writer, and a crash mid-commit leaves the
	// database as of the last commit.
	"journal_mode(WAL)",
	// FULL: every commit is fsynced before it returns, so a saved entry survives a power cut.
	"synchronous(FULL)",
	"foreign_keys(1)",
	// Wait for a busy lock instead of failing at once (backups and saves may overlap).
	"busy_timeout(5000)",
	// Overwrite deleted content with zeros, so a deleted entry's ciphertext does not linger.
	"secure_delete(1)",
	// Sorts and temporary tables stay in memory: nothing ever spills to a temp file.
	"temp_store(2)",
}

// macOS' fsync does not reach the disk's platter; F_FULLFSYNC does.
var darwinPragmas = []string{"fullfsync(1)", "checkpoint_fullfsync(1)"}

func dsn(path string) string {
	q := url.Values{}
	ps := pragmas
	if runtime.GOOS == "darwin" {
		ps = append(append([]string{}, pragmas...), darwinPragmas...)
	}
	for _, p := range ps {
		q.Add("_pragma", p)
	}
	// Write transactions take the write lock at BEGIN, so two writers queue instead of
	// deadlocking when both try to upgrade a read lock.
	q.Set("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Open opens (or creates) the database at path, checks it and brings its schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, migrations)
}

// OpenWith is Open with another set of migrations (files named NNNN_name.sql); for tests.
func OpenWith(ctx context.Context, path string, migrationFS fs.FS) (*DB, error) {
	steps, err := loadMigrations(migrationFS)
	if err != nil {
		return nil, err
	}
	if err := createPrivate(path); err != nil {
		return nil, err
	}
	sqlDB, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db := &DB{Now: time.Now}
	db.cur.Store(&file{sql: sqlDB, path: path})
	if err := db.prepare(ctx, steps); err != nil {
		sqlDB.Close()
		return nil, err
	}
	return db, nil
}

// OpenReadOnly opens the database at path for reading only: no file is made, nothing is
// migrated or written. It is for a glance at a data file that is not the one open (another
// person's, on a computer several people use), such as whether it holds a vault yet.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	sqlDB, err := sql.Open("sqlite", dsn(path)+"&mode=ro")
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db := &DB{Now: time.Now}
	db.cur.Store(&file{sql: sqlDB, path: path})
	return db, nil
}

// createPrivate makes an empty database file readable by its owner only; SQLite gives its
// -wal and -shm files the same permissions.
func createPrivate(path string) error {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("create database file: %w", err)
	}
	return f.Close()
}

func (db *DB) prepare(ctx context.Context, steps []migration) error {
	version, err := db.SchemaVersion(ctx)
	if err != nil {
		if isNotADatabase(err) {
			return fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		return fmt.Errorf("read schema version: %w", err)
	}
	if latest := len(steps); version > latest {
		return fmt.Errorf("%w (its schema is %d, this version knows up to %d)", ErrNewerSchema, version, latest)
	}
	if err := db.QuickCheck(ctx); err != nil {
		return err
	}
	return db.migrate(ctx, version, steps)
}

// SchemaVersion is the number of the last migration applied (SQLite's user_version).
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.SQL().QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// QuickCheck runs SQLite's quick_check and returns ErrDamaged with its findings.
func (db *DB) QuickCheck(ctx context.Context) error {
	rows, err := db.SQL().QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		if isNotADatabase(err) || strings.Contains(err.Error(), "malformed") {
			return fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		return fmt.Errorf("quick check: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("quick check: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%w: %s", ErrDamaged, strings.Join(problems, "; "))
	}
	return nil
}

// IsDiskFull reports whether err is the disk (or the folder's quota) running out of space,
// from SQLite or from the file system. SQLite rolls the transaction back, so nothing that
// was saved before is lost; the person needs to hear that, and to free some space.
func IsDiskFull(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "database or disk is full") || strings.Contains(msg, "no space left on device")
}

func isNotADatabase(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "not a database") || strings.Contains(msg, "file is encrypted") ||
		strings.Contains(msg, "malformed")
}

// Write runs fn in one write transaction: all of it is committed, or none of it.
func (db *DB) Write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// file is one opened database file.
type file struct {
	sql  *sql.DB
	path string
}

// SQL returns the database for reads outside a transaction.
func (db *DB) SQL() *sql.DB { return db.cur.Load().sql }

// Path is the database file's path.
func (db *DB) Path() string { return db.cur.Load().path }

// Close checkpoints the write-ahead log into the database file and closes it.
func (db *DB) Close() error {
	if db == nil || db.cur.Load() == nil {
		return nil
	}
	return closeFile(db.cur.Load())
}

// closeFile empties f's write-ahead log and closes it. TRUNCATE leaves an empty -wal
// behind, so nothing of the last session lingers there.
func closeFile(f *file) error {
	checkpointErr := checkpoint(context.Background(), f.sql)
	return errors.Join(checkpointErr, f.sql.Close())
}

// Repoint makes db the database file at path (opened, checked and migrated as Open does)
// and closes the file it was, which stays as it was on disk. It is how one running Goldseam
// turns from one person's data file to another's on a shared computer. The caller makes
// sure no call is using db meanwhile (session.Switch: only while locked, with no call under
// the keys); a stray reader still holding the old handle gets "database is closed", never
// the other file's rows under the old file's name. On failure db is unchanged.
func (db *DB) Repoint(ctx context.Context, path string) error {
	next, err := Open(ctx, path)
	if err != nil {
		return err
	}
	old := db.cur.Swap(next.cur.Load())
	return closeFile(old)
}

// Timestamp formats t the way every table stores time: UTC, RFC 3339 with nanoseconds,
// so text order is time order.
func Timestamp(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000000000Z")
}

// ParseTimestamp reads a time written by Timestamp.
func ParseTimestamp(s string) (time.Time, error) {
	return time.Parse(time.RFC3339Nano, s)
}
