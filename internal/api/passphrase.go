package api

// withPassphraseBytes hands fn the byte copy of passphrase the vault needs and zeroes that
// copy when fn returns. The string itself came from JavaScript and cannot be cleared (Go
// strings are immutable); Goldseam keeps no reference to it.
func withPassphraseBytes(passphrase string, fn func([]byte) error) error {
	p := []byte(passphrase)
	defer clear(p)
	passphraseCopied(p)
	return fn(p)
}

// passphraseCopied lets a test see each copy withPassphraseBytes makes.
var passphraseCopied = func([]byte) {}
