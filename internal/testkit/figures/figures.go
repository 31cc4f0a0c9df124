// Package figures lets a test report a reliability figure it measured (how many crash runs
// it did, how many entries were lost) to `make reliability`, which names the file to append
// to in GOLDSEAM_FIGURES. In an ordinary `go test` run the variable is unset and nothing is
// written, so the same test serves the quick suite and the long one.
package figures

import (
	"fmt"
	"os"
	"sync"
)

// Env names the file figures are appended to.
const Env = "GOLDSEAM_FIGURES"

var mu sync.Mutex

// Record appends "RELIABILITY name value" to the figures file, if one is named.
func Record(name string, value any) error {
	path := os.Getenv(Env)
	if path == "" {
		return nil
	}
	mu.Lock()
	defer mu.Unlock()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("open figures file: %w", err)
	}
	if _, err := fmt.Fprintf(f, "RELIABILITY %s %v\n", name, value); err != nil {
		f.Close()
		return fmt.Errorf("write figure %s: %w", name, err)
	}
	return f.Close()
}
