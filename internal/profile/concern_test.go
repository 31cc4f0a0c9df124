package profile_test

import (
	"testing"

	"github.com/goldseam/goldseam/internal/profile"
)

// TestConcernLevels holds the one rule the whole interface follows: any "yes" is a clear
// concern; "I would rather not say" without a "yes" is a gentle signal; only "no" (or no
// answers yet) is none.
func TestConcernLevels(t *testing.T) {
	answers := func(hurt, afraid, control, pressured string) map[string]string {
		return map[string]string{"hurt": hurt, "afraid": afraid, "control": control, "pressured": pressured}
	}
	const y, n, r = profile.Yes, profile.No, profile.RatherNotSay
	for name, tc := range map[string]struct {
		safety map[string]string
		want   string
	}{
		"not taken yet":             {map[string]string{}, profile.ConcernNone},
		"all no":                    {answers(n, n, n, n), profile.ConcernNone},
		"one rather not say":        {answers(n, n, r, n), profile.ConcernGentle},
		"all rather not say":        {answers(r, r, r, r), profile.ConcernGentle},
		"one yes":                   {answers(n, n, n, y), profile.ConcernClear},
		"yes beside rather not say": {answers(r, y, r, n), profile.ConcernClear},
		"rather not say after yes":  {answers(y, r, r, r), profile.ConcernClear},
	} {
		t.Run(name, func(t *testing.T) {
			p := profile.Profile{Role: "hurt", Safety: tc.safety}
			if got := p.Concern(); got != tc.want {
				t.Errorf("Concern() = %q, want %q", got, tc.want)
			}
			if p.SafetyConcern() != (tc.want == profile.ConcernClear) {
				t.Errorf("SafetyConcern() disagrees with Concern()")
			}
		})
	}
}
