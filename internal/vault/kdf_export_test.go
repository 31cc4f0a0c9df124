package vault

import "time"

// SetCalibrationTimer makes calibration time each derivation with measure instead of
// running it; it returns a function that puts the real one back.
func SetCalibrationTimer(measure func(Params) time.Duration) (restore func()) {
	old := timeDerivation
	timeDerivation = measure
	return func() { timeDerivation = old }
}

// CountFreeOSMemory counts the calls made to return memory to the OS; restore puts the real
// call back.
func CountFreeOSMemory(n *int) (restore func()) {
	old := freeOSMemory
	freeOSMemory = func() { *n++; old() }
	return func() { freeOSMemory = old }
}
