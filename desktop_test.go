package main

import (
	"strings"
	"testing"
)

// TestNoDesktopSession: on Linux either display variable is enough for a window, neither
// means none; other systems are never refused. testdata/script/no_desktop_session.txt runs
// the real program without a display and checks the one line and the exit status.
func TestNoDesktopSession(t *testing.T) {
	cases := []struct {
		goos, display, wayland string
		want                   bool
	}{
		{"linux", "", "", true},
		{"linux", ":0", "", false},
		{"linux", "", "wayland-0", false},
		{"linux", ":0", "wayland-0", false},
		{"darwin", "", "", false},
		{"windows", "", "", false},
	}
	for _, c := range cases {
		env := map[string]string{"DISPLAY": c.display, "WAYLAND_DISPLAY": c.wayland}
		if got := noDesktopSession(c.goos, func(k string) string { return env[k] }); got != c.want {
			t.Errorf("noDesktopSession(%s, DISPLAY=%q, WAYLAND_DISPLAY=%q) = %v, want %v", c.goos, c.display, c.wayland, got, c.want)
		}
	}
	if strings.Contains(noDesktopMessage, "\n") {
		t.Error("the message must be one line")
	}
}
