package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/goldseam/goldseam/internal/cli"
)

// Exit statuses besides 0 (success) and 1 (failure).
const (
	exitFailure = 1
	exitUsage   = 2 // the command line was wrong
	exitInUse   = 3 // another Goldseam owns the data folder
)

// flags are the command-line options shared by the desktop app and the test server.
type flags struct {
	dataDir     string
	person      string // --vault: whose data file a command works on
	showVersion bool
	args        []string // what follows the options
}

// errHelp is returned when the person asked for --help; the usage has been printed.
var errHelp = flag.ErrHelp

func parseFlags(name string, argv []string, out io.Writer) (flags, error) {
	var f flags
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&f.dataDir, "data-dir", "", "use `DIR` as the data folder (default: the per-user data folder; also GOLDSEAM_DATA_DIR)")
	fs.StringVar(&f.person, "vault", "", "the person whose data a command is for, by `NAME` or number, when more than one uses the data folder (goldseam people lists them)")
	fs.BoolVar(&f.showVersion, "version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: %s [--data-dir DIR] [--vault NAME] [--version] [command]\n\nGoldseam keeps everything it stores in one data folder on this computer.\nWithout a command it opens its window.\n\nOptions:\n", name)
		fs.PrintDefaults()
		fmt.Fprint(out, "\n"+cli.UsageText)
	}
	if err := fs.Parse(argv); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return f, errHelp
		}
		return f, err
	}
	f.args = fs.Args()
	return f, nil
}
