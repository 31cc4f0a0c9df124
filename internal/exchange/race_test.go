//go:build race

package exchange_test

// raceDetector is true when the tests run under the race detector (make test), which makes
// signature checks many times slower.
const raceDetector = true
