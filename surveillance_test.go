package main

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/webguard"
)

// watching names the ways software can watch a person: where they are, what their camera,
// microphone or screen shows, their devices, their clipboard, their contacts. Goldseam is
// about trust offered, not extracted, so no part of it may use any of them.
var watching = regexp.MustCompile(`navigator\.(geolocation|mediaDevices|bluetooth|usb|serial|hid|contacts)|getUserMedia|getDisplayMedia|clipboard\.read|watchPosition|getCurrentPosition`)

// TestNothingWatchesAPartner reads the whole interface and every Go file for those APIs,
// and checks the webview refuses them even if one slipped in.
func TestNothingWatchesAPartner(t *testing.T) {
	scanned := 0
	for _, root := range []string{"frontend/src", "frontend/public", "frontend/index.html", "internal", "main.go", "app.go"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(path, "_test.go") {
				return err
			}
			switch filepath.Ext(path) {
			case ".go", ".ts", ".svelte", ".html", ".js":
			default:
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			scanned++
			if m := watching.Find(data); m != nil {
				t.Errorf("%s uses %q: Goldseam never watches anyone", path, m)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if scanned < 50 {
		t.Fatalf("only %d files read; the check is looking in the wrong place", scanned)
	}
	rec := httptest.NewRecorder()
	webguard.Middleware(http.NotFoundHandler()).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	policy := rec.Header().Get("Permissions-Policy")
	for _, feature := range []string{"geolocation=()", "camera=()", "microphone=()", "usb=()", "bluetooth=()"} {
		if !strings.Contains(policy, feature) {
			t.Errorf("the webview's Permissions-Policy %q does not refuse %s", policy, feature)
		}
	}
}
