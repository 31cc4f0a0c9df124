package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// instances starts two copies of the real app together on one data folder, again and
// again: exactly one must keep running, and the other must stop with status 3.
func instances(cfg config) error {
	trials := 100
	if cfg.quick {
		trials = 3
	}
	if os.Getenv("DISPLAY") == "" {
		return errors.New("no display: run under xvfb-run (make reliability does)")
	}
	double := 0
	for trial := 0; trial < trials; trial++ {
		dir := filepath.Join(cfg.work, fmt.Sprintf("instances-%d", trial))
		ok, why := instanceTrial(cfg.app, dir)
		if !ok {
			double++
			fmt.Fprintf(os.Stderr, "reliability: instance trial %d: %s\n", trial, why)
		}
		os.RemoveAll(dir)
	}
	if err := record(cfg, "instance_trials", trials); err != nil {
		return err
	}
	return record(cfg, "instance_double_owner", double)
}

func instanceTrial(app, dir string) (bool, string) {
	start := func() (*exec.Cmd, chan error) {
		cmd := exec.Command(app, "--data-dir", dir)
		ownGroup(cmd)
		done := make(chan error, 1)
		if err := cmd.Start(); err != nil {
			done <- err
			return cmd, done
		}
		go func() { done <- cmd.Wait() }()
		return cmd, done
	}
	a, aDone := start()
	b, bDone := start()
	stop := func(c *exec.Cmd, done chan error) {
		if c.Process != nil {
			stopGroup(c, false)
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				stopGroup(c, true)
				<-done
			}
		}
	}
	var exited error
	var winner *exec.Cmd
	var winnerDone chan error
	select {
	case exited = <-aDone:
		winner, winnerDone = b, bDone
	case exited = <-bDone:
		winner, winnerDone = a, aDone
	case <-time.After(20 * time.Second):
		stop(a, aDone)
		stop(b, bDone)
		return false, "both copies were still running after 20 s"
	}
	// Give a wrongly started second copy time to show itself.
	select {
	case <-winnerDone:
		return false, "both copies stopped; neither owns the folder"
	case <-time.After(1500 * time.Millisecond):
	}
	defer stop(winner, winnerDone)
	var status *exec.ExitError
	if !errors.As(exited, &status) || status.ExitCode() != 3 {
		return false, fmt.Sprintf("the copy that stopped ended with %v, not status 3", exited)
	}
	return true, ""
}
