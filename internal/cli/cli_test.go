package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/cli"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	backup.UseCheapWorkFactorForTests()
	os.Exit(m.Run())
}

type run struct {
	env            cli.Env
	stdout, stderr *bytes.Buffer
}

func newRun(t *testing.T, vaultPass, backupPass string) run {
	dir := t.TempDir()
	vars := map[string]string{}
	for name, value := range map[string]string{"GOLDSEAM_PASSPHRASE_FILE": vaultPass, "GOLDSEAM_BACKUP_PASSPHRASE_FILE": backupPass} {
		if value != "" {
			path := filepath.Join(dir, name)
			os.WriteFile(path, []byte(value+"\n"), 0o600)
			vars[name] = path
		}
	}
	r := run{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}
	r.env = cli.Env{Stdout: r.stdout, Stderr: r.stderr, Getenv: func(k string) string { return vars[k] }}
	return r
}
