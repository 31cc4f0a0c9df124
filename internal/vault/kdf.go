package vault

import (
	"errors"
	"fmt"
	"runtime/debug"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Params are Argon2id's cost parameters, stored beside the salt.
type Params struct {
	Time      uint32 // passes over memory
	MemoryKiB uint32
	Threads   uint8
}

// Floor is the weakest setting Goldseam ever uses: RFC 9106's second recommended option
// (64 MiB, 3 passes, 4 lanes), over three times OWASP's minimum for Argon2id.
var Floor = Params{Time: 3, MemoryKiB: 64 * 1024, Threads: 4}

// Ceiling bounds parameters read back from disk before anything is allocated: a tampered
// vault row must not make Goldseam try to allocate terabytes or spin for hours.
var Ceiling = Params{Time: 16, MemoryKiB: 1024 * 1024, Threads: 16}

// candidates are tried from the largest down at vault creation and passphrase changes.
var candidates = []Params{
	{Time: 3, MemoryKiB: 256 * 1024, Threads: 4},
	{Time: 3, MemoryKiB: 128 * 1024, Threads: 4},
	Floor,
}

// calibrationLimit is the longest one derivation may take on this machine when creating a
// vault: long enough to make guessing expensive, short enough to unlock without a wait.
const calibrationLimit = time.Second

// calibrationTries is how many times a candidate is timed before it is given up: its best
// time counts, so a moment of load (another program starting, an update) cannot by itself
// push the vault down to a weaker setting for good. Once one try is within the limit the
// candidate is taken at once, so an idle machine pays for one derivation.
const calibrationTries = 3

// calibrationBudget bounds the retrying: once the derivations timed so far add up to
// this, each remaining candidate is timed once, so a machine that is slow (or busy) all
// along waits seconds, not half a minute, before its vault is made.
const calibrationBudget = 5 * time.Second

// ErrParams means stored KDF parameters are outside what Goldseam accepts.
var ErrParams = errors.New("key derivation parameters out of range")

// timeDerivation runs one real derivation with p and returns how long it took. Tests
// replace it with a fake clock (SetCalibrationTimer).
var timeDerivation = func(p Params) time.Duration {
	start := time.Now()
	wipe(derive([]byte("calibration"), make([]byte, saltSize), p))
	return time.Since(start)
}

// Calibrate picks the largest candidate whose best of up to calibrationTries derivations
// (fewer once calibrationBudget is spent) takes at most a second here, and the floor if
// none does. The times it measures are real derivations, not estimates.
func Calibrate() Params {
	if cheapKDF.Load() {
		return testParams
	}
	return calibrate(timeDerivation)
}

func calibrate(measure func(Params) time.Duration) Params {
	var spent time.Duration
	for _, p := range candidates[:len(candidates)-1] {
		for try := 1; try <= calibrationTries; try++ {
			took := measure(p)
			if took <= calibrationLimit {
				return p
			}
			if spent += took; spent >= calibrationBudget {
				break
			}
		}
	}
	return Floor
}

// Recalibrate is Calibrate for a passphrase change: it measures again and keeps the
// stronger of what the vault has and what this machine manages now, so a vault made on a
// busy moment gets stronger later and a busy moment now never weakens it. Stronger means
// more memory; with equal memory the current parameters stay. A vault already at the
// largest candidate is not measured at all.
func Recalibrate(current Params) Params {
	if current.MemoryKiB >= candidates[0].MemoryKiB {
		return current
	}
	return stronger(current, Calibrate())
}

func stronger(current, fresh Params) Params {
	if fresh.MemoryKiB > current.MemoryKiB {
		return fresh
	}
	return current
}

// check refuses parameters above the ceiling, and below the floor outside tests.
func (p Params) check() error {
	if p.Time > Ceiling.Time || p.MemoryKiB > Ceiling.MemoryKiB || p.Threads > Ceiling.Threads ||
		p.Time == 0 || p.MemoryKiB == 0 || p.Threads == 0 {
		return fmt.Errorf("%w: t=%d m=%dKiB p=%d", ErrParams, p.Time, p.MemoryKiB, p.Threads)
	}
	if !cheapKDF.Load() && (p.Time < Floor.Time || p.MemoryKiB < Floor.MemoryKiB) {
		return fmt.Errorf("%w: below the floor (t=%d m=%dKiB)", ErrParams, p.Time, p.MemoryKiB)
	}
	return nil
}

// derive turns a passphrase into a 32-byte key. The passphrase is normalised to Unicode
// NFC first, so the same words typed on another keyboard or system give the same key.
func derive(passphrase, salt []byte, p Params) []byte {
	normal := norm.NFC.Bytes(passphrase)
	key := argon2.IDKey(normal, salt, p.Time, p.MemoryKiB, p.Threads, keySize)
	// norm may hand back the caller's own slice; wipe only a copy it made.
	if len(normal) > 0 && len(passphrase) > 0 && &normal[0] != &passphrase[0] {
		wipe(normal)
	}
	// Argon2id just used up to 256 MiB of scratch, now garbage: collect it and hand it back
	// to the OS at once (for Create, Unlock, a passphrase change and each calibration run)
	// rather than keep it mapped until the runtime gets round to it.
	freeOSMemory()
	return key
}

// freeOSMemory is debug.FreeOSMemory; a test counts its calls.
var freeOSMemory = debug.FreeOSMemory

// testParams make derivation take microseconds; only test binaries can select them.
var testParams = Params{Time: 1, MemoryKiB: 64, Threads: 1}

var cheapKDF atomic.Bool

// UseCheapKDFForTests makes key derivation nearly free so tests stay fast. It panics
// outside a test binary: a build of Goldseam can never select it.
func UseCheapKDFForTests() {
	if !testing.Testing() {
		panic("vault: UseCheapKDFForTests called outside a test binary")
	}
	cheapKDF.Store(true)
}
