package session

import "time"

// WindowsStyleClock builds the Clock RealClock builds on Windows, from fake counters.
func WindowsStyleClock(monotonic func() time.Duration, unbiased func() (time.Duration, bool)) Clock {
	return newPairClock(monotonic, unbiased)
}
