package api_test

import (
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/profile"
)

func TestProgramOutlineReachesEveryStep(t *testing.T) {
	p := api.NewProgram(nil, nil)
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
			// Every role a person can choose in their profile has words at every step: a
			// heading over each side's prompts, and a label over each partner's exercise
			// whenever a step shows more than one.
			for _, role := range profile.Roles {
				d, err := p.Step(st.ID, role)
				if err != nil || len(d.Exercises) == 0 || d.Exercises[0].Title == "" || d.Why == "" {
					t.Fatalf("step %s for %s: %+v %v", st.ID, role, d, err)
				}
				for _, g := range d.Prompts {
					if g.Heading == "" || len(g.Prompts) == 0 {
						t.Errorf("step %s for %s: prompts for %s have no heading or no prompts", st.ID, role, g.For)
					}
				}
				for _, ex := range d.Exercises {
					if len(d.Exercises) > 1 && ex.Label == "" {
						t.Errorf("step %s for %s: the exercise for %s has no label", st.ID, role, ex.For)
					}
				}
			}
		}
	}
	if len(phases) != 8 || steps != 21 {
		t.Fatalf("%d phases, %d steps", len(phases), steps)
	}
}

func TestTheRoleChangesThePrompts(t *testing.T) {
	p := api.NewProgram(nil, nil)
	groups := func(role string) []string {
		d, err := p.Step("understand-the-roots", role)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, g := range d.Prompts {
			out = append(out, g.For)
		}
		for _, ex := range d.Exercises {
			out = append(out, ex.Title)
		}
		return out
	}
	hurt, broke, unsaid, both := groups("hurt"), groups("broke-trust"), groups("unsaid"), groups("both")
	if hurt[0] != "hurt" || len(hurt) != 3 || broke[0] != "broke-trust" || len(broke) != 3 || len(unsaid) != 5 || len(both) != 5 {
		t.Fatalf("hurt %v, broke %v, unsaid %v, both %v", hurt, broke, unsaid, both)
	}
	// Someone who says they both broke trust sees both sides named as their own.
	d, err := p.Step("understand-the-roots", "both")
	if err != nil || d.Prompts[0].Heading != "Where you were hurt" || d.Prompts[1].Heading != "Where you broke trust" ||
		d.Exercises[0].Label != "For the hurt you carry" || d.Exercises[1].Label != "For the trust you broke" {
		t.Fatalf("both broke trust: %+v %v", d, err)
	}
	if hurt[len(hurt)-1] == broke[len(broke)-1] {
		t.Fatal("each partner should get their own exercise at this step")
	}
	_, err = p.Step("understand-the-roots", "victim")
	wantCode(t, err, apperr.Invalid)
	_, err = p.Step("no-such-step", "hurt")
	wantCode(t, err, apperr.NotFound)
}

func TestStepStatesAndExercisesThroughTheService(t *testing.T) {
	r := newVaultRig(t)
	p := api.NewProgram(r.db, r.session)
	r.create(t)
	if err := p.SetStepState("safety-first", "in-progress"); err != nil {
		t.Fatal(err)
	}
	wantCode(t, p.SetStepState("no-such-step", "done"), apperr.NotFound)
	wantCode(t, p.SetStepState("safety-first", "finished"), apperr.Invalid)
	states, err := p.StepStates()
	if err != nil || states["safety-first"] != "in-progress" {
		t.Fatalf("states %v %v", states, err)
	}
	rec, err := p.SaveExercise("weigh-trust-honestly", "", map[string]string{"remorse": "Some."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.SaveExercise("weigh-trust-honestly", "", map[string]string{"remorse": "More."}); err != nil {
		t.Fatal(err)
	}
	_, err = p.SaveExercise("weigh-trust-honestly", "", map[string]string{"not-a-field": "x"})
	wantCode(t, err, apperr.Invalid)
	// Each partner's exercise at step 9 keeps its own record; one record never mixes them.
	if _, err := p.SaveExercise("understand-the-roots", "", map[string]string{"understand": "Why then.", "learned": "Some."}); err != nil {
		t.Fatal(err)
	}
	_, err = p.SaveExercise("understand-the-roots", "", map[string]string{"understand": "Why then.", "patterns": "Avoiding."})
	wantCode(t, err, apperr.Invalid)
	list, err := p.ExerciseRecords("weigh-trust-honestly")
	if err != nil || len(list) != 2 || list[0].ID != rec.ID {
		t.Fatalf("records %+v %v", list, err)
	}
	r.svc.Lock()
	_, err = p.StepStates()
	wantCode(t, err, apperr.Locked)
}
