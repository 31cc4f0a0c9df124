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

// RealClock is the system clock: Through is Go's monotonic clock, which runs on through a
// sleep here; Awake is the unbiased interrupt time (Windows 7 and later).
func RealClock() Clock {
	start := time.Now()
	return newPairClock(func() time.Duration { return time.Since(start) }, unbiasedInterruptTime)
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
