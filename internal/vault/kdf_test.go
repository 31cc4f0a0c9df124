package vault_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

const mib = 1024

// busyThenIdle is a fake derivation clock: the first run of each setting is slow (a passing
// load), every later run takes what that setting costs when the machine is idle.
func busyThenIdle(idle map[uint32]time.Duration) (measure func(vault.Params) time.Duration, runs map[uint32]int) {
	runs = map[uint32]int{}
	return func(p vault.Params) time.Duration {
		runs[p.MemoryKiB]++
		if runs[p.MemoryKiB] == 1 {
			return 3 * time.Second
		}
		return idle[p.MemoryKiB]
	}, runs
}

// withRealKDF turns the tests' cheap KDF off, so Calibrate measures.
func withRealKDF(t *testing.T) {
	vault.SetCheapKDF(false)
	t.Cleanup(func() { vault.SetCheapKDF(true) })
}

// TestCalibrationIsNotDecidedByABusyMoment: on a machine that derives 256 MiB in 0.6 s
// when idle, a load during the first run must not make the vault settle for less.
func TestCalibrationIsNotDecidedByABusyMoment(t *testing.T) {
	withRealKDF(t)
	measure, runs := busyThenIdle(map[uint32]time.Duration{256 * mib: 600 * time.Millisecond, 128 * mib: 300 * time.Millisecond})
	defer vault.SetCalibrationTimer(measure)()
	if got := vault.Calibrate(); got.MemoryKiB != 256*mib {
		t.Fatalf("a slow first run chose %d MiB, want 256", got.MemoryKiB/mib)
	}
	if runs[256*mib] != 2 || runs[128*mib] != 0 {
		t.Errorf("runs per setting %v: want 256 MiB timed twice (stopping once one run is fast) and nothing else", runs)
	}
}

// TestCalibrationStillStepsDownOnASlowMachine: a machine that is slow every time gets the
// setting it can afford, after at most three tries of each and a bounded wait.
func TestCalibrationStillStepsDownOnASlowMachine(t *testing.T) {
	withRealKDF(t)
	runs := map[uint32]int{}
	var spent time.Duration
	cost := map[uint32]time.Duration{256 * mib: 1200 * time.Millisecond, 128 * mib: 800 * time.Millisecond}
	defer vault.SetCalibrationTimer(func(p vault.Params) time.Duration {
		runs[p.MemoryKiB]++
		spent += cost[p.MemoryKiB]
		return cost[p.MemoryKiB]
	})()
	if got := vault.Calibrate(); got.MemoryKiB != 128*mib {
		t.Fatalf("chose %d MiB, want 128", got.MemoryKiB/mib)
	}
	if runs[256*mib] != 3 || runs[128*mib] != 1 {
		t.Errorf("runs per setting %v: want three tries of the too-slow 256 MiB, then 128 MiB once", runs)
	}
	// Slower still: once five seconds are spent, each setting left is timed once.
	runs, spent = map[uint32]int{}, 0
	cost[256*mib], cost[128*mib] = 2500*time.Millisecond, 1100*time.Millisecond
	if got := vault.Calibrate(); got != vault.Floor {
		t.Fatalf("a machine too slow for 128 MiB got %+v, want the floor", got)
	}
	if runs[256*mib] != 2 || runs[128*mib] != 1 || spent > 7*time.Second {
		t.Errorf("runs per setting %v, %v spent: want the budget to stop the retries", runs, spent)
	}
}

// TestRecalibrationRaisesButNeverLowers: at a passphrase change the vault gets the stronger
// of what it has and what the machine manages now.
func TestRecalibrationRaisesButNeverLowers(t *testing.T) {
	withRealKDF(t)
	fast := func(vault.Params) time.Duration { return 400 * time.Millisecond }
	slow := func(vault.Params) time.Duration { return 5 * time.Second }
	restore := vault.SetCalibrationTimer(fast)
	if got := vault.Recalibrate(vault.Floor); got.MemoryKiB != 256*mib {
		t.Errorf("a vault made at 64 MiB on a busy day, now idle: got %d MiB, want 256", got.MemoryKiB/mib)
	}
	restore()
	measured := 0
	defer vault.SetCalibrationTimer(func(p vault.Params) time.Duration { measured++; return slow(p) })()
	for _, current := range []uint32{256 * mib, 128 * mib, 512 * mib} {
		p := vault.Params{Time: 3, MemoryKiB: current, Threads: 4}
		if got := vault.Recalibrate(p); got != p {
			t.Errorf("a busy moment lowered %d MiB to %+v", current/mib, got)
		}
	}
	// Only the 128 MiB vault is measured (256 MiB, then 128 MiB, each once: five seconds
	// spent at the first run); a vault at 256 MiB or more needs no measuring.
	if measured != 2 {
		t.Errorf("%d derivations timed, want 2", measured)
	}
}

// TestArgon2ScratchIsHandedBackAfterCreate makes a vault at the real 64 MiB floor and checks
// that the runtime no longer holds Argon2id's scratch: memory taken from the OS and not
// handed back stays well under the 64 MiB just used. Every derivation frees it the same
// way, so each calibration run does too.
func TestArgon2ScratchIsHandedBackAfterCreate(t *testing.T) {
	withRealKDF(t)
	var frees int
	defer vault.CountFreeOSMemory(&frees)()
	db := testvault.OpenStore(t, t.TempDir())
	u, kit, err := vault.Create(ctx, db, []byte("scratch memory passphrase"), vault.Floor)
	if err != nil {
		t.Fatal(err)
	}
	defer u.Wipe()
	defer kit.Key.Wipe()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if kept := m.HeapSys - m.HeapReleased; kept > 40<<20 {
		t.Errorf("after Create the heap keeps %d MiB from the OS; Argon2id's 64 MiB were not handed back", kept>>20)
	}
	if frees == 0 {
		t.Error("Create did not hand Argon2id's memory back")
	}
}
