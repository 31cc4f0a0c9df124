package session_test

import (
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/session"
)

// TestShortSleepOrClockSetBackDoesNotLock holds the other side of the sleep rule: a gap
// under a minute (a busy moment, a small clock correction) and a clock set back never lock.
func TestShortSleepOrClockSetBackDoesNotLock(t *testing.T) {
	s, clock, reasons := unlockedSession(t)
	s.SetIdle(0)
	clock.sleep(59 * time.Second)
	clock.pass(session.TickInterval)
	s.Tick()
	clock.mu.Lock()
	clock.through -= 2 * time.Hour // the clock that runs through sleep was set back
	clock.mu.Unlock()
	clock.pass(session.TickInterval)
	s.Tick()
	if !s.Unlocked() {
		t.Fatalf("locked without a sleep: %v", *reasons)
	}
	clock.sleep(61 * time.Second)
	clock.pass(session.TickInterval)
	s.Tick()
	if s.Unlocked() || (*reasons)[0] != session.Slept {
		t.Fatalf("a sleep of a minute and more did not lock: %v", *reasons)
	}
}

// TestRealClockRunsBothReadingsTogetherWhileAwake checks this system's real clock pair
// (wall and monotonic here; on Windows monotonic and the unbiased interrupt time, where
// the test is built by GOOS=windows go test -c): while the computer is awake both advance
// by the time that passed, so a tick never takes an ordinary moment for a sleep.
func TestRealClockRunsBothReadingsTogetherWhileAwake(t *testing.T) {
	c := session.RealClock()
	t0, a0 := c.Through(), c.Awake()
	time.Sleep(120 * time.Millisecond)
	dt, da := c.Through()-t0, c.Awake()-a0
	for name, d := range map[string]time.Duration{"Through": dt, "Awake": da} {
		if d < 100*time.Millisecond || d > 5*time.Second {
			t.Errorf("%s advanced %v over a 120 ms wait", name, d)
		}
	}
	if gap := dt - da; gap > 50*time.Millisecond || gap < -50*time.Millisecond {
		t.Errorf("Through and Awake drifted %v apart in 120 ms of being awake", gap)
	}
}

// windowsStyle builds the clock Windows uses over c's counters: c.through stands for Go's
// monotonic clock (on Windows it runs on through a sleep), c.awake for the unbiased
// interrupt time (it does not); readable false makes the unbiased counter fail.
func windowsStyle(c *fakeClock, readable bool) session.Clock {
	return session.WindowsStyleClock(c.Through, func() (time.Duration, bool) { return c.Awake(), readable })
}

// TestWindowsSleepLocks runs the clock Windows uses over fake Windows counters: a sleep,
// which Go's monotonic clock counts there, must lock. Before, Windows compared the wall
// clock with the monotonic one, which both count a sleep, and never locked.
func TestWindowsSleepLocks(t *testing.T) {
	w := &fakeClock{through: 5 * time.Hour, awake: 4 * time.Hour}
	s, reasons := unlockedSessionWith(t, windowsStyle(w, true))
	s.SetIdle(0)
	w.pass(session.TickInterval)
	s.Tick()
	if !s.Unlocked() {
		t.Fatal("locked while awake")
	}
	w.sleep(3 * time.Hour)
	w.pass(session.TickInterval)
	s.Tick()
	if s.Unlocked() || len(*reasons) != 1 || (*reasons)[0] != session.Slept {
		t.Fatalf("a sleep on Windows did not lock: %v", *reasons)
	}
}

// TestWindowsWithoutTheUnbiasedCounterOnlyIdleLocks: should the unbiased counter ever be
// unreadable, nothing locks falsely and the idle time still does.
func TestWindowsWithoutTheUnbiasedCounterOnlyIdleLocks(t *testing.T) {
	w := &fakeClock{}
	s, reasons := unlockedSessionWith(t, windowsStyle(w, false))
	s.SetIdle(5 * time.Minute)
	w.pass(4 * time.Minute)
	s.Tick()
	if !s.Unlocked() {
		t.Fatalf("locked early: %v", *reasons)
	}
	w.pass(time.Minute)
	s.Tick()
	if s.Unlocked() || (*reasons)[0] != session.Idle {
		t.Fatalf("idle did not lock: %v", *reasons)
	}
}
