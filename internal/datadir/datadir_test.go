package datadir_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/datadir"
)

func env(goos, home string, vars map[string]string) datadir.Environment {
	return datadir.Environment{GOOS: goos, Home: home, Getenv: func(k string) string { return vars[k] }}
}

func TestDefaultFollowsEachOperatingSystem(t *testing.T) {
	tests := []struct {
		name string
		env  datadir.Environment
		want string
	}{
		{"linux uses XDG_DATA_HOME", env("linux", "/home/ann", map[string]string{"XDG_DATA_HOME": "/data/xdg"}), "/data/xdg/goldseam"},
		{"linux falls back to ~/.local/share", env("linux", "/home/ann", nil), "/home/ann/.local/share/goldseam"},
		{"linux ignores a relative XDG_DATA_HOME", env("linux", "/home/ann", map[string]string{"XDG_DATA_HOME": "rel"}), "/home/ann/.local/share/goldseam"},
		{"freebsd follows XDG too", env("freebsd", "/home/ann", nil), "/home/ann/.local/share/goldseam"},
		{"macos uses Application Support", env("darwin", "/Users/ann", nil), "/Users/ann/Library/Application Support/Goldseam"},
		{"windows uses APPDATA", env("windows", `C:\Users\ann`, map[string]string{"APPDATA": "/appdata"}), "/appdata/Goldseam"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := datadir.Default(tt.env)
			if err != nil {
				t.Fatal(err)
			}
			if filepath.ToSlash(got) != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDefaultWithoutHomeIsAnError(t *testing.T) {
	for _, goos := range []string{"linux", "darwin", "windows"} {
		if _, err := datadir.Default(env(goos, "", nil)); err == nil {
			t.Errorf("%s: expected an error with no home folder", goos)
		}
	}
}

func TestResolvePrefersFlagThenEnvironment(t *testing.T) {
	e := env("linux", "/home/ann", map[string]string{datadir.EnvVar: "/from/env"})
	if got, _ := datadir.Resolve("/from/flag", e); got != filepath.Clean("/from/flag") {
		t.Errorf("flag: got %q", got)
	}
	if got, _ := datadir.Resolve("", e); got != filepath.Clean("/from/env") {
		t.Errorf("env: got %q", got)
	}
	got, _ := datadir.Resolve("relative/dir", e)
	if !filepath.IsAbs(got) || !strings.HasSuffix(filepath.ToSlash(got), "relative/dir") {
		t.Errorf("relative flag should become absolute, got %q", got)
	}
}

func TestSecondLockOnSameFolderIsRefused(t *testing.T) {
	dir := t.TempDir()
	first, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := datadir.Acquire(dir); !errors.Is(err, datadir.ErrInUse) {
		t.Fatalf("second lock: got %v, want ErrInUse", err)
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	again, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again.Release()
}

func TestFolderIsCreatedPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	l, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	info, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 && os.PathSeparator == '/' {
		t.Fatalf("data folder permissions %v let others in", perm)
	}
}

// TestLockIsHeldAcrossProcessesAndFreedWhenOwnerDies runs this test binary again as a
// child that takes the lock and waits; the parent must be refused until the child is killed.
func TestLockIsHeldAcrossProcessesAndFreedWhenOwnerDies(t *testing.T) {
	if dir := os.Getenv("GOLDSEAM_TEST_HOLD_LOCK"); dir != "" {
		if _, err := datadir.Acquire(dir); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("locked\n")
		select {} // hold until killed
	}
	dir := t.TempDir()
	child := exec.Command(os.Args[0], "-test.run=^TestLockIsHeldAcrossProcessesAndFreedWhenOwnerDies$")
	child.Env = append(os.Environ(), "GOLDSEAM_TEST_HOLD_LOCK="+dir)
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 7)
	if _, err := out.Read(buf); err != nil || string(buf) != "locked\n" {
		child.Process.Kill()
		t.Fatalf("child did not take the lock: %q %v", buf, err)
	}
	if _, err := datadir.Acquire(dir); !errors.Is(err, datadir.ErrInUse) {
		child.Process.Kill()
		t.Fatalf("lock held by another process: got %v, want ErrInUse", err)
	}
	child.Process.Kill()
	child.Wait()
	l, err := datadir.Acquire(dir)
	if err != nil {
		t.Fatalf("lock after the owner died: %v", err)
	}
	l.Release()
}
