package main

// noDesktopMessage is all a person sees when Goldseam is started where no window can open:
// one line, instead of the Go stack trace and GTK warnings of a failed GTK start.
const noDesktopMessage = "Goldseam needs a desktop session to open its window (neither DISPLAY nor WAYLAND_DISPLAY is set); its backup commands work without one: goldseam --help"

// noDesktopSession reports whether a window cannot open here. Only Linux is asked: a
// program started from SSH, a container or a text console has no display server to draw
// on, and Wails' GTK start would panic. Windows and macOS always have a desktop for a
// program a person starts.
func noDesktopSession(goos string, getenv func(string) string) bool {
	return goos == "linux" && getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == ""
}
