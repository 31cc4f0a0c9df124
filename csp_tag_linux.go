//go:build linux && !e2e && !(webkit2_36 || webkit2_40 || webkit2_41)

package main

// Without one of the webkit2_36, webkit2_40 or webkit2_41 tags, Wails on Linux drops every
// response header before WebKitGTK sees it (pkg/assetserver/webview/webkit2_legacy.go),
// the Content-Security-Policy included. So the desktop app does not build without one:
// build with -tags webkit2_41, as the Makefile does. At run time the app checks again
// (internal/policycheck) and closes if its window does not enforce the policy.
var _ = buildWithTagWebkit2_41_OrWailsDropsTheContentSecurityPolicyHeader
