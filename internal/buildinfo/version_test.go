package buildinfo_test

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/buildinfo"
)

func TestParseVersionMapsEveryShapeGitDescribeGives(t *testing.T) {
	tests := []struct {
		in, windows, apple, debian string
	}{
		{"v0.1.0", "0.1.0.0", "0.1.0", "0.1.0"},
		{"0.1.0", "0.1.0.0", "0.1.0", "0.1.0"},
		{"v1.2.3-4-gabc1234", "1.2.3.4", "1.2.3", "1.2.3+git4.gabc1234"},
		{"v1.2.3-4-gabc1234-dirty", "1.2.3.4", "1.2.3", "1.2.3+git4.gabc1234.dirty"},
		{"v1.2.3-dirty", "1.2.3.0", "1.2.3", "1.2.3+dirty"},
		{"v2.0.0-rc.1", "2.0.0.0", "2.0.0", "2.0.0~rc.1"},
		{"v2.0.0-rc.1-7-g0123abcd", "2.0.0.7", "2.0.0", "2.0.0~rc.1+git7.g0123abcd"},
		{"7200a17", "0.0.0.0", "0.0.0", "0.0.0+g7200a17"},
		{"7200a17-dirty", "0.0.0.0", "0.0.0", "0.0.0+g7200a17.dirty"},
		{"v1.0.0-70000-gabcdef0", "1.0.0.65535", "1.0.0", "1.0.0+git65535.gabcdef0"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := buildinfo.ParseVersion(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Windows(); got != tt.windows {
				t.Errorf("Windows() = %q, want %q", got, tt.windows)
			}
			if got := r.Apple(); got != tt.apple {
				t.Errorf("Apple() = %q, want %q", got, tt.apple)
			}
			if got := r.Debian(); got != tt.debian {
				t.Errorf("Debian() = %q, want %q", got, tt.debian)
			}
		})
	}
}

func TestParseVersionRefusesWhatIsNotAGitVersion(t *testing.T) {
	for _, in := range []string{"", "dev", "v1.2", "v1.2.3.4", "v70000.0.0", "release-1", "v1.2.3 ", "xyz1234"} {
		if r, err := buildinfo.ParseVersion(in); err == nil {
			t.Errorf("ParseVersion(%q) = %+v, want an error", in, r)
		}
	}
}

// Debian versions must sort in the order the builds were made, or apt would refuse an
// update (or offer a downgrade as one). dpkg itself is the judge.
func TestDebianVersionsSortInReleaseOrder(t *testing.T) {
	sortsInReleaseOrder(t, "dpkg", func(a, b string) ([]byte, bool) {
		out, err := exec.Command("dpkg", "--compare-versions", a, "lt", b).CombinedOutput()
		return out, err == nil
	})
}

// The .rpm carries the Debian form as its version: dnf must sort it the same way. rpm's
// own version comparison is the judge (-1: older).
func TestRPMVersionsSortInReleaseOrder(t *testing.T) {
	sortsInReleaseOrder(t, "rpm", func(a, b string) ([]byte, bool) {
		out, err := exec.Command("rpm", "--eval", fmt.Sprintf("%%{lua: print(rpm.vercmp(%q, %q))}", a, b)).CombinedOutput()
		return out, err == nil && strings.TrimSpace(string(out)) == "-1"
	})
}

// sortsInReleaseOrder asks tool, through older, whether each build's Debian form is older
// than the next one's, over a run of builds in the order they were made.
func sortsInReleaseOrder(t *testing.T, tool string, older func(a, b string) (out []byte, ok bool)) {
	if _, err := exec.LookPath(tool); err != nil {
		t.Skip(tool + " is not here to compare versions")
	}
	order := []string{"abc1234", "v0.9.0", "v1.0.0-rc.1", "v1.0.0-rc.1-3-gabc1234", "v1.0.0", "v1.0.0-1-gabc1234", "v1.0.0-12-gabc1234", "v1.0.1"}
	for i := 1; i < len(order); i++ {
		a, b := debian(t, order[i-1]), debian(t, order[i])
		if out, ok := older(a, b); !ok {
			t.Errorf("%s says %s (from %s) is not older than %s (from %s): %s", tool, a, order[i-1], b, order[i], out)
		}
	}
}

func debian(t *testing.T, v string) string {
	t.Helper()
	r, err := buildinfo.ParseVersion(v)
	if err != nil {
		t.Fatal(err)
	}
	d := r.Debian()
	if strings.ContainsAny(d, "-_ ") {
		t.Fatalf("Debian version %q has a character a native package's version cannot have", d)
	}
	return d
}
