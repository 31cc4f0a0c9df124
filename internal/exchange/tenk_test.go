package exchange_test

import (
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/exchange"
)

// tenThousand writes one change file of 10,000 of Alex's changes and returns what Sam needs
// to read it: the ground of sync_merge_10k_ms (reading 10,000 changed records), which make
// bench times through BenchmarkReadTenThousandRecords.
func tenThousand(tb testing.TB) (root string, key exchange.Key, alex, sam *peer, written exchange.Written) {
	tb.Helper()
	root, key = tb.TempDir(), mustKey(tb, 1)
	alex, sam = newPeer(tb, "Alex"), newPeer(tb, "Sam")
	written = alex.write(tb, root, key, alex.changes(tb, 10_000))
	return root, key, alex, sam, written
}

// A file of 10,000 records is read whole, every record verified; the time it took is logged,
// not judged (make bench reports it).
func TestTenThousandRecordsInOneFile(t *testing.T) {
	if testing.Short() || raceDetector {
		// Under the race detector it takes half a minute of make test; make bench reads 10,000
		// records through the whole pass anyway (sync_merge_10k_ms).
		t.Skip("builds 10,000 changes")
	}
	root, key, alex, sam, w := tenThousand(t)
	start := time.Now()
	res := mustScan(t, root, []exchange.Key{key}, trustOf(alex, sam), sam)
	took := time.Since(start)
	if len(res.Changes) != 1 || len(res.Changes[0].Records) != 10_000 || res.Changes[0].Hash != w.Hash {
		t.Fatalf("read %d files", len(res.Changes))
	}
	t.Logf("read and verified 10,000 records in %v", took)
}

// BenchmarkReadTenThousandRecords reads and verifies one file of 10,000 records, from a new
// progress each time: sync_merge_10k_ms is its time per operation.
func BenchmarkReadTenThousandRecords(b *testing.B) {
	root, key, alex, sam, _ := tenThousand(b)
	trust := trustOf(alex, sam)
	for b.Loop() {
		res, err := exchange.Scan(root, spaceID, []exchange.Key{key}, trust, sam.id.ID(), exchange.NewProgress())
		if err != nil || len(res.Changes) != 1 {
			b.Fatalf("read %+v: %v", res.Changes, err)
		}
	}
}
