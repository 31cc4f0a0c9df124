package api_test

import (
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
)

func TestProgramOutlineReachesEveryStep(t *testing.T) {
	p := api.NewProgram()
	phases, err := p.Outline()
	if err != nil {
		t.Fatal(err)
	}
	steps := 0
	for _, ph := range phases {
		for _, st := range ph.Steps {
			steps++
			if st.Order != steps {
				t.Fatalf("step %s has order %d, want %d", st.ID, st.Order, steps)
			}
			for _, role := range []string{"hurt", "broke-trust", "unsaid"} {
				d, err := p.Step(st.ID, role)
				if err != nil || d.Exercise.Title == "" || d.Why == "" {
					t.Fatalf("step %s for %s: %+v %v", st.ID, role, d, err)
				}
			}
		}
	}
	if len(phases) != 8 || steps != 21 {
		t.Fatalf("%d phases, %d steps", len(phases), steps)
	}
}

func TestTheRoleChangesThePrompts(t *testing.T) {
	p := api.NewProgram()
	groups := func(role string) []string {
		d, err := p.Step("understand-the-roots", role)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, g := range d.Prompts {
			out = append(out, g.For)
		}
		return append(out, d.Exercise.Title)
	}
	hurt, broke, unsaid := groups("hurt"), groups("broke-trust"), groups("unsaid")
	if hurt[0] != "hurt" || len(hurt) != 3 || broke[0] != "broke-trust" || len(broke) != 3 || len(unsaid) != 4 {
		t.Fatalf("hurt %v, broke %v, unsaid %v", hurt, broke, unsaid)
	}
	if hurt[len(hurt)-1] == broke[len(broke)-1] {
		t.Fatal("each partner should get their own exercise at this step")
	}
	_, err := p.Step("understand-the-roots", "victim")
	wantCode(t, err, apperr.Invalid)
	_, err = p.Step("no-such-step", "hurt")
	wantCode(t, err, apperr.NotFound)
}
