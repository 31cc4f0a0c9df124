//go:build !e2e

package main

import (
	"fmt"
	"os"

	"golang.org/x/term"

	"github.com/goldseam/goldseam/internal/cli"
)

// runCommand runs a command-line command (init, backup ...) instead of opening the window.
// Commands that touch the data folder take its lock first, exactly as the window does.
func runCommand(f flags) int {
	env := cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Prompt: terminalPrompt(),
		StdoutIsTerminal: term.IsTerminal(int(os.Stdout.Fd()))}
	// Read and refuse what can be refused before the data folder is made or locked: then
	// nothing is.
	cmd, status := cli.Parse(f.args, env)
	if cmd == nil {
		return status
	}
	cmd.Person = f.person
	dataDir := ""
	if cmd.OnData {
		dir, release, status := holdDataFolder(f.dataDir, commandFolderWords)
		if status != 0 {
			return status
		}
		defer release()
		dataDir = dir
	}
	return cmd.Run(dataDir, env)
}

// commandFolderWords are what the command line says when it cannot hold the data folder.
var commandFolderWords = folderWords{
	noPlace: "goldseam: could not find a place for the data:",
	inUse:   "goldseam: Goldseam is open with this data folder (%s). Close it first.\n",
	failed:  "goldseam: could not open the data folder:",
}

// terminalPrompt asks for a passphrase without echoing it, when there is a terminal.
func terminalPrompt() func(string) (string, error) {
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return nil
	}
	return func(prompt string) (string, error) {
		fmt.Fprint(os.Stderr, prompt)
		b, err := term.ReadPassword(fd)
		fmt.Fprintln(os.Stderr)
		// The string handed on cannot be cleared; the bytes read can.
		defer clear(b)
		return string(b), err
	}
}
