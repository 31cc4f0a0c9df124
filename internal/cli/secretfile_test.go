//go:build !windows

package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/goldseam/goldseam/internal/cli"
)

// TestPassphraseFilesOthersCanReadAreRefused: a passphrase file that the group or others may
// read, or a path that is not a regular file, is refused before anything is made, with the
// way to fix it. (Windows keeps who may read a file in its ACL, which Goldseam does not
// check: docs/security.md says so.)
func TestPassphraseFilesOthersCanReadAreRefused(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.pass")
	os.WriteFile(good, []byte("correct horse battery staple lantern\n"), 0o600)
	fifo := filepath.Join(dir, "fifo.pass")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		path string
		want []string
	}{
		"group can read":  {writeMode(t, dir, "group.pass", 0o640), []string{"can be read by other people", "chmod 600 " + filepath.Join(dir, "group.pass")}},
		"others can read": {writeMode(t, dir, "others.pass", 0o604), []string{"can be read by other people", "chmod 600"}},
		"world writable":  {writeMode(t, dir, "write.pass", 0o602), []string{"chmod 600"}},
		"a folder":        {dir, []string{"not a regular file"}},
		"a FIFO":          {fifo, []string{"not a regular file"}},
	}
	for name, c := range cases {
		for _, variable := range []string{"GOLDSEAM_PASSPHRASE_FILE", "GOLDSEAM_BACKUP_PASSPHRASE_FILE"} {
			data := filepath.Join(t.TempDir(), "data")
			r := newRun(t, "", "")
			vars := map[string]string{"GOLDSEAM_PASSPHRASE_FILE": good, "GOLDSEAM_BACKUP_PASSPHRASE_FILE": good, variable: c.path}
			r.env.Getenv = func(k string) string { return vars[k] }
			args := []string{"backup", "verify", filepath.Join(dir, "none.age")}
			if variable == "GOLDSEAM_PASSPHRASE_FILE" {
				args = []string{"init", "--recovery-kit", filepath.Join(dir, "kit.txt")}
			}
			code := cli.Run(args, data, r.env)
			if code != cli.Failed {
				t.Errorf("%s in %s: exit %d, want %d (%s)", name, variable, code, cli.Failed, r.stderr)
			}
			for _, w := range append(c.want, variable) {
				if !strings.Contains(r.stderr.String(), w) {
					t.Errorf("%s in %s: the message %q does not say %q", name, variable, r.stderr, w)
				}
			}
			if strings.Contains(r.stderr.String(), "correct horse") {
				t.Errorf("%s: the message shows the passphrase", name)
			}
			if _, err := os.Stat(filepath.Join(data, "goldseam.db")); err == nil {
				t.Errorf("%s in %s: a vault was made although the passphrase was refused", name, variable)
			}
		}
	}
}

func writeMode(t *testing.T, dir, name string, mode os.FileMode) string {
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte("correct horse battery staple lantern\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // past the umask
		t.Fatal(err)
	}
	return path
}
