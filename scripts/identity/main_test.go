package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"

	"github.com/goldseam/goldseam/internal/buildinfo"
)

const repo = "../.."

// Every file that names the app says what buildinfo says, so Add/Remove Programs, the
// package manager, the menu and the About page never disagree.
func TestEveryInstallerFileNamesTheSameApp(t *testing.T) {
	var wails struct {
		Name           string `json:"name"`
		OutputFilename string `json:"outputfilename"`
		Info           struct {
			CompanyName, ProductName, Copyright, Comments string
		} `json:"info"`
	}
	readJSON(t, "wails.json", &wails)
	same(t, "wails.json name", wails.Name, buildinfo.Name)
	same(t, "wails.json outputfilename", wails.OutputFilename, "goldseam")
	same(t, "wails.json info.companyName", wails.Info.CompanyName, buildinfo.Publisher)
	same(t, "wails.json info.productName", wails.Info.ProductName, buildinfo.Name)
	same(t, "wails.json info.copyright", wails.Info.Copyright, buildinfo.Copyright)
	same(t, "wails.json info.comments", wails.Info.Comments, buildinfo.Description)

	entry := desktopEntry(t, "build/linux/goldseam.desktop")
	same(t, "desktop entry Name", entry["Name"], buildinfo.Name)
	same(t, "desktop entry Comment", entry["Comment"], buildinfo.Description)
	same(t, "desktop entry Exec", entry["Exec"], "goldseam")
	same(t, "desktop entry Icon", entry["Icon"], "goldseam")
	// The window's WM_CLASS is main.go's linux.Options.ProgramName; docks match on it.
	same(t, "desktop entry StartupWMClass", entry["StartupWMClass"], "goldseam")

	nfpm, err := topLevelYAML(string(read(t, repo, "build/linux/nfpm.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	same(t, "nfpm.yaml name", nfpm["name"], "goldseam")
	same(t, "nfpm.yaml vendor", nfpm["vendor"], buildinfo.Publisher)
	same(t, "nfpm.yaml maintainer", strings.Split(nfpm["maintainer"], " <")[0], buildinfo.Publisher)
	same(t, "nfpm.yaml description's first line", strings.Split(nfpm["description"], "\n")[0], buildinfo.Description)
}

// The stamped files must be what Wails, makensis and macOS can read, with the version in
// each place.
func TestWriteStampsTheVersionIntoEveryPlatformFile(t *testing.T) {
	root := t.TempDir()
	for _, tmpl := range []string{"windows/info.json.tmpl", "windows/wails.exe.manifest.tmpl", "windows/installer/identity.nsh.tmpl", "darwin/Info.plist.tmpl", metainfo + ".tmpl"} {
		data, err := os.ReadFile(filepath.Join(repo, "build", tmpl))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(root, tmpl)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, tmpl), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := newData("v1.2.3-4-gabc1234", "/path/to/sign.sh")
	if err != nil {
		t.Fatal(err)
	}
	d.Date = "2026-12-01"
	written, err := writeAll(root, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 5 {
		t.Fatalf("wrote %v, want 5 files", written)
	}

	var vi version.Info
	if err := vi.UnmarshalJSON(read(t, root, "windows/info.json")); err != nil {
		t.Fatalf("info.json: %v", err)
	}
	if vi.FileVersion != [4]uint16{1, 2, 3, 4} || vi.ProductVersion != [4]uint16{1, 2, 3, 4} {
		t.Errorf("info.json fixed versions %v %v, want 1.2.3.4", vi.FileVersion, vi.ProductVersion)
	}
	for _, table := range vi.Table() {
		same(t, "info.json ProductVersion", (*table)[version.ProductVersion], "v1.2.3-4-gabc1234")
		same(t, "info.json CompanyName", (*table)[version.CompanyName], buildinfo.Publisher)
	}
	if _, err := winres.AppManifestFromXML(read(t, root, "windows/wails.exe.manifest")); err != nil {
		t.Errorf("wails.exe.manifest: %v", err)
	}
	if !bytes.Contains(read(t, root, "windows/wails.exe.manifest"), []byte(`version="1.2.3.4"`)) {
		t.Error("the manifest does not carry version 1.2.3.4")
	}
	plist := read(t, root, "darwin/Info.plist")
	if err := xml.Unmarshal(plist, new(struct{})); err != nil {
		t.Errorf("Info.plist is not XML: %v", err)
	}
	if !bytes.Contains(plist, []byte("<key>CFBundleShortVersionString</key>\n        <string>1.2.3</string>")) {
		t.Errorf("Info.plist does not carry version 1.2.3:\n%s", plist)
	}
	checkMetainfo(t, read(t, root, metainfo))
	nsh := string(read(t, root, "windows/installer/identity.nsh"))
	for _, line := range []string{`!define GOLDSEAM_VERSION_NUMBER "1.2.3.4"`, `!define INFO_PRODUCTVERSION "v1.2.3-4-gabc1234"`, `!define GOLDSEAM_SIGN "/path/to/sign.sh"`} {
		if !strings.Contains(nsh, line) {
			t.Errorf("identity.nsh lacks %s:\n%s", line, nsh)
		}
	}
}

// metainfo is the AppStream file software centres read (rendered beside its template).
const metainfo = "linux/app.goldseam.Goldseam.metainfo.xml"

// checkMetainfo: the software centre names the same app as everything else, opens the
// desktop entry the package installs, and lists this build's Debian version (what apt and
// rpm show) with its date. appstreamcli validates the rest in make test-lint.
func checkMetainfo(t *testing.T, data []byte) {
	t.Helper()
	var m struct {
		ID            string `xml:"id"`
		Name          string `xml:"name"`
		DeveloperName string `xml:"developer_name"`
		Launchable    string `xml:"launchable"`
		Releases      []struct {
			Version string `xml:"version,attr"`
			Date    string `xml:"date,attr"`
		} `xml:"releases>release"`
	}
	if err := xml.Unmarshal(data, &m); err != nil {
		t.Fatalf("metainfo is not XML: %v", err)
	}
	same(t, "metainfo id", m.ID, buildinfo.BundleID)
	same(t, "metainfo name", m.Name, buildinfo.Name)
	same(t, "metainfo developer_name", m.DeveloperName, buildinfo.Publisher)
	same(t, "metainfo launchable", m.Launchable, "goldseam.desktop")
	if _, err := os.Stat(filepath.Join(repo, "build/linux", m.Launchable)); err != nil {
		t.Errorf("the metainfo launches %s, which build/linux does not have: %v", m.Launchable, err)
	}
	if len(m.Releases) != 1 || m.Releases[0].Version != "1.2.3+git4.gabc1234" || m.Releases[0].Date != "2026-12-01" {
		t.Errorf("metainfo releases are %+v, want one: 1.2.3+git4.gabc1234 of 2026-12-01", m.Releases)
	}
}

func TestWriteRefusesAVersionItCannotNumber(t *testing.T) {
	if _, err := newData("dev", ""); err == nil {
		t.Error(`"dev" was accepted as an installer's version`)
	}
}

// Uninstalling Goldseam on Windows must never delete the data folder. The uninstaller's
// section is read line by line for anything that removes it.
func TestWindowsUninstallerNeverRemovesTheDataFolder(t *testing.T) {
	nsi := string(read(t, repo, "build/windows/installer/project.nsi"))
	if bad := dataRemovals(nsi); len(bad) > 0 {
		t.Errorf("the uninstaller removes the data folder or everything in its folder:\n%s", strings.Join(bad, "\n"))
	}
	// The check itself must see what it is there to catch.
	for _, line := range []string{`RMDir /r "$APPDATA\Goldseam"`, `RMDir /r "$AppData\${INFO_PRODUCTNAME}\"`, `Delete $appdata\goldseam\goldseam.db`, `RMDir /r $INSTDIR`} {
		if bad := dataRemovals("Section \"uninstall\"\n" + line + "\nSectionEnd\n"); len(bad) != 1 {
			t.Errorf("dataRemovals missed %s", line)
		}
	}
}

var dataFolder = regexp.MustCompile(`(?i)^(rmdir|delete)\s+(/r\s+)?"?\$(appdata|localappdata)\\(goldseam|\$\{info_productname\}|\$\{info_projectname\})(\\|"|$)|(?i)^rmdir\s+/r\s+"?\$instdir"?$`)

// dataRemovals returns the lines of an NSIS script's uninstall section that would remove
// %APPDATA%\Goldseam or anything inside it, or the whole install folder recursively.
func dataRemovals(nsi string) []string {
	var bad []string
	in := false
	s := bufio.NewScanner(strings.NewReader(nsi))
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		switch {
		case strings.HasPrefix(line, `Section "uninstall"`):
			in = true
		case line == "SectionEnd":
			in = false
		case in && dataFolder.MatchString(line):
			bad = append(bad, line)
		}
	}
	return bad
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	if err := json.Unmarshal(read(t, repo, path), v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func read(t *testing.T, root, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, path))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func desktopEntry(t *testing.T, path string) map[string]string {
	t.Helper()
	entry := map[string]string{}
	for _, line := range strings.Split(string(read(t, repo, path)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			entry[k] = v
		}
	}
	return entry
}

func same(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s is %q, want %q", what, got, want)
	}
}
