//go:build bindings

package main

const generatingBindings = true
