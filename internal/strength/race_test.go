//go:build race

package strength_test

// underRace: the race detector slows the interpreter several times over and finds nothing
// in it (one goroutine, behind a mutex), so the long table runs without it (make test-go).
const underRace = true
