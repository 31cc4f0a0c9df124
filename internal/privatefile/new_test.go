package privatefile_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/goldseam/goldseam/internal/privatefile"
)

// TestANewPrivateFileNeverReplacesWhatAppearedMeanwhile: a file or link put at the name
// between Prepare and Commit is left alone, and Commit says so; otherwise the file is
// there whole, 0600, with no temporary file left.
func TestANewPrivateFileNeverReplacesWhatAppearedMeanwhile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "kit.txt")
	p, err := privatefile.Prepare(path)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, []byte("someone else's"), 0o644)
	if err := p.Commit([]byte("secret")); !errors.Is(err, privatefile.ErrExists) {
		t.Fatalf("Commit over a file that appeared: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "someone else's" {
		t.Fatalf("the file that appeared was changed: %q", b)
	}
	os.Remove(path)
	if err := os.Symlink(filepath.Join(dir, "elsewhere"), path); err == nil {
		p, _ = privatefile.Prepare(filepath.Join(dir, "other.txt"))
		p.Abort()
		if _, err := privatefile.Prepare(path); !errors.Is(err, privatefile.ErrExists) {
			t.Fatalf("Prepare over a dangling link: %v", err)
		}
		os.Remove(path)
	}
	p, err = privatefile.Prepare(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Commit([]byte("secret")); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if b, _ := os.ReadFile(path); err != nil || string(b) != "secret" || info.Mode().Perm() != 0o600 {
		t.Fatalf("the file: %q %v %v", b, info.Mode(), err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".tmp-*")); len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}
