package buildinfo

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Release is a version string from `git describe --tags --always --dirty` taken apart.
// Installers need numbers where git gives words: Windows wants four numbers up to 65535,
// macOS three, Debian a string that sorts in release order.
type Release struct {
	Tagged              bool   // false when no tag is reachable: git gave only a commit hash
	Major, Minor, Patch int    // from a vMAJOR.MINOR.PATCH tag; all 0 without a tag
	Pre                 string // a pre-release suffix of the tag: "rc.1" in v1.0.0-rc.1
	Commits             int    // commits since the tag (0 on the tag itself)
	Hash                string // the abbreviated commit hash, when git gave one
	Dirty               bool   // the work tree had uncommitted changes
}

var (
	describeTagged = regexp.MustCompile(`^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.]+?))?(?:-(\d+)-g([0-9a-f]{4,40}))?$`)
	describeBare   = regexp.MustCompile(`^[0-9a-f]{4,40}$`)
)

// ParseVersion reads what `git describe --tags --always --dirty` prints:
//
//	v1.2.3                  a release
//	v1.2.3-rc.1             a pre-release tag
//	v1.2.3-4-gabc1234       4 commits after v1.2.3
//	abc1234                 no tag yet: only the commit
//	any of these + "-dirty" uncommitted changes
//
// Anything else (including "dev") is an error: an installer must not guess its version.
func ParseVersion(v string) (Release, error) {
	// "-dirty" comes last and is git's own word, so it is taken off first: it must not
	// be read as a pre-release suffix.
	rest, dirty := strings.CutSuffix(v, "-dirty")
	if describeBare.MatchString(rest) {
		return Release{Hash: rest, Dirty: dirty}, nil
	}
	m := describeTagged.FindStringSubmatch(rest)
	if m == nil {
		return Release{}, fmt.Errorf("version %q is not a git tag like v1.2.3 or a commit hash", v)
	}
	r := Release{Tagged: true, Pre: m[4], Hash: m[6], Dirty: dirty}
	var err error
	if r.Major, err = component(m[1]); err != nil {
		return Release{}, err
	}
	if r.Minor, err = component(m[2]); err != nil {
		return Release{}, err
	}
	if r.Patch, err = component(m[3]); err != nil {
		return Release{}, err
	}
	if m[5] != "" {
		// Commits past the tag only ever add up; a Windows field holds at most 65535.
		r.Commits, _ = strconv.Atoi(m[5])
		r.Commits = min(r.Commits, 65535)
	}
	return r, nil
}

// component is one of the three numbers of a tag, which Windows caps at 65535.
func component(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n > 65535 {
		return 0, fmt.Errorf("version number %s is larger than 65535, which Windows cannot show", s)
	}
	return n, nil
}

// Windows is the four-number version of the Windows version resources and installer:
// MAJOR.MINOR.PATCH.COMMITS, so every build after a tag has a higher number than the
// tag's; an untagged build is 0.0.0.0. A pre-release shares its release's numbers.
func (r Release) Windows() string {
	return fmt.Sprintf("%d.%d.%d.%d", r.Major, r.Minor, r.Patch, r.Commits)
}

// Apple is the three-number version macOS wants in CFBundleShortVersionString and
// CFBundleVersion.
func (r Release) Apple() string {
	return fmt.Sprintf("%d.%d.%d", r.Major, r.Minor, r.Patch)
}

// Debian is the package version, chosen so that dpkg orders builds as they were made:
//
//	v1.2.3 -> 1.2.3    v1.2.3-rc.1 -> 1.2.3~rc.1 (before 1.2.3)
//	v1.2.3-4-gabc -> 1.2.3+git4.gabc (after 1.2.3, before 1.2.4)
//	abc1234 -> 0.0.0+gabc1234        a dirty tree adds ".dirty"
func (r Release) Debian() string {
	s := fmt.Sprintf("%d.%d.%d", r.Major, r.Minor, r.Patch)
	if r.Pre != "" {
		s += "~" + r.Pre
	}
	switch {
	case !r.Tagged:
		s += "+g" + r.Hash
	case r.Commits > 0:
		s += fmt.Sprintf("+git%d.g%s", r.Commits, r.Hash)
	}
	if r.Dirty {
		if r.Tagged && r.Commits == 0 {
			s += "+dirty"
		} else {
			s += ".dirty"
		}
	}
	return s
}
