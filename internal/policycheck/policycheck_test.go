package policycheck

import (
	"errors"
	"strings"
	"testing"
)

const want = "default-src 'self'; script-src 'self'"

func TestOnlyTheExactPolicyEnforcedPasses(t *testing.T) {
	cases := []struct {
		name string
		a    Answer
		ok   bool
	}{
		{"the same policy", Answer{Enforced: true, Policy: want}, true},
		{"the same policy, spaced differently", Answer{Enforced: true, Policy: "default-src  'self' ;script-src 'self'"}, true},
		{"code ran: no policy", Answer{Enforced: false}, false},
		{"a looser policy", Answer{Enforced: true, Policy: "default-src 'self'; script-src 'self' 'unsafe-inline'"}, false},
		{"refused, but the policy unnamed", Answer{Enforced: true}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if err := Verdict(c.a, want); (err == nil) != c.ok {
				t.Errorf("passes %v, want %v: %v", err == nil, c.ok, err)
			}
		})
	}
	if err := Verdict(Answer{}, want); !errors.Is(err, ErrNotEnforced) {
		t.Fatalf("no policy: %v", err)
	}
}

// The page's answer arrives through Wails' events as JSON decoded into maps; anything else
// counts as a policy not enforced.
func TestAnswersAreReadStrictly(t *testing.T) {
	got := decode([]any{map[string]any{"enforced": true, "policy": want, "directive": "script-src"}})
	if got != (Answer{Enforced: true, Policy: want, Directive: "script-src"}) {
		t.Fatalf("decoded %+v", got)
	}
	for _, odd := range [][]any{nil, {"enforced"}, {map[string]any{"enforced": "true"}}, {1, 2}} {
		if decode(odd).Enforced {
			t.Errorf("%v read as enforced", odd)
		}
	}
	if !strings.Contains(Script, Event) || !strings.Contains(Script, "new Function") {
		t.Fatal("the page script must try eval and answer on the event Ask waits for")
	}
}
