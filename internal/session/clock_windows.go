package session

import (
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// On Windows Go's monotonic clock counts through sleep (it is the interrupt time), and so
// does the wall clock: comparing them never shows a sleep. QueryUnbiasedInterruptTime is
// the same interrupt time without the time spent asleep or hibernating, so it is the
// clock that stops.
var queryUnbiasedInterruptTime = windows.NewLazySystemDLL("kernel32.dll").NewProc("QueryUnbiasedInterruptTime")

type realClock struct {
	start       time.Time // with its monotonic reading
	awakeStart  time.Duration
	useUnbiased bool
}

// RealClock is the system clock.
func RealClock() Clock {
	c := realClock{start: time.Now()}
	if t, ok := unbiasedInterruptTime(); ok {
		c.awakeStart, c.useUnbiased = t, true
	}
	return c
}

// Through is Go's monotonic clock, which on Windows runs on through a sleep.
func (c realClock) Through() time.Duration { return time.Since(c.start) }

// Awake is the unbiased interrupt time, which stops while the computer sleeps. Should the
// call ever fail (it exists since Windows 7), it falls back to Through, and only idle time
// locks, as before.
func (c realClock) Awake() time.Duration {
	if c.useUnbiased {
		if t, ok := unbiasedInterruptTime(); ok {
			return t - c.awakeStart
		}
	}
	return c.Through()
}

// unbiasedInterruptTime reads QueryUnbiasedInterruptTime, which counts in units of 100 ns.
func unbiasedInterruptTime() (time.Duration, bool) {
	if queryUnbiasedInterruptTime.Find() != nil {
		return 0, false
	}
	var ticks uint64
	ok, _, _ := queryUnbiasedInterruptTime.Call(uintptr(unsafe.Pointer(&ticks)))
	if ok == 0 {
		return 0, false
	}
	return time.Duration(ticks) * 100, true
}
