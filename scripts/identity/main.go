// Command identity stamps Goldseam's identity and version into the files each platform's
// packaging reads, because Wails fills its templates from wails.json alone and wails.json
// cannot know the git tag.
//
//	identity -version V windows|apple|debian   print that platform's form of version V
//	identity -version V [-sign CMD] [-date D] write   render build/**/*.tmpl beside themselves
//
// write renders every *.tmpl under build/ to the same path without .tmpl (those outputs
// are not committed): the Windows version resources and manifest that Wails compiles into
// the .exe, the NSIS defines of the installer, the macOS Info.plist and the Linux AppStream
// metainfo (what software centres show, with the release). With -sign, the
// NSIS defines also name the command that signs the .exe, the uninstaller and the
// installer as makensis writes them. -date (YYYY-MM-DD; default today, UTC) is the release
// date the Linux AppStream metainfo gives this version: the Makefile passes the commit's.
//
// V is what `git describe --tags --always --dirty` prints; see buildinfo.ParseVersion for
// how it becomes numbers.
package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/goldseam/goldseam/internal/buildinfo"
)

func main() {
	version := flag.String("version", "", "the version from `git describe --tags --always --dirty`")
	sign := flag.String("sign", "", "the command that signs a Windows executable in place, given its path (write only)")
	date := flag.String("date", "", "the release `YYYY-MM-DD` for the Linux metainfo (write only; default today, UTC)")
	root := flag.String("build", "build", "the Wails build folder holding the *.tmpl files")
	flag.Parse()
	if err := run(*version, *sign, *date, *root, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "identity:", err)
		os.Exit(1)
	}
}

func run(version, sign, date, root string, args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("want one of windows, apple, debian, write; got %q", args)
	}
	d, err := newData(version, sign)
	if err != nil {
		return err
	}
	if date == "" {
		date = time.Now().UTC().Format(time.DateOnly)
	}
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		return fmt.Errorf("-date %q is not YYYY-MM-DD", date)
	}
	d.Date = date
	switch args[0] {
	case "windows":
		fmt.Println(d.Windows)
	case "apple":
		fmt.Println(d.Apple)
	case "debian":
		fmt.Println(d.Debian)
	case "write":
		written, err := writeAll(root, d)
		for _, w := range written {
			fmt.Println("wrote", w)
		}
		return err
	default:
		return fmt.Errorf("unknown action %q", args[0])
	}
	return nil
}

// data is what the templates see.
type data struct {
	Name, Publisher, Description, Copyright, BundleID string
	Version                                           string // as git describes it: shown to people
	Windows, Apple, Debian                            string // the numeric forms
	Sign                                              string // the signing command, or empty
	Date                                              string // the release date, YYYY-MM-DD
}

func newData(version, sign string) (data, error) {
	r, err := buildinfo.ParseVersion(version)
	if err != nil {
		return data{}, err
	}
	return data{
		Name: buildinfo.Name, Publisher: buildinfo.Publisher, Description: buildinfo.Description,
		Copyright: buildinfo.Copyright, BundleID: buildinfo.BundleID,
		Version: version, Windows: r.Windows(), Apple: r.Apple(), Debian: r.Debian(),
		Sign: sign,
	}, nil
}

// funcs escape a value for the file it lands in: a template never pastes raw text.
var funcs = template.FuncMap{
	"json": func(s string) (string, error) {
		b, err := json.Marshal(s)
		return string(b), err
	},
	"xml": func(s string) (string, error) {
		var b bytes.Buffer
		err := xml.EscapeText(&b, []byte(s))
		return b.String(), err
	},
	// NSIS reads $ as the start of a variable; a quote would need escapes that differ
	// between a define and the command it is pasted into, so none is allowed.
	"nsis": func(s string) (string, error) {
		if strings.ContainsAny(s, "\"\n") {
			return "", fmt.Errorf("%q: an NSIS value here cannot hold a quote or a new line", s)
		}
		return `"` + strings.ReplaceAll(s, `$`, `$$`) + `"`, nil
	},
}

// writeAll renders every *.tmpl under root; it returns the files it wrote.
func writeAll(root string, d data) ([]string, error) {
	var written []string
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".tmpl") {
			return err
		}
		out := strings.TrimSuffix(path, ".tmpl")
		if err := render(path, out, d); err != nil {
			return err
		}
		written = append(written, out)
		return nil
	})
	return written, err
}

func render(src, dst string, d data) error {
	text, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	t, err := template.New(filepath.Base(src)).Funcs(funcs).Option("missingkey=error").Parse(string(text))
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return err
	}
	return os.WriteFile(dst, b.Bytes(), 0o644)
}
