// Package datadir owns where Goldseam keeps a person's data and makes sure only one
// running Goldseam uses a given data folder at a time.
//
// The folder follows each operating system's convention for per-user application data
// (see [Default]); --data-dir and GOLDSEAM_DATA_DIR override it for tests and portable use.
package datadir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// EnvVar names the environment variable that overrides the data folder.
const EnvVar = "GOLDSEAM_DATA_DIR"

// Environment is what [Default] reads from the process: kept as a value so the rules for
// every operating system can be tested on any of them.
type Environment struct {
	GOOS   string
	Getenv func(string) string
	Home   string
}

// Resolve picks the data folder: the --data-dir flag first, then GOLDSEAM_DATA_DIR, then
// the operating system's convention. The result is absolute and cleaned.
func Resolve(flagValue string, env Environment) (string, error) {
	dir := flagValue
	if dir == "" {
		dir = env.Getenv(EnvVar)
	}
	if dir == "" {
		var err error
		if dir, err = Default(env); err != nil {
			return "", err
		}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("resolve data folder %q: %w", dir, err)
	}
	return abs, nil
}

// Default is the per-user data folder by the convention of env.GOOS:
// Linux and other Unix: $XDG_DATA_HOME/goldseam, else ~/.local/share/goldseam;
// macOS: ~/Library/Application Support/Goldseam; Windows: %APPDATA%\Goldseam.
func Default(env Environment) (string, error) {
	switch env.GOOS {
	case "windows":
		if appData := env.Getenv("APPDATA"); appData != "" {
			return filepath.Join(appData, "Goldseam"), nil
		}
		if env.Home == "" {
			return "", errors.New("find data folder: neither APPDATA nor a home folder is set")
		}
		return filepath.Join(env.Home, "AppData", "Roaming", "Goldseam"), nil
	case "darwin":
		if env.Home == "" {
			return "", errors.New("find data folder: no home folder is set")
		}
		return filepath.Join(env.Home, "Library", "Application Support", "Goldseam"), nil
	default:
		// The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
		if xdg := env.Getenv("XDG_DATA_HOME"); xdg != "" && filepath.IsAbs(xdg) {
			return filepath.Join(xdg, "goldseam"), nil
		}
		if env.Home == "" {
			return "", errors.New("find data folder: neither XDG_DATA_HOME nor a home folder is set")
		}
		return filepath.Join(env.Home, ".local", "share", "goldseam"), nil
	}
}

// ProcessEnvironment describes the running process for [Resolve].
func ProcessEnvironment(goos string) Environment {
	home, _ := os.UserHomeDir()
	return Environment{GOOS: goos, Getenv: os.Getenv, Home: home}
}

// Ensure creates the data folder if needed, readable by its owner only.
func Ensure(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create data folder: %w", err)
	}
	return nil
}
