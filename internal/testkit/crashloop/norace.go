//go:build !race

package crashloop

const raceEnabled = false
