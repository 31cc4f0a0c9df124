//go:build !bindings

package main

// generatingBindings is true only in the build `wails build` runs to list bound methods.
const generatingBindings = false
