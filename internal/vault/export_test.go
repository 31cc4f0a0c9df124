package vault

// SetCheapKDF lets this package's tests check the floor with the test knob off.
func SetCheapKDF(on bool) { cheapKDF.Store(on) }

// CheckParams exposes Params.check to the tests.
func CheckParams(p Params) error { return p.check() }
