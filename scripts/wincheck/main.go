// Command wincheck checks what `make dist-windows` built, as Windows would show it:
//
//	wincheck -version V [-ca CA.pem] PROGRAM.exe INSTALLER.exe
//
// For the program and the installer: the Authenticode signature verifies (against CA.pem
// when given: the throwaway test CA; otherwise against the system's trust), and the version
// resources name Goldseam, its publisher and version V (FileVersion and the fixed version
// as the four numbers buildinfo derives from V). It then unpacks the installer (7-Zip reads
// NSIS) and checks that what it would install is that same signed program and that its
// uninstaller is signed too. It prints one line per check and exits 1 on any failure.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"

	"github.com/goldseam/goldseam/internal/buildinfo"
)

func main() {
	ver := flag.String("version", "", "the version the files must carry (git describe)")
	ca := flag.String("ca", "", "trust this CA `file` (PEM) when verifying signatures")
	flag.Parse()
	if flag.NArg() != 2 || *ver == "" {
		fmt.Fprintln(os.Stderr, "usage: wincheck -version V [-ca CA.pem] PROGRAM.exe INSTALLER.exe")
		os.Exit(2)
	}
	if err := run(*ver, *ca, flag.Arg(0), flag.Arg(1)); err != nil {
		fmt.Fprintln(os.Stderr, "FAIL:", err)
		os.Exit(1)
	}
}

func run(ver, ca, program, installer string) error {
	r, err := buildinfo.ParseVersion(ver)
	if err != nil {
		return err
	}
	want := Want{Version: ver, Number: r.Windows()}
	var errs []error
	check := func(what string, err error) {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", what, err))
			return
		}
		fmt.Println("ok:", what)
	}
	check(program+" is signed", VerifySignature(program, ca))
	check(program+" names Goldseam "+ver, CheckVersion(program, want, buildinfo.Name))
	check(installer+" is signed", VerifySignature(installer, ca))
	check(installer+" names Goldseam "+ver, CheckVersion(installer, want, buildinfo.Name+" Installer"))

	dir, err := os.MkdirTemp("", "wincheck")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if out, err := exec.Command("7zz", "x", "-y", "-o"+dir, installer).CombinedOutput(); err != nil {
		return errors.Join(append(errs, fmt.Errorf("unpack %s: %v\n%s", installer, err, out))...)
	}
	packed := filepath.Join(dir, "Goldseam.exe")
	check("the installer packs "+program+" as Goldseam.exe", sameFile(packed, program))
	check("the installer's uninstaller is signed", VerifySignature(filepath.Join(dir, "uninstall.exe"), ca))
	return errors.Join(errs...)
}

// VerifySignature asks osslsigncode whether file's Authenticode signature is intact and
// chains to a trusted certificate (ca, when given).
func VerifySignature(file, ca string) error {
	args := []string{"verify", "-in", file}
	if ca != "" {
		args = append(args, "-CAfile", ca)
	}
	out, err := exec.Command("osslsigncode", args...).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("Signature verification: ok")) {
		return fmt.Errorf("osslsigncode verify: %v\n%s", err, lastLines(out, 6))
	}
	return nil
}

// Want is the version a file must carry.
type Want struct {
	Version string // ProductVersion, as git describes it
	Number  string // FileVersion and the fixed versions: four numbers
}

// CheckVersion reads file's version resource (what Properties > Details shows) and
// compares it with want and the app's identity.
func CheckVersion(file string, want Want, description string) error {
	vi, err := ReadVersion(file)
	if err != nil {
		return err
	}
	var problems []string
	fixed := func(name string, v [4]uint16) {
		if got := fmt.Sprintf("%d.%d.%d.%d", v[0], v[1], v[2], v[3]); got != want.Number {
			problems = append(problems, fmt.Sprintf("fixed %s is %s, want %s", name, got, want.Number))
		}
	}
	fixed("FileVersion", vi.FileVersion)
	fixed("ProductVersion", vi.ProductVersion)
	// Windows shows whichever language's strings suit it, so every table must be right.
	tables := vi.Table()
	if len(tables) == 0 {
		problems = append(problems, "no string table")
	}
	for lang, table := range tables {
		for key, value := range map[string]string{
			version.ProductName:     buildinfo.Name,
			version.ProductVersion:  want.Version,
			version.FileVersion:     want.Number,
			version.CompanyName:     buildinfo.Publisher,
			version.FileDescription: description,
			version.LegalCopyright:  buildinfo.Copyright,
		} {
			if got := (*table)[key]; got != value {
				problems = append(problems, fmt.Sprintf("%s (language %04x) is %q, want %q", key, lang, got, value))
			}
		}
	}
	sort.Strings(problems)
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

// ReadVersion returns the first version resource of a PE file.
func ReadVersion(file string) (*version.Info, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rs, err := winres.LoadFromEXESingleType(f, winres.RT_VERSION)
	if err != nil {
		return nil, fmt.Errorf("read resources: %w", err)
	}
	var data []byte
	rs.WalkType(winres.RT_VERSION, func(_ winres.Identifier, _ uint16, d []byte) bool {
		data = d
		return false
	})
	if data == nil {
		return nil, errors.New("no version resource")
	}
	return version.FromBytes(data)
}

func sameFile(a, b string) error {
	x, err := os.ReadFile(a)
	if err != nil {
		return err
	}
	y, err := os.ReadFile(b)
	if err != nil {
		return err
	}
	if !bytes.Equal(x, y) {
		return fmt.Errorf("%s differs from %s", a, b)
	}
	return nil
}

func lastLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
