// Package webguard owns the rules the webview lives under: the Content-Security-Policy and
// other headers on every response of the app's own asset server, and which outside links
// may be handed to the operating system's browser.
//
// Any page in the webview can call every bound Go method, so nothing but the app's own
// bundled files may ever load or run there (see docs/security.md, "The webview").
package webguard

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// ContentSecurityPolicy allows only the app's own scripts, styles, fonts and images.
// No 'unsafe-inline', no 'unsafe-eval': an injected <script> or on* attribute never runs.
// img-src allows data: only for images the app itself builds (charts, icons); remote
// images are refused, so no entry can phone home by embedding a picture.
const ContentSecurityPolicy = "default-src 'self'; " +
	"script-src 'self'; " +
	"style-src 'self'; " +
	"img-src 'self' data:; " +
	"font-src 'self'; " +
	"connect-src 'self'; " +
	"media-src 'none'; " +
	"object-src 'none'; " +
	"frame-src 'none'; " +
	"worker-src 'none'; " +
	"base-uri 'none'; " +
	"form-action 'none'; " +
	"frame-ancestors 'none'"

// headers go on every response the asset server gives.
var headers = map[string]string{
	"Content-Security-Policy":    ContentSecurityPolicy,
	"X-Content-Type-Options":     "nosniff",
	"Referrer-Policy":            "no-referrer",
	"Permissions-Policy":         "camera=(), microphone=(), geolocation=(), usb=(), serial=(), bluetooth=(), payment=()",
	"Cross-Origin-Opener-Policy": "same-origin",
}

// Middleware adds the security headers to every response of next.
func Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range headers {
			w.Header().Set(k, v)
		}
		next.ServeHTTP(w, r)
	})
}

// ErrLinkRefused is returned for a link that may not leave the app.
var ErrLinkRefused = errors.New("link refused")

// ExternalURL checks a link a person clicked before it goes to the operating system's
// browser: only https:// pages and mailto: addresses, no user:password@ part (a classic
// way to disguise where a link goes), and nothing longer than a sane address.
func ExternalURL(raw string) (string, error) {
	if len(raw) > 2048 {
		return "", fmt.Errorf("%w: too long", ErrLinkRefused)
	}
	if strings.ContainsAny(raw, "\x00\r\n\t ") {
		return "", fmt.Errorf("%w: contains spaces or control characters", ErrLinkRefused)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrLinkRefused, err)
	}
	switch u.Scheme {
	case "https":
		if u.Host == "" || u.User != nil {
			return "", fmt.Errorf("%w: not a plain web address", ErrLinkRefused)
		}
	case "mailto":
		if u.Opaque == "" {
			return "", fmt.Errorf("%w: no address", ErrLinkRefused)
		}
	default:
		return "", fmt.Errorf("%w: only https and mailto links open outside the app", ErrLinkRefused)
	}
	return u.String(), nil
}
