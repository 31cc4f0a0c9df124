// Package api owns the services bound to the interface. Wails binds every exported
// method of each service, and testdata/bound_methods.txt holds that list to exactly the
// methods frontend/src/lib/api.ts calls. They are not the only Go a script in the page can
// reach: the Wails runtime's own messages (window, events, logging, opening a link,
// quitting) arrive in Go too, and Goldseam does not trim them. Each service is small and
// about one domain; each method checks every argument, returns apperr coded errors
// (refusals come coded from the domain packages; coded maps the few sentinel errors and
// marks the rest Internal), and delegates the real work to a domain package.
//
// Everything here runs both in the desktop window (bound by Wails in main.go) and in the
// browser-test server (main_e2e.go), from the same list returned by [Services].
package api
