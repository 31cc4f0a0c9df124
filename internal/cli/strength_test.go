package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/cli"
)

// TestWeakPassphrasesAreRefusedInTheWindowsWords: init and backup export, the commands that
// set a passphrase, hold it to the window's rule and refuse a weak one with the sentence the
// window shows, before anything is made.
func TestWeakPassphrasesAreRefusedInTheWindowsWords(t *testing.T) {
	weak := map[string]string{ // the sentences the window shows, internal/strength
		"password1":    "This is a commonly used password.",
		"goldseam2026": "Avoid words that have to do with you or this app.",
		"qwertyuiop":   "This is one of the most used passwords.",
		"Zq#8v!":       "Use at least 8 characters; a few unrelated words are best.",
	}
	for pass, words := range weak {
		data, kit := filepath.Join(t.TempDir(), "data"), filepath.Join(t.TempDir(), "kit.txt")
		r := newRun(t, pass, "")
		if code := cli.Run([]string{"init", "--recovery-kit", kit}, data, r.env); code != cli.Failed || !strings.Contains(r.stderr.String(), words) {
			t.Errorf("init with %q: exit %d, said %q; want %d and %q", pass, code, r.stderr, cli.Failed, words)
		}
		if _, err := os.Stat(filepath.Join(data, "goldseam.db")); !os.IsNotExist(err) {
			t.Errorf("init with %q made a vault", pass)
		}
		if _, err := os.Stat(kit); !os.IsNotExist(err) {
			t.Errorf("init with %q wrote a kit", pass)
		}
	}

	data, kit := t.TempDir(), filepath.Join(t.TempDir(), "kit.txt")
	ok := newRun(t, "a passphrase for the vault", "")
	if code := cli.Run([]string{"init", "--recovery-kit", kit}, data, ok.env); code != cli.OK {
		t.Fatalf("init: %d %s", code, ok.stderr)
	}
	for pass, words := range weak {
		file := filepath.Join(t.TempDir(), "backup.age")
		r := newRun(t, "a passphrase for the vault", pass)
		if code := cli.Run([]string{"backup", "export", file}, data, r.env); code != cli.Failed || !strings.Contains(r.stderr.String(), words) {
			t.Errorf("export with %q: exit %d, said %q; want %d and %q", pass, code, r.stderr, cli.Failed, words)
		}
		if _, err := os.Stat(file); !os.IsNotExist(err) {
			t.Errorf("export with %q wrote a backup", pass)
		}
	}
}
