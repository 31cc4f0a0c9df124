// Package api owns the services bound to the interface: the only Go methods JavaScript can
// call. Each service is small and about one domain; each method checks every argument,
// returns errors from package apperr, and delegates the real work to a domain package.
//
// Everything here runs both in the desktop window (bound by Wails in main.go) and in the
// browser-test server (main_e2e.go), from the same list returned by [Services].
package api
