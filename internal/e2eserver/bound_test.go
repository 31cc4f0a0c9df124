package e2eserver_test

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/e2eserver"
	"github.com/goldseam/goldseam/internal/session"
)

// The browser tests drive the real services through this server, so it must offer the page
// exactly what the desktop window binds: the allow-list kept beside the services.
func TestTheServerExposesOnlyTheAllowedMethods(t *testing.T) {
	h := e2eserver.NewHost()
	services := api.NewServices(h, api.Storage{Session: session.New(nil, nil)})
	s, err := e2eserver.New(fstest.MapFS{}, h, services.Bind())
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../api/testdata/bound_methods.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want []string
	for sc := bufio.NewScanner(f); sc.Scan(); {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			want = append(want, line)
		}
	}
	slices.Sort(want)
	if got := s.Methods(); !slices.Equal(got, want) {
		t.Fatalf("the browser-test server exposes\n%v\nwant exactly\n%v", got, want)
	}
}
