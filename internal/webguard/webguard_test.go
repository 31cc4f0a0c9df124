package webguard_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/webguard"
)

func TestPolicyAllowsNothingInlineOrRemote(t *testing.T) {
	csp := webguard.ContentSecurityPolicy
	for _, banned := range []string{"unsafe-inline", "unsafe-eval", "http:", "https:", "*"} {
		if strings.Contains(csp, banned) {
			t.Errorf("policy contains %q: %s", banned, csp)
		}
	}
	for _, required := range []string{"default-src 'self'", "script-src 'self'", "object-src 'none'",
		"base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, required) {
			t.Errorf("policy lacks %q", required)
		}
	}
}

func TestMiddlewareSetsHeadersOnEveryResponse(t *testing.T) {
	h := webguard.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("ok"))
	}))
	for _, path := range []string{"/", "/index.html", "/missing"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if got := rec.Header().Get("Content-Security-Policy"); got != webguard.ContentSecurityPolicy {
			t.Errorf("%s: CSP header %q", path, got)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: nosniff missing", path)
		}
	}
}

func TestExternalURL(t *testing.T) {
	allowed := []string{
		"https://www.psychologytoday.com/us/basics/trust",
		"mailto:help@example.org",
	}
	for _, raw := range allowed {
		if _, err := webguard.ExternalURL(raw); err != nil {
			t.Errorf("%q refused: %v", raw, err)
		}
	}
	refused := []string{
		"", "http://example.org", "javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,hi",
		"file:///etc/passwd", "wails://wails/index.html", "https://user:pw@example.org",
		"https:///nohost", "mailto:", "https://exa mple.org", "https://example.org/\nx",
		"//example.org", "/relative", "https://example.org/" + strings.Repeat("a", 3000),
	}
	for _, raw := range refused {
		if _, err := webguard.ExternalURL(raw); !errors.Is(err, webguard.ErrLinkRefused) {
			t.Errorf("%q: got %v, want ErrLinkRefused", raw, err)
		}
	}
}
