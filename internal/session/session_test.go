package session_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func init() { vault.UseCheapKDFForTests() }

// fakeClock moves only when told to. through stands for the clock that runs on while the
// computer sleeps (the wall clock on Linux and macOS, Go's monotonic clock on Windows),
// awake for the one that stops (the monotonic clock; the unbiased interrupt time).
type fakeClock struct {
	mu      sync.Mutex
	through time.Duration
	awake   time.Duration
}

func (c *fakeClock) Through() time.Duration { c.mu.Lock(); defer c.mu.Unlock(); return c.through }
func (c *fakeClock) Awake() time.Duration   { c.mu.Lock(); defer c.mu.Unlock(); return c.awake }

// pass moves both clocks, as time does while the computer is awake.
func (c *fakeClock) pass(d time.Duration) {
	c.mu.Lock()
	c.through += d
	c.awake += d
	c.mu.Unlock()
}

// sleep moves only the clock that runs through a sleep, as a suspended computer does.
func (c *fakeClock) sleep(d time.Duration) { c.mu.Lock(); c.through += d; c.mu.Unlock() }

func unlockedSession(t *testing.T) (*session.Session, *fakeClock, *[]session.Reason) {
	t.Helper()
	clock := &fakeClock{through: 9 * time.Hour, awake: time.Hour}
	s, reasons := unlockedSessionWith(t, clock)
	return s, clock, reasons
}

// unlockedSessionWith is a session over a real vault, unlocked, ticking on clock.
func unlockedSessionWith(t *testing.T, clock session.Clock) (*session.Session, *[]session.Reason) {
	t.Helper()
	db, u := testvault.Open(t)
	s := session.New(db, clock)
	var reasons []session.Reason
	s.OnLock(func(r session.Reason) { reasons = append(reasons, r) })
	s.Open(u)
	return s, &reasons
}

func keysWork(s *session.Session) error {
	return s.WithKeys(func(u *vault.Unlocked) error {
		u.Key(vault.Journal).SealString(vault.Field{Table: "t", Row: "r", Column: "c"}, "x")
		return nil
	})
}

func TestAutoLockAfterIdleDropsKeysAndRefusesData(t *testing.T) {
	s, clock, reasons := unlockedSession(t)
	s.SetIdle(5 * time.Minute)
	clock.pass(4 * time.Minute)
	s.Tick()
	if err := keysWork(s); err != nil {
		t.Fatalf("locked too early: %v", err)
	}
	s.Touch() // activity postpones the lock
	clock.pass(4 * time.Minute)
	s.Tick()
	if !s.Unlocked() {
		t.Fatal("activity did not postpone auto-lock")
	}
	clock.pass(61 * time.Second)
	s.Tick()
	if s.Unlocked() {
		t.Fatal("still unlocked after the idle time")
	}
	err := keysWork(s)
	if apperr.CodeOf(err) != apperr.Locked {
		t.Fatalf("data method while locked: got %v, want the locked error", err)
	}
	if len(*reasons) != 1 || (*reasons)[0] != session.Idle {
		t.Fatalf("lock listeners got %v", *reasons)
	}
}

func TestAutoLockOffNeverLocksByItself(t *testing.T) {
	s, clock, _ := unlockedSession(t)
	s.SetIdle(0)
	clock.pass(24 * time.Hour)
	s.Tick()
	if !s.Unlocked() {
		t.Fatal("locked with auto-lock off")
	}
}

func TestSleepLocks(t *testing.T) {
	s, clock, reasons := unlockedSession(t)
	s.SetIdle(0) // even with auto-lock off, a sleeping computer locks
	clock.pass(session.TickInterval)
	s.Tick()
	clock.sleep(3 * time.Hour)
	clock.pass(session.TickInterval)
	s.Tick()
	if s.Unlocked() {
		t.Fatal("a sleep did not lock")
	}
	if (*reasons)[0] != session.Slept {
		t.Fatalf("reason %v", *reasons)
	}
}

func TestLockWaitsForARunningCallAndWipesAfter(t *testing.T) {
	s, _, _ := unlockedSession(t)
	inside := make(chan struct{})
	release := make(chan struct{})
	var sealedAfterWait error
	done := make(chan struct{})
	go func() {
		defer close(done)
		sealedAfterWait = s.WithKeys(func(u *vault.Unlocked) error {
			close(inside)
			<-release
			// Still usable: Lock has not wiped the key under us.
			u.Key(vault.Journal).SealString(vault.Field{Table: "t", Row: "r", Column: "c"}, "x")
			return nil
		})
	}()
	<-inside
	locked := make(chan struct{})
	go func() { s.Lock(session.ByRequest); close(locked) }()
	select {
	case <-locked:
		t.Fatal("Lock did not wait for the running call")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	<-done
	<-locked
	if sealedAfterWait != nil {
		t.Fatal(sealedAfterWait)
	}
	if !errors.Is(keysWork(s), session.ErrLocked) {
		t.Fatal("unlocked after Lock")
	}
}

func TestLockingTwiceTellsListenersOnce(t *testing.T) {
	s, _, reasons := unlockedSession(t)
	s.Lock(session.QuickExit)
	s.Lock(session.ByRequest)
	if len(*reasons) != 1 || (*reasons)[0] != session.QuickExit {
		t.Fatalf("got %v", *reasons)
	}
}
