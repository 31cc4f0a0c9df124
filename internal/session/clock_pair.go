package session

import "time"

// pairClock is a Clock made of two readings of the machine's counters: through runs on
// while the computer sleeps; awake stops, and may be unreadable (ok false). The Windows
// clock is built from it, and tests build it from fake counters on every system.
type pairClock struct {
	through    func() time.Duration
	awake      func() (time.Duration, bool)
	awakeStart time.Duration
	haveAwake  bool
}

func newPairClock(through func() time.Duration, awake func() (time.Duration, bool)) *pairClock {
	c := &pairClock{through: through, awake: awake}
	c.awakeStart, c.haveAwake = awake()
	return c
}

func (c *pairClock) Through() time.Duration { return c.through() }

// Awake counts from when the clock was made. Should the counter be unreadable it gives
// Through instead: no sleep is seen then, and only the idle time locks, as it did before.
func (c *pairClock) Awake() time.Duration {
	if c.haveAwake {
		if t, ok := c.awake(); ok {
			return t - c.awakeStart
		}
	}
	return c.Through()
}
