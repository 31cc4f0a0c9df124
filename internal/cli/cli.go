// Package cli owns Goldseam's command line: making a vault and exporting, checking and
// restoring backups from a terminal or a script, with the same services the window uses.
// Passphrases come from the terminal, or for scripts from the files named by
// GOLDSEAM_PASSPHRASE_FILE and GOLDSEAM_BACKUP_PASSPHRASE_FILE; never from the command line,
// where other users of the computer could read them.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/people"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Exit statuses.
const (
	OK      = 0
	Failed  = 1
	Usage   = 2
	InUse   = 3 // reported by the caller, which holds the data folder's lock
	envPass = "GOLDSEAM_PASSPHRASE_FILE"
	envBack = "GOLDSEAM_BACKUP_PASSPHRASE_FILE"
)

// Env is what a command may use of the world around it.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	// Prompt asks for a secret on the terminal without echoing it; nil when there is none.
	Prompt func(prompt string) (string, error)
	// StdoutIsTerminal is set when Stdout is a terminal, the one place the recovery key may
	// be printed: anything else (a file, a pipe, a log) would keep it where no one meant to.
	StdoutIsTerminal bool
}

// Usage is the help text for the commands.
const UsageText = `Commands:
  goldseam [--data-dir DIR] init [--recovery-kit FILE] make a new vault; its recovery key
                                                       is shown on the terminal, or written
                                                       to FILE (a new file, yours only)
  goldseam [--data-dir DIR] backup export FILE         write an encrypted backup to FILE
  goldseam backup verify FILE                          check that FILE is a whole backup
  goldseam [--data-dir DIR] backup restore FILE --merge|--replace
                                                       restore from FILE
  goldseam [--data-dir DIR] people                     list who uses Goldseam in the data
                                                       folder, with the number of each
  goldseam --version                                   print the version

When more than one person uses Goldseam in the data folder, say whose data a command is
for with --vault NAME (the name they show) or --vault NUMBER (from goldseam people):
  goldseam --vault Sam backup export FILE

Passphrases are asked for on the terminal. For scripts, put them in files and name them in
GOLDSEAM_PASSPHRASE_FILE (the vault) and GOLDSEAM_BACKUP_PASSPHRASE_FILE (the backup).
`

// Command is one command line Goldseam understands, read but not yet run.
type Command struct {
	// OnData is set when the command works on the data folder, and so needs its lock;
	// verifying a backup does not.
	OnData bool
	// Person names whose data file in the data folder the command works on (--vault: the
	// name they show, or their number in goldseam people); "" when not named, which is
	// refused in a data folder more than one person uses.
	Person string
	run    func(dir string, env Env) error
	// wholeFolder is set for a command about the whole data folder (people), which is
	// handed the data folder itself rather than one person's place in it.
	wholeFolder bool
}

// Parse reads args as a command. What it cannot run it refuses here, before anything is
// made or locked: a command line it does not understand gets the usage text and status
// Usage; a command that could not run safely (see Refusal) gets its reason and Failed.
// Either way it returns nil and the status, having said why on env.Stderr.
func Parse(args []string, env Env) (*Command, int) {
	if err := Refusal(args, env); err != nil {
		return nil, fail(env, err)
	}
	if len(args) == 1 && args[0] == "people" {
		return &Command{OnData: true, wholeFolder: true, run: listPeople}, OK
	}
	if kit, ok := initArgs(args); ok {
		return &Command{OnData: true, run: func(dir string, env Env) error { return initVault(dir, kit, env) }}, OK
	}
	switch {
	case len(args) == 3 && args[0] == "backup" && args[1] == "export":
		return &Command{OnData: true, run: func(dir string, env Env) error { return export(dir, args[2], env) }}, OK
	case len(args) == 3 && args[0] == "backup" && args[1] == "verify":
		return &Command{run: func(_ string, env Env) error { return verify(args[2], env) }}, OK
	case len(args) == 4 && args[0] == "backup" && args[1] == "restore" && (args[3] == "--merge" || args[3] == "--replace"):
		mode := strings.TrimPrefix(args[3], "--")
		return &Command{OnData: true, run: func(dir string, env Env) error { return restore(dir, args[2], mode, env) }}, OK
	}
	fmt.Fprintf(env.Stderr, "goldseam: I do not know the command %q.\n\n%s", strings.Join(args, " "), UsageText)
	return nil, Usage
}

// Run runs c on the data folder dataDir (held by the caller when c.OnData) and returns the
// exit status.
func (c *Command) Run(dataDir string, env Env) int {
	dir := dataDir
	if c.OnData && !c.wholeFolder {
		place, err := whose(dataDir, c.Person)
		if err != nil {
			return fail(env, err)
		}
		dir = place.Dir
	}
	if err := c.run(dir, env); err != nil {
		return fail(env, err)
	}
	return OK
}

// Run parses args and runs the command on dataDir: Parse and Command.Run in one, for callers
// that hold the data folder already.
func Run(args []string, dataDir string, env Env) int {
	c, status := Parse(args, env)
	if c == nil {
		return status
	}
	return c.Run(dataDir, env)
}

// fail says err on env.Stderr and returns the status of a command that failed.
func fail(env Env, err error) int {
	fmt.Fprintln(env.Stderr, "goldseam:", message(err))
	return Failed
}

// message is what a person reads for err: the sentence a coded error carries, or the error.
func message(err error) string {
	var coded *apperr.Error
	if errors.As(err, &coded) {
		return apperr.MessageOf(err)
	}
	return err.Error()
}

// secret reads a passphrase from the file named in the environment variable, else asks on
// the terminal (twice, when confirm is set, to catch a typo in a new one).
func secret(env Env, variable, prompt string, confirm bool) (string, error) {
	if path := env.Getenv(variable); path != "" {
		return readSecretFile(variable, path)
	}
	if env.Prompt == nil {
		return "", fmt.Errorf("there is no terminal to ask for the passphrase; name a file holding it in %s", variable)
	}
	first, err := env.Prompt(prompt + ": ")
	if err != nil {
		return "", err
	}
	if confirm {
		again, err := env.Prompt("Type it again: ")
		if err != nil {
			return "", err
		}
		if again != first {
			return "", errors.New("the two passphrases differ; nothing was changed")
		}
	}
	return first, nil
}

// services opens the data file the way the app does, with the vault and backup services.
type services struct {
	db     *store.DB
	vault  *api.Vault
	backup *api.BackupFiles
}

func open(dataDir string) (*services, error) {
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("make the data folder: %w", err)
	}
	path := filepath.Join(dataDir, store.FileName)
	db, err := store.Open(context.Background(), path)
	if err != nil {
		// The vault service words every reason a data file cannot be used.
		st, _ := api.NewVault(noWindow{}, path, nil, err, nil).Status()
		return nil, errors.New(firstNonEmpty(st.Problem, err.Error()))
	}
	s := session.New(db, nil)
	return &services{db: db, vault: api.NewVault(noWindow{}, path, db, nil, s), backup: api.NewBackupFiles(noWindow{}, db, s)}, nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (s *services) close() {
	s.vault.Lock()
	s.db.Close()
}

func (s *services) unlock(env Env) error {
	st, err := s.vault.Status()
	if err != nil {
		return err
	}
	if st.State == "new" {
		return errors.New("there is no vault in this data folder yet; make one with: goldseam init")
	}
	pass, err := secret(env, envPass, "Goldseam passphrase", false)
	if err != nil {
		return err
	}
	return s.vault.Unlock(pass)
}

// withBackup opens the data folder, unlocks it with the vault passphrase, asks for the
// backup passphrase (twice when it is a new one) and hands both to fn.
func withBackup(dataDir string, env Env, newPassphrase bool, fn func(b *api.BackupFiles, passphrase string) error) error {
	s, err := open(dataDir)
	if err != nil {
		return err
	}
	defer s.close()
	if err := s.unlock(env); err != nil {
		return err
	}
	read := func() (string, error) { return secret(env, envBack, "Backup passphrase", false) }
	if newPassphrase {
		read = func() (string, error) { return newSecret(env, envBack, "Choose a passphrase for this backup") }
	}
	pass, err := read()
	if err != nil {
		return err
	}
	return fn(s.backup, pass)
}

func export(dataDir, file string, env Env) error {
	abs, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	return withBackup(dataDir, env, true, func(b *api.BackupFiles, pass string) error {
		c, err := b.ExportTo(abs, pass)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Saved and checked: %s (%d journal entries, %d program records, %d shared records, %d changes to what you share, %d bytes).\n",
			c.Path, c.Entries, c.Progress, c.Shared, c.SharedChanges, c.Bytes)
		return nil
	})
}

func verify(file string, env Env) error {
	pass, err := secret(env, envBack, "Backup passphrase", false)
	if err != nil {
		return err
	}
	c, err := api.NewBackupFiles(noWindow{}, nil, nil).Verify(file, pass)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "The backup is whole: made %s by Goldseam %s; %d journal entries, profile: %v, %d program records, %d shared records, %d changes to what you share.\n",
		c.CreatedAt, c.AppVersion, c.Entries, c.Profile, c.Progress, c.Shared, c.SharedChanges)
	return nil
}

func restore(dataDir, file, mode string, env Env) error {
	return withBackup(dataDir, env, false, func(b *api.BackupFiles, pass string) error {
		r, err := b.Restore(file, pass, mode)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Restored (%s): %d journal entries added, %d updated, %d program records and %d shared records changed, %d changes to what you share added.\n",
			mode, r.EntriesAdded, r.EntriesUpdated, r.ProgressChanged, r.SharedChanged, r.SharedChangesAdded)
		return nil
	})
}

// whose is the place of the person named (Command.Person) in dataDir. Unnamed, it is the
// only person's, or a refusal that says how to choose when more than one uses the folder.
func whose(dataDir, person string) (people.Place, error) {
	if person != "" {
		return people.Find(dataDir, person)
	}
	places, err := people.List(dataDir)
	if err != nil {
		return people.Place{}, err
	}
	if len(places) > 1 {
		return people.Place{}, errors.New("more than one person uses Goldseam in this data folder; " +
			"say whose data this is for with --vault NAME or --vault NUMBER (goldseam people lists them). Nothing was done")
	}
	return places[0], nil
}

// listPeople prints each person's number and shown name, for --vault.
func listPeople(dataDir string, env Env) error {
	places, err := people.List(dataDir)
	if err != nil {
		return err
	}
	for _, p := range places {
		name := p.ShownName()
		if name == "" {
			name = "(name not shown)"
		}
		if exists, err := vault.ExistsAt(context.Background(), p.DataFile()); err != nil || !exists {
			name += ", not set up yet"
		}
		fmt.Fprintf(env.Stdout, "%s  %s\n", p.ID, name)
	}
	return nil
}
