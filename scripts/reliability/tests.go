package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// command runs name with args in dir, its output going to stderr so the figures on stdout
// stay clean, with the figures file and env added to the environment.
func command(cfg config, dir string, env []string, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	cmd.Env = append(append(os.Environ(), "GOLDSEAM_FIGURES="+cfg.figures), env...)
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %v: %w", name, args, err)
	}
	return nil
}

func goTests(cfg config) error {
	if cfg.quick {
		return errSkipped("make test-go runs the crash loops, swaps and damaged backups already",
			"crash_runs", "crash_lost", "passphrase_crash_runs", "passphrase_crash_unopenable", "restore_crash_runs",
			"restore_crash_mixed", "swap_trials", "swap_accepted", "tamper_trials", "tamper_accepted",
			"wal_secrets_while_locked")
	}
	// What stays on disk while Goldseam is locked but still running.
	if err := command(cfg, ".", nil, "go", "test", "-count=1", "-run", "WhileLocked", "./internal/api/"); err != nil {
		return err
	}
	runs, backupRuns := "1000", "200"
	// The crash loops, the swap test and the tamper test count their own trials and report them.
	if err := command(cfg, ".", []string{"GOLDSEAM_CRASH_RUNS=" + runs}, "go", "test", "-count=1", "-timeout=60m",
		"-run", "SIGKILL|MovedOrFlipped", "./internal/journal/", "./internal/vault/"); err != nil {
		return err
	}
	// A backup crash run restores or exports a whole journal, so it takes longer: fewer runs.
	return command(cfg, ".", []string{"GOLDSEAM_CRASH_RUNS=" + backupRuns}, "go", "test", "-count=1", "-timeout=60m",
		"-run", "SIGKILL|EveryFlippedOrTruncated", "./internal/backup/")
}

// craftedBackups opens the crafted backups and measures the heap while each is refused. It
// takes seconds, so the quick round runs it whole too.
func craftedBackups(cfg config) error {
	return command(cfg, ".", nil, "go", "test", "-count=1", "-run", "CraftedBackups", "./internal/backup/")
}

// diskFull mounts a small tmpfs (root only) and runs the disk-full test on it.
func diskFull(cfg config) error {
	if os.Geteuid() != 0 {
		if cfg.quick {
			return errSkipped("mounting a small tmpfs to fill needs root", "disk_full_trials", "disk_full_damaged")
		}
		return errors.New("mounting a small tmpfs to fill needs root; run make reliability as root")
	}
	mnt := filepath.Join(cfg.work, "small-disk")
	if err := os.MkdirAll(mnt, 0o700); err != nil {
		return err
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", mnt).CombinedOutput(); err != nil {
		return fmt.Errorf("mount tmpfs: %v: %s", err, out)
	}
	defer exec.Command("umount", mnt).Run()
	trials := "40"
	if cfg.quick {
		trials = "4"
	}
	return command(cfg, ".", []string{"GOLDSEAM_DISKFULL_DIR=" + mnt, "GOLDSEAM_DISKFULL_TRIALS=" + trials},
		"go", "test", "-count=1", "-run", "FullDisk", "./internal/api/")
}

// browserTests runs the canary and hostile-Markdown tests in Chromium (frontend built first).
func browserTests(cfg config) error {
	if cfg.quick {
		return errSkipped("make test-e2e runs the canary and hostile-Markdown tests already", "canary_hits", "xss_vectors", "xss_executed")
	}
	return command(cfg, "frontend", nil, "npx", "vitest", "run", "--config", "vitest.e2e.config.ts",
		"e2e/canary.e2e.ts", "e2e/hostile-markdown.e2e.ts")
}
