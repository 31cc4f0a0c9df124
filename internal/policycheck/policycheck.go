// Package policycheck owns Goldseam's check, in the desktop window, that the webview really
// enforces the Content-Security-Policy the asset server sends.
//
// The policy travels as a response header, and a webview may drop it without a word: on
// Linux, Wails hands response headers to WebKitGTK only when built with the webkit2_36,
// webkit2_40 or webkit2_41 tag (pkg/assetserver/webview/webkit2_legacy.go drops them).
// So once the page has loaded, Go asks it to do something the policy forbids (compile a
// string as code) and to report what the webview said; the app refuses to go on unless the
// webview refused it, naming exactly the policy Goldseam sends.
package policycheck

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Event is the runtime event the page answers on.
const Event = "goldseam:policy-check"

// Script runs in the page through Wails' ExecJS (WebKitGTK's run_javascript, in the page's
// own world and so under its policy). It tries new Function, which a policy without
// 'unsafe-eval' refuses, and reports the webview's securitypolicyviolation event, which
// carries the whole policy the webview enforces.
const Script = `(() => {
  let sent = false
  const send = (answer) => { if (!sent) { sent = true; window.runtime.EventsEmit('` + Event + `', answer) } }
  document.addEventListener('securitypolicyviolation', (e) =>
    send({ enforced: true, policy: e.originalPolicy, directive: e.effectiveDirective }), { once: true })
  try {
    new Function('return 1')()
    send({ enforced: false, policy: '', directive: '' })
  } catch (err) {
    setTimeout(() => send({ enforced: true, policy: '', directive: '' }), 2000)
  }
})()`

// Answer is what the page reported.
type Answer struct {
	Enforced  bool
	Policy    string // the policy the webview enforces, as its violation event names it
	Directive string
}

var (
	// ErrNotEnforced means the webview ran code the policy forbids: no policy reached it.
	ErrNotEnforced = errors.New("the webview does not enforce the Content-Security-Policy")
	// ErrNoAnswer means the page never answered.
	ErrNoAnswer = errors.New("the page did not answer the policy check")
)

// Verdict says whether answer shows the webview enforcing exactly want.
func Verdict(a Answer, want string) error {
	if !a.Enforced {
		return ErrNotEnforced
	}
	if normalize(a.Policy) != normalize(want) {
		return fmt.Errorf("the webview enforces a different policy than Goldseam sends: %q", a.Policy)
	}
	return nil
}

func normalize(p string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(p, ";", " ; ")), " ")
}

// Ask runs Script in the window of ctx (the Wails context) and waits at most timeout for
// the page's answer.
func Ask(ctx context.Context, timeout time.Duration) (Answer, error) {
	answers := make(chan Answer, 1)
	runtime.EventsOnce(ctx, Event, func(data ...any) {
		answers <- decode(data)
	})
	runtime.WindowExecJS(ctx, Script)
	select {
	case a := <-answers:
		return a, nil
	case <-time.After(timeout):
		runtime.EventsOff(ctx, Event)
		return Answer{}, ErrNoAnswer
	}
}

// decode reads the page's answer; anything unexpected counts as not enforced.
func decode(data []any) Answer {
	if len(data) != 1 {
		return Answer{}
	}
	m, _ := data[0].(map[string]any)
	enforced, _ := m["enforced"].(bool)
	policy, _ := m["policy"].(string)
	directive, _ := m["directive"].(string)
	return Answer{Enforced: enforced, Policy: policy, Directive: directive}
}

// Require asks the page of ctx and, when the webview does not enforce exactly want, logs
// why and calls refuse: the desktop app then closes rather than run without its policy.
// A page that never answers is logged, not refused: a slow start must not close the app.
func Require(ctx context.Context, want string, log *slog.Logger, refuse func()) {
	a, err := Ask(ctx, 30*time.Second)
	if err == nil {
		err = Verdict(a, want)
	}
	switch {
	case err == nil:
		log.Info("the webview enforces the content security policy")
	case errors.Is(err, ErrNoAnswer):
		log.Error("the content security policy could not be confirmed", "err", err)
	default:
		log.Error("Goldseam will not run: its window does not enforce the content security policy "+
			"(on Linux, was it built without the webkit2_41 tag?)", "err", err)
		refuse()
	}
}
