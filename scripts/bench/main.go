// Command bench measures Goldseam and prints one line per figure,
//
//	BENCH <name> <value> <unit>
//
// then writes docs/benchmarks.md with the goals, what each figure is compared to, the
// machine and the date. `make bench` runs it under Xvfb after building the app and the
// empty Wails app it is compared with. Every figure comes from really running the thing
// it names; nothing here is estimated.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

// figure is one measured number.
type figure struct {
	Name    string
	Value   float64
	Unit    string
	Goal    string // empty when the figure has no goal of its own
	Against string // what it is compared to
	How     string // how it was produced
}

// suite is a group of figures measured together.
type suite struct {
	name string
	run  func(cfg config) ([]figure, error)
}

type config struct {
	app, empty, winprobe  string
	windowsInstaller, deb string
	runs                  int
}

var suites = []suite{
	{"startup", startupSuite},
	{"binary", binarySuite},
	{"vault", vaultSuite},
	{"rotate", rotateSuite},
	{"journal", journalSuite},
	{"autosave", autosaveSuite},
	{"backup", backupSuite},
	{"import", importSuite},
	{"lock_during_export", lockDuringExportSuite},
	{"sync", syncSuite},
	{"installers", installersSuite},
}

func main() {
	var cfg config
	flag.StringVar(&cfg.app, "app", "build/bin/goldseam", "the built Goldseam")
	flag.StringVar(&cfg.empty, "empty", "build/bench/empty/build/bin/empty", "the built empty Wails app")
	flag.StringVar(&cfg.winprobe, "winprobe", "build/tools/winprobe", "the window probe")
	flag.StringVar(&cfg.windowsInstaller, "windows-installer", "", "the built Windows installer (installers suite)")
	flag.StringVar(&cfg.deb, "deb", "", "the built .deb (installers suite)")
	flag.IntVar(&cfg.runs, "runs", 5, "runs per startup measurement (the median is reported)")
	out := flag.String("out", "docs/benchmarks.md", "write the report here")
	only := flag.String("only", "", "run only the suite `NAME` and write no report")
	flag.Parse()

	var all []figure
	failed := false
	for _, s := range suites {
		if *only != "" && s.name != *only {
			continue
		}
		figs, err := s.run(cfg)
		if err != nil {
			fmt.Fprintf(os.Stderr, "bench %s: %v\n", s.name, err)
			failed = true
			continue
		}
		for _, f := range figs {
			fmt.Printf("BENCH %s %s %s\n", f.Name, format(f.Value), f.Unit)
		}
		all = append(all, figs...)
	}
	if *only != "" {
		if failed {
			os.Exit(1)
		}
		return
	}
	if err := writeReport(*out, all, time.Now()); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		failed = true
	}
	if failed {
		os.Exit(1)
	}
}

func format(v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.2f", v)
	}
}
