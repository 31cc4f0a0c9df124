package vault

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// resealBatch is how many rows are read before they are written back: reading and writing
// the same table in one pass is left to no engine's whim, and memory stays bounded.
const resealBatch = 512

// resealAll opens every value of every sealed column with the keys in from and writes it
// back sealed in field format 2 with the key of the same purpose in to, inside tx. A value
// that does not open stops it: nothing is resealed then, the transaction is rolled back.
// It returns how many values it resealed.
func resealAll(ctx context.Context, tx *sql.Tx, from, to map[Purpose]*ContentKey) (int, error) {
	r := resealer{}
	// Each plaintext is cleared once resealed; this clears what an error left behind.
	defer func() { clear(r.plain[:cap(r.plain)]) }()
	total := 0
	for _, c := range SealedColumns {
		n, err := r.column(ctx, tx, c, from[c.Purpose], to[c.Purpose])
		total += n
		if err != nil {
			return total, fmt.Errorf("reseal %s: %w", c.Table, err)
		}
	}
	return total, nil
}

// resealer keeps the buffers every row reuses.
type resealer struct {
	plain, sealed []byte
	batch         []sealedRow
	dest          []any
}

type sealedRow struct {
	rowid  int64
	id     string
	bound  []string
	sealed []byte
}

func (r *resealer) column(ctx context.Context, tx *sql.Tx, c *SealedColumn, from, to *ContentKey) (int, error) {
	cols := append([]string{"rowid", c.ID}, c.Bound...)
	query, err := tx.PrepareContext(ctx, `SELECT `+strings.Join(cols, ", ")+", "+c.Column+` FROM `+c.Table+
		` WHERE rowid > ? AND `+c.Column+` IS NOT NULL ORDER BY rowid LIMIT ?`)
	if err != nil {
		return 0, err
	}
	defer query.Close()
	update, err := tx.PrepareContext(ctx, `UPDATE `+c.Table+` SET `+c.Column+` = ? WHERE rowid = ?`)
	if err != nil {
		return 0, err
	}
	defer update.Close()
	done := 0
	var last int64
	for {
		batch, err := r.readBatch(ctx, query, last, len(c.Bound))
		if err != nil || len(batch) == 0 {
			return done, err
		}
		for _, row := range batch {
			if err := r.row(ctx, update, c, from, to, row); err != nil {
				return done, err
			}
			done++
			last = row.rowid
		}
	}
}

// readBatch reads the next rows after rowid after into r.batch, reusing its buffers.
func (r *resealer) readBatch(ctx context.Context, query *sql.Stmt, after int64, nBound int) ([]sealedRow, error) {
	rows, err := query.QueryContext(ctx, after, resealBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	r.batch = r.batch[:0]
	var raw sql.RawBytes
	for i := 0; rows.Next(); i++ {
		if i == cap(r.batch) {
			r.batch = append(r.batch[:i], sealedRow{})
		}
		r.batch = r.batch[:i+1]
		row := &r.batch[i]
		if len(row.bound) != nBound {
			row.bound = make([]string, nBound)
		}
		dest := append(r.dest[:0], &row.rowid, &row.id)
		for j := range row.bound {
			dest = append(dest, &row.bound[j])
		}
		r.dest = append(dest, &raw)
		if err := rows.Scan(r.dest...); err != nil {
			return nil, err
		}
		// RawBytes is only good until Next: keep a copy in the row's own reused buffer.
		row.sealed = append(row.sealed[:0], raw...)
	}
	return r.batch, rows.Err()
}

// row reseals one value. A format 2 value keeps its padded size, so a record sealed with
// SealAtLeast keeps the length it was given.
func (r *resealer) row(ctx context.Context, update *sql.Stmt, c *SealedColumn, from, to *ContentKey, row sealedRow) error {
	f := c.Field(row.id, row.bound...)
	atLeast := 0
	if len(row.sealed) > 0 && row.sealed[0] == legacyFormat {
		f = c.legacyField(row.id, row.bound)
	} else if len(row.sealed) >= fieldHeader+lengthPrefix+from.aead.Overhead() {
		atLeast = len(row.sealed) - fieldHeader - from.aead.Overhead() - lengthPrefix
	}
	buf, plain, err := from.openTo(r.plain, f, row.sealed)
	if err != nil {
		return fmt.Errorf("row %s: %w", row.id, err)
	}
	r.plain = buf[:0]
	r.sealed = to.sealTo(r.sealed, c.Field(row.id, row.bound...), plain, atLeast)
	clear(buf)
	_, err = update.ExecContext(ctx, r.sealed, row.rowid)
	return err
}
