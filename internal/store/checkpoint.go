package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrCheckpointBusy means the write-ahead log could not be emptied because another
// connection was still reading or writing, even after a few tries. Nothing is lost: the
// log is emptied at the next checkpoint (every lock, and closing).
var ErrCheckpointBusy = errors.New("the write-ahead log could not be emptied: the database stayed busy")

// How Checkpoint retries: each try waits at most checkpointBusyWait for a lock, then
// Checkpoint pauses checkpointPause before the next, checkpointTries times in all (about a
// second and a half at worst), so a lock or a passphrase change never hangs on it.
const (
	checkpointTries    = 6
	checkpointBusyWait = 200 * time.Millisecond
	checkpointPause    = 50 * time.Millisecond
)

// Checkpoint copies everything in the write-ahead log into the database file and truncates
// the log to zero bytes (SQLite's TRUNCATE checkpoint). While Goldseam runs, the -wal file
// otherwise keeps the earlier versions of pages it rewrote, such as a superseded key wrap or
// a purged entry, until SQLite happens to reuse that part of it; and the database file keeps
// them until the pages are copied back. Callers run it after writing something whose
// earlier version must not stay on disk. It returns ErrCheckpointBusy when readers or a
// writer kept it from finishing after a few tries.
func (db *DB) Checkpoint(ctx context.Context) error {
	if db == nil || db.cur.Load() == nil {
		return nil
	}
	return checkpoint(ctx, db.SQL())
}

func checkpoint(ctx context.Context, handle *sql.DB) error {
	conn, err := handle.Conn(ctx)
	if err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	defer conn.Close()
	// A short busy wait on this connection, so a retry comes soon; the DSN's five seconds
	// are put back before it returns to the pool.
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", checkpointBusyWait.Milliseconds())); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	defer conn.ExecContext(context.Background(), "PRAGMA busy_timeout = 5000")
	for try := 1; ; try++ {
		var busy, logFrames, copied int
		err := conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &copied)
		switch {
		case err == nil && busy == 0:
			return nil
		case err != nil && !isBusy(err):
			return fmt.Errorf("checkpoint: %w", err)
		case try == checkpointTries:
			return ErrCheckpointBusy
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: %v", ErrCheckpointBusy, ctx.Err())
		case <-time.After(checkpointPause):
		}
	}
}

func isBusy(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked") ||
		strings.Contains(msg, "database table is locked")
}
