package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/privatefile"
)

// initArgs recognises "init" and "init --recovery-kit FILE" (or --recovery-kit=FILE); kit is
// the file named, or "" for the terminal.
func initArgs(args []string) (kit string, ok bool) {
	switch {
	case len(args) == 1 && args[0] == "init":
		return "", true
	case len(args) == 3 && args[0] == "init" && args[1] == "--recovery-kit" && args[2] != "":
		return args[2], true
	case len(args) == 2 && args[0] == "init" && strings.HasPrefix(args[1], "--recovery-kit=") && len(args[1]) > len("--recovery-kit="):
		return strings.TrimPrefix(args[1], "--recovery-kit="), true
	}
	return "", false
}

// Refusal says why args cannot run, for the reasons known before the data folder is touched,
// so that the caller can refuse before it even takes the folder's lock. Today that is an init
// whose recovery key would have nowhere safe to go.
func Refusal(args []string, env Env) error {
	if kit, ok := initArgs(args); ok && kit == "" && !env.StdoutIsTerminal {
		return errors.New("the recovery key is shown only on a terminal, and the output here is not one; " +
			"name a new file for it instead: goldseam init --recovery-kit FILE. Nothing was set up")
	}
	return nil
}

// initVault makes a new vault and hands its recovery key to the terminal or to the new file
// kitPath. Everything that can be refused (where the key goes, the passphrase) is checked
// before the vault is made.
func initVault(dataDir, kitPath string, env Env) error {
	var kitFile *privatefile.Pending
	if kitPath != "" {
		abs, err := filepath.Abs(kitPath)
		if err != nil {
			return err
		}
		if kitFile, err = privatefile.Prepare(abs); err != nil {
			if errors.Is(err, privatefile.ErrExists) {
				return fmt.Errorf("%s is already there; name a new file for the recovery kit. Nothing was set up", abs)
			}
			return fmt.Errorf("the recovery kit cannot be saved there (%w). Nothing was set up", err)
		}
		defer kitFile.Abort()
		kitPath = abs
	}
	pass, err := newSecret(env, envPass, "Choose a passphrase for Goldseam")
	if err != nil {
		return err
	}
	s, err := open(dataDir)
	if err != nil {
		return err
	}
	defer s.close()
	kit, err := s.vault.Create(pass)
	if err != nil {
		return err
	}
	if kitFile == nil {
		fmt.Fprintf(env.Stdout, "Goldseam is set up in %s.\n\n", dataDir)
		writeKit(env.Stdout, kit)
		fmt.Fprint(env.Stdout, "\nOpen Goldseam to confirm your recovery kit.\n")
		return nil
	}
	var text strings.Builder
	writeKit(&text, kit)
	if err := kitFile.Commit([]byte(text.String())); err != nil {
		return fmt.Errorf("Goldseam is set up, but the recovery kit could not be saved (%w); open Goldseam and make a new recovery kit in Settings", err)
	}
	fmt.Fprintf(env.Stdout, "Goldseam is set up in %s.\nYour recovery kit is in %s, readable by you only: print it or copy the key somewhere safe, then delete the file.\nOpen Goldseam to confirm your recovery kit.\n", dataDir, kitPath)
	return nil
}

// writeKit is the recovery key with what it is for.
func writeKit(w io.Writer, kit api.RecoveryKitView) {
	fmt.Fprintf(w, "Goldseam recovery kit %s, made %s\n\nYour recovery key (keep it on paper, somewhere safe; it opens Goldseam if you forget your passphrase, and anyone who has it and your data file can read what you wrote):\n\n    %s\n",
		kit.KitID, kit.CreatedAt, strings.Join(kit.Groups, "-"))
}
