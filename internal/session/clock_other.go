//go:build !windows

package session

import "time"

// realClock on Linux, macOS and the BSDs: Go's monotonic clock (CLOCK_MONOTONIC,
// mach_absolute_time) stops while the computer is suspended, and the wall clock does not.
type realClock struct {
	start     time.Time // with its monotonic reading
	wallStart time.Time // without
}

// RealClock is the system clock.
func RealClock() Clock {
	now := time.Now()
	return realClock{start: now, wallStart: now.Round(0)}
}

// Through is wall-clock time: it runs on through a sleep (and jumps when the clock is set).
func (c realClock) Through() time.Duration { return time.Now().Round(0).Sub(c.wallStart) }

// Awake is monotonic time, which stops while the computer sleeps.
func (c realClock) Awake() time.Duration { return time.Since(c.start) }
