package backup_test

import (
	"bytes"
	"errors"
	"io"
	"math"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/testkit/figures"
)

// peakHeapGrowth runs fn and returns the highest heap growth seen while it ran, sampled
// every millisecond from another goroutine, over the heap after a collection before it.
func peakHeapGrowth(fn func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak atomic.Uint64
	note := func() {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		if ms.HeapAlloc > base && ms.HeapAlloc-base > peak.Load() {
			peak.Store(ms.HeapAlloc - base)
		}
	}
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				note()
			}
		}
	}()
	fn()
	note()
	close(stop)
	<-done
	return peak.Load()
}

// TestCraftedBackupsAreRefusedCheaply opens every crafted backup: each must be refused as
// damaged, quickly, and without the heap growing past 64 MiB. The largest growth is the
// figure crafted_backup_peak_mib. Before, the sparse entry alone grew it by over 573 MiB.
func TestCraftedBackupsAreRefusedCheaply(t *testing.T) {
	const goal = 64 << 20
	set := craftedBackups(t)
	var worst uint64
	for _, c := range set {
		var err error
		start := time.Now()
		peak := peakHeapGrowth(func() { _, _, err = backup.Decode(bytes.NewReader(c.file), backupPassphrase) })
		took := time.Since(start)
		t.Logf("%-58s %7.1f MiB %6.0f ms  %v", c.name, float64(peak)/(1<<20), took.Seconds()*1000, err)
		worst = max(worst, peak)
		switch {
		case err == nil:
			t.Errorf("%s: accepted", c.name)
		case !errors.Is(err, backup.ErrDamaged):
			t.Errorf("%s: refused without a reason a person can be given: %v", c.name, err)
		case peak > goal:
			t.Errorf("%s: the heap grew by %.0f MiB while refusing it (goal <= 64)", c.name, float64(peak)/(1<<20))
		case took > 5*time.Second:
			t.Errorf("%s: took %v to refuse", c.name, took)
		}
	}
	figures.Record("crafted_backup_peak_mib", math.Ceil(float64(worst)/(1<<20)*10)/10)
	figures.Record("crafted_backups", len(set))
}

// TestOneBackupIsOpenedAtATime: while one backup is being opened (here, stuck reading its
// first bytes), a second is refused at once with ErrBusy, and works again afterwards.
func TestOneBackupIsOpenedAtATime(t *testing.T) {
	pr, pw := io.Pipe()
	first := make(chan error, 1)
	go func() {
		_, _, err := backup.Decode(pr, backupPassphrase)
		first <- err
	}()
	file := craftedBackups(t)[0].file
	var err error
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if _, _, err = backup.Decode(bytes.NewReader(file), backupPassphrase); errors.Is(err, backup.ErrBusy) {
			break
		}
	}
	if !errors.Is(err, backup.ErrBusy) {
		t.Fatalf("a second backup opened while the first was: %v", err)
	}
	pw.Close()
	if err := <-first; !errors.Is(err, backup.ErrNotABackup) {
		t.Fatalf("the first: %v", err)
	}
	if _, _, err := backup.Decode(bytes.NewReader(file), backupPassphrase); errors.Is(err, backup.ErrBusy) {
		t.Fatal("still busy after the first finished")
	}
}
