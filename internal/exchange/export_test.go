package exchange

// Parses is how many times a file was parsed in this test binary.
func Parses() int64 { return parses.Load() }

// WatchOpens calls fn with every file Scan or LastWritten opens until the returned func is
// called.
func WatchOpens(fn func(path string)) (stop func()) {
	onOpen = fn
	return func() { onOpen = nil }
}
