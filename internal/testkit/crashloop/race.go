//go:build race

package crashloop

// raceEnabled: the race detector slows pure-Go SQLite tenfold, and crash loops test
// durability, not data races, so they run in a pass of their own without it.
const raceEnabled = true
