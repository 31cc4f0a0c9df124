package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/profile"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

const sessionPassphrase = "a scripted session under strace"

// sockets runs the real app under strace -f through a scripted session (unlock, open the
// journal, write an entry, let it save, lock) driven by key presses under Xvfb, and counts
// the internet sockets the whole process tree created. The entry is then read back from the
// data file, which proves the session really happened.
func sockets(cfg config) error {
	if os.Getenv("DISPLAY") == "" {
		return errors.New("no display: run under xvfb-run (make reliability does)")
	}
	dir := filepath.Join(cfg.work, "sockets")
	if err := prepareVault(dir); err != nil {
		return err
	}
	trace := filepath.Join(cfg.work, "strace.txt")
	cmd := exec.Command("strace", "-f", "-qq", "-e", "trace=socket", "-o", trace, cfg.app, "--data-dir", dir)
	ownGroup(cmd)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start strace: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		stopGroup(cmd, false)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			stopGroup(cmd, true)
		}
	}()

	word := fmt.Sprintf("scriptedsession%d", time.Now().UnixNano())
	if err := script(word); err != nil {
		return err
	}
	stopGroup(cmd, false)
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		stopGroup(cmd, true)
		<-done
	}
	if err := entryWasSaved(dir, word); err != nil {
		return fmt.Errorf("the scripted session did not happen as planned: %w", err)
	}
	data, err := os.ReadFile(trace)
	if err != nil {
		return err
	}
	inet := regexp.MustCompile(`socket\(AF_INET6?,`)
	found := inet.FindAll(data, -1)
	all := bytes.Count(data, []byte("socket("))
	fmt.Fprintf(os.Stderr, "reliability: %d sockets created in the session, %d of them AF_INET or AF_INET6\n", all, len(found))
	if all == 0 {
		return errors.New("strace saw no socket at all: it was not tracing the app")
	}
	return record(cfg, "sockets_opened", len(found))
}

// prepareVault makes a vault with a confirmed kit and a finished first run in dir, so the
// app opens at the unlock screen.
func prepareVault(dir string) error {
	ctx := context.Background()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	db, err := store.Open(ctx, filepath.Join(dir, store.FileName))
	if err != nil {
		return err
	}
	defer db.Close()
	u, kit, err := vault.Create(ctx, db, []byte(sessionPassphrase), vault.Calibrate())
	if err != nil {
		return err
	}
	defer u.Wipe()
	if err := vault.ConfirmRecoveryKit(ctx, db, kit.KitID); err != nil {
		return err
	}
	safety := map[string]string{}
	for _, q := range profile.SafetyQuestions {
		safety[q] = profile.No
	}
	_, err = profile.Save(ctx, db, u.Key(vault.Journal), profile.Profile{Role: "unsaid", Safety: safety})
	return err
}

// script drives the window with key presses: no window manager runs under Xvfb, so the
// pointer rests on the window and keyboard focus follows it.
func script(word string) error {
	deadline := time.Now().Add(40 * time.Second)
	for {
		out, _ := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^Goldseam$").Output()
		if len(bytes.TrimSpace(out)) > 0 {
			break
		}
		if time.Now().After(deadline) {
			return errors.New("the window never appeared")
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(3 * time.Second) // the unlock screen paints and focuses its field
	steps := [][]string{
		// The passphrase field, where the unlock screen draws it on a 1280x860 screen.
		{"mousemove", "596", "277"},
		{"click", "1"},
		{"sleep", "1"},
		{"type", "--delay", "30", sessionPassphrase},
		{"key", "Return"},
		{"sleep", "6"}, // the key derivation, then Home
		// From Home's heading, backwards through the navigation to Journal.
		{"key", "--delay", "120", "shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab", "shift+Tab"},
		{"key", "Return"},
		{"sleep", "2"},
		{"key", "ctrl+n"},
		{"sleep", "1"},
		{"type", "--delay", "20", word},
		{"sleep", "4"}, // autosave
		{"key", "ctrl+l"},
		{"sleep", "2"},
	}
	shots := os.Getenv("GOLDSEAM_SESSION_SHOTS") // a folder for a screenshot after each step, when debugging
	for i, s := range steps {
		if shots != "" {
			exec.Command("import", "-window", "root", filepath.Join(shots, fmt.Sprintf("step-%02d.png", i))).Run()
		}
		if s[0] == "sleep" {
			d, _ := time.ParseDuration(s[1] + "s")
			time.Sleep(d)
			continue
		}
		if out, err := exec.Command("xdotool", s...).CombinedOutput(); err != nil {
			return fmt.Errorf("xdotool %s: %v: %s", strings.Join(s, " "), err, out)
		}
	}
	return nil
}

func entryWasSaved(dir, word string) error {
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, store.FileName))
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := vault.Unlock(ctx, db, []byte(sessionPassphrase))
	if err != nil {
		return err
	}
	defer u.Wipe()
	found := false
	err = journal.NewEntries(db).Each(ctx, u.Key(vault.Journal), func(e journal.Entry) error {
		found = found || strings.Contains(e.Title+e.Body, word)
		return nil
	})
	if err == nil && !found {
		err = errors.New("no journal entry holds the words typed")
	}
	return err
}
