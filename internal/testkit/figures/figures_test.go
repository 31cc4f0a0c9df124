package figures_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/goldseam/goldseam/internal/testkit/figures"
)

func TestFiguresGoToTheNamedFileOnly(t *testing.T) {
	t.Setenv(figures.Env, "")
	if err := figures.Record("nothing", 1); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "figures")
	t.Setenv(figures.Env, path)
	figures.Record("crash_runs", 1000)
	figures.Record("crash_lost", 0)
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "RELIABILITY crash_runs 1000\nRELIABILITY crash_lost 0\n" {
		t.Fatalf("got %q, %v", got, err)
	}
}
