package cli_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/cli"
)

var recoveryKey = regexp.MustCompile(`[0-9A-Z]{4}(-[0-9A-Z]{4}){8}`)

// TestTheRecoveryKeyGoesOnlyToATerminalOrANamedFile: init prints the key when its output is
// a terminal; otherwise it writes it only to a new file the person names (0600, never over
// something already there or through a link), and with neither it refuses before anything
// is made.
func TestTheRecoveryKeyGoesOnlyToATerminalOrANamedFile(t *testing.T) {
	t.Run("no terminal and no file: refused, nothing made", func(t *testing.T) {
		data := filepath.Join(t.TempDir(), "data")
		r := newRun(t, "a passphrase for the vault", "")
		if code := cli.Run([]string{"init"}, data, r.env); code != cli.Failed {
			t.Fatalf("exit %d, want %d (%s)", code, cli.Failed, r.stderr)
		}
		if !strings.Contains(r.stderr.String(), "--recovery-kit FILE") || recoveryKey.MatchString(r.stdout.String()+r.stderr.String()) {
			t.Fatalf("the refusal should say how, and show no key: %q %q", r.stdout, r.stderr)
		}
		if _, err := os.Stat(data); !os.IsNotExist(err) {
			t.Fatalf("the data folder was made although init was refused: %v", err)
		}
	})
	t.Run("a named file: written 0600, key only there", func(t *testing.T) {
		data, kit := t.TempDir(), filepath.Join(t.TempDir(), "kit.txt")
		r := newRun(t, "a passphrase for the vault", "")
		if code := cli.Run([]string{"init", "--recovery-kit", kit}, data, r.env); code != cli.OK {
			t.Fatalf("exit %d (%s)", code, r.stderr)
		}
		text, err := os.ReadFile(kit)
		if err != nil || !recoveryKey.Match(text) {
			t.Fatalf("the kit file holds no recovery key: %v %q", err, text)
		}
		if recoveryKey.MatchString(r.stdout.String()+r.stderr.String()) || !strings.Contains(r.stdout.String(), kit) {
			t.Fatalf("the key should be in the file only, and the output should name it: %q %q", r.stdout, r.stderr)
		}
		if info, _ := os.Stat(kit); info.Mode().Perm() != 0o600 {
			t.Fatalf("the kit file is %v, want 0600", info.Mode().Perm())
		}
		left, _ := filepath.Glob(filepath.Join(filepath.Dir(kit), ".tmp-*"))
		if len(left) != 0 {
			t.Fatalf("temporary files left: %v", left)
		}
	})
	t.Run("a file already there, or a link: refused, nothing made", func(t *testing.T) {
		dir := t.TempDir()
		existing := filepath.Join(dir, "existing.txt")
		os.WriteFile(existing, []byte("keep me"), 0o600)
		target := filepath.Join(dir, "target.txt")
		link := filepath.Join(dir, "link.txt")
		dangling := filepath.Join(dir, "dangling.txt")
		if err := os.Symlink(target, link); err != nil {
			t.Skip("symbolic links cannot be made here:", err)
		}
		os.WriteFile(target, []byte("keep me"), 0o600)
		os.Symlink(filepath.Join(dir, "nowhere.txt"), dangling)
		for _, kit := range []string{existing, link, dangling} {
			data := filepath.Join(t.TempDir(), "data")
			r := newRun(t, "a passphrase for the vault", "")
			if code := cli.Run([]string{"init", "--recovery-kit=" + kit}, data, r.env); code != cli.Failed || !strings.Contains(r.stderr.String(), "already there") {
				t.Fatalf("%s: exit %d (%s)", kit, code, r.stderr)
			}
			if _, err := os.Stat(filepath.Join(data, "goldseam.db")); !os.IsNotExist(err) {
				t.Fatalf("%s: a vault was made although init was refused", kit)
			}
		}
		for _, f := range []string{existing, target} {
			if b, _ := os.ReadFile(f); string(b) != "keep me" {
				t.Fatalf("%s was changed: %q", f, b)
			}
		}
		if _, err := os.Lstat(filepath.Join(dir, "nowhere.txt")); !os.IsNotExist(err) {
			t.Fatal("a file was written through the dangling link")
		}
	})
}
