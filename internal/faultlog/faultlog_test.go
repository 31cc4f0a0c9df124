package faultlog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
)

const canary = "canarymarigold7"

// fault is an internal failure whose Go text holds what a person wrote and where.
func fault() error {
	cause := &os.PathError{Op: "write", Path: "/home/" + canary + "/backup.age", Err: syscall.ENOSPC}
	return &apperr.Error{Code: apperr.Internal, Op: "Journal.Save", Err: fmt.Errorf("save %q: %w", canary, cause)}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestAFaultIsOneLineWithItsCodeCallAndTypesButNoText(t *testing.T) {
	dir := t.TempDir()
	l := New(dir)
	l.Record("", fault())
	got := read(t, filepath.Join(dir, FileName))
	if strings.Count(got, "\n") != 1 {
		t.Fatalf("want one line, got %q", got)
	}
	for _, want := range []string{" internal call=Journal.Save cause=", "*fs.PathError", "syscall.Errno(28)"} {
		if !strings.Contains(got, want) {
			t.Errorf("line %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, canary) || strings.Contains(got, "no space") {
		t.Fatalf("error text reached the log: %q", got)
	}
	info, err := os.Stat(filepath.Join(dir, FileName))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v, want 0600", info.Mode().Perm(), err)
	}
}

func TestRefusalsAreNotFaults(t *testing.T) {
	dir := t.TempDir()
	l := New(dir)
	for _, code := range []apperr.Code{apperr.Invalid, apperr.Locked, apperr.WrongPassphrase, apperr.NotFound, apperr.Conflict} {
		l.Record("api.Journal.Save", apperr.New(code, "Please write something "+canary))
	}
	l.Record("api.Journal.Save", nil)
	if _, err := os.Stat(filepath.Join(dir, FileName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a refusal was logged: %v", err)
	}
	var none *Log
	none.Record("x", fault()) // while Wails lists the methods there is no log: nothing happens
}

func TestACallNameKeepsOnlyCodeCharacters(t *testing.T) {
	dir := t.TempDir()
	New(dir).Record("api.Journal.Save <"+canary+" 'x'>", errors.New("plain"))
	got := read(t, filepath.Join(dir, FileName))
	if !strings.Contains(got, " internal call=api.Journal.Save"+canary+"x cause=*errors.errorString\n") {
		t.Fatalf("got %q", got)
	}
}

func TestTheLogIsCappedByKeepingOnePreviousPart(t *testing.T) {
	dir := t.TempDir()
	l := New(dir)
	l.now = func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) }
	// A file made earlier with a wider mode is narrowed at the next line.
	if err := os.WriteFile(filepath.Join(dir, FileName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	line := len(fmt.Sprintf("%s internal call=Journal.Save cause=%s\n", l.now().Format(time.RFC3339), causes(fault())))
	for range 3*MaxBytes/line + 10 {
		l.Record("", fault())
	}
	for _, name := range []string{FileName, FileName + ".1"} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if info.Size() > MaxBytes || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %d bytes, mode %v; want at most %d, 0600", name, info.Size(), info.Mode().Perm(), MaxBytes)
		}
	}
	if info, _ := os.Stat(filepath.Join(dir, FileName+".1")); info.Size() < MaxBytes-int64(line) {
		t.Errorf("the previous part was cut early: %d bytes", info.Size())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("want the log and one previous part, got %d files", len(entries))
	}
}

func TestALinkInThePlaceOfTheLogIsNotWrittenThrough(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), "elsewhere")
	if err := os.WriteFile(target, []byte("kept\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, FileName)); err != nil {
		t.Skip("no symlinks here:", err)
	}
	New(dir).Record("", fault())
	if got := read(t, target); got != "kept\n" {
		t.Fatalf("the log wrote through a link: %q", got)
	}
}
