package main

import (
	"os/exec"
	"strings"
	"testing"
)

// TestTheAppBuildsNoTestKit holds docs/architecture.md's word that internal/testkit is for
// tests and benchmarks only: neither the desktop app nor the browser-test server depends on it.
func TestTheAppBuildsNoTestKit(t *testing.T) {
	for _, tags := range []string{"webkit2_41", "e2e"} {
		t.Run(tags, func(t *testing.T) {
			out, err := exec.Command("go", "list", "-deps", "-tags", tags, ".").CombinedOutput()
			if err != nil {
				t.Fatalf("go list: %v\n%s", err, out)
			}
			if !strings.Contains(string(out), "github.com/goldseam/goldseam/internal/session") {
				t.Fatalf("go list did not list the app's packages:\n%s", out)
			}
			for _, pkg := range strings.Fields(string(out)) {
				if strings.Contains(pkg, "/internal/testkit") {
					t.Errorf("the app builds %s", pkg)
				}
			}
		})
	}
}
