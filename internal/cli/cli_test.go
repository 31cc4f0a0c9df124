package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
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

func TestInitExportVerifyAndRestoreFromTheCommandLine(t *testing.T) {
	data, file := t.TempDir(), filepath.Join(t.TempDir(), "goldseam.age")
	ok := newRun(t, "a passphrase for the vault", "a passphrase for the backup")
	ok.env.StdoutIsTerminal = true
	if code := cli.Run([]string{"init"}, data, ok.env); code != cli.OK {
		t.Fatalf("init: %d %s", code, ok.stderr)
	}
	if !strings.Contains(ok.stdout.String(), "recovery key") {
		t.Fatalf("init should show the recovery key: %s", ok.stdout)
	}
	if code := cli.Run([]string{"init"}, data, ok.env); code != cli.Failed || !strings.Contains(ok.stderr.String(), "already been set up") {
		t.Fatalf("a second init: %d %s", code, ok.stderr)
	}
	for _, args := range [][]string{{"backup", "export", file}, {"backup", "verify", file}, {"backup", "restore", file, "--merge"}, {"backup", "restore", file, "--replace"}} {
		r := newRun(t, "a passphrase for the vault", "a passphrase for the backup")
		if code := cli.Run(args, data, r.env); code != cli.OK {
			t.Fatalf("%v: %d %s", args, code, r.stderr)
		}
	}
	head, _ := os.ReadFile(file)
	if !bytes.HasPrefix(head, []byte("age-encryption.org/v1\n")) {
		t.Fatal("the exported file is not an age file")
	}

	wrongVault := newRun(t, "not the vault passphrase", "a passphrase for the backup")
	if code := cli.Run([]string{"backup", "export", file + "2"}, data, wrongVault.env); code != cli.Failed || !strings.Contains(wrongVault.stderr.String(), "passphrase") {
		t.Fatalf("wrong vault passphrase: %d %s", code, wrongVault.stderr)
	}
	wrongBackup := newRun(t, "", "not the backup passphrase")
	if code := cli.Run([]string{"backup", "verify", file}, "", wrongBackup.env); code != cli.Failed || !strings.Contains(wrongBackup.stderr.String(), "does not open this backup") {
		t.Fatalf("wrong backup passphrase: %d %s", code, wrongBackup.stderr)
	}
	noTerminal := newRun(t, "", "")
	if code := cli.Run([]string{"backup", "verify", file}, "", noTerminal.env); code != cli.Failed || !strings.Contains(noTerminal.stderr.String(), "GOLDSEAM_BACKUP_PASSPHRASE_FILE") {
		t.Fatalf("no terminal and no file: %d %s", code, noTerminal.stderr)
	}
	for _, args := range [][]string{{"backup"}, {"backup", "restore", file}, {"backup", "restore", file, "--both"}, {"export"}} {
		r := newRun(t, "", "")
		if code := cli.Run(args, data, r.env); code != cli.Usage || !strings.Contains(r.stderr.String(), "Commands:") {
			t.Fatalf("%v: %d %s", args, code, r.stderr)
		}
	}
	empty := newRun(t, "a passphrase for the vault", "a passphrase for the backup")
	if code := cli.Run([]string{"backup", "export", file}, t.TempDir(), empty.env); code != cli.Failed || !strings.Contains(empty.stderr.String(), "goldseam init") {
		t.Fatalf("export without a vault: %d %s", code, empty.stderr)
	}
}
