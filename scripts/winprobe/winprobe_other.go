//go:build !(linux && cgo)

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "winprobe needs Linux with X11 and cgo")
	os.Exit(1)
}
