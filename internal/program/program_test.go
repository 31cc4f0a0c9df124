package program_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/goldseam/goldseam/internal/program"
)

func TestTheProgramLoadsWhole(t *testing.T) {
	p, err := program.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Phases) != 8 || len(p.Steps) != 21 {
		t.Fatalf("%d phases, %d steps; want 8 and 21", len(p.Phases), len(p.Steps))
	}
	short := 0
	for _, s := range p.Steps {
		if len(s.Prompts[program.Hurt]) == 0 || len(s.Prompts[program.BrokeTrust]) == 0 || len(s.Both) == 0 || s.Why == "" {
			t.Errorf("step %s lacks an explanation or prompts", s.ID)
		}
		for _, r := range []program.Role{program.Hurt, program.BrokeTrust, program.Unsaid} {
			exs := s.ExercisesFor(r)
			if len(exs) == 0 {
				t.Errorf("step %s has no exercise for %s", s.ID, r)
			}
			for _, ex := range exs {
				if ex.Title == "" || ex.Keeps == "" {
					t.Errorf("step %s has an exercise without title or keeps for %s", s.ID, r)
				}
			}
		}
		if s.ShortPath {
			short++
		}
	}
	// The shortest way through: safety, deciding to try (where an affair ends), the first
	// weeks and the signs to look for help (step 3), the apology, agreements, changes and
	// small steady actions.
	if short != 7 {
		t.Errorf("%d steps on the short path, want 7", short)
	}
	roots, ok := p.Step("understand-the-roots")
	hurt, broke := roots.ExercisesFor(program.Hurt), roots.ExercisesFor(program.BrokeTrust)
	if !ok || len(hurt) != 1 || len(broke) != 1 || hurt[0].Title == broke[0].Title {
		t.Fatalf("step 9 should give each partner their own exercise: %+v", roots.Exercises)
	}
	if both := roots.ExercisesFor(program.Unsaid); len(both) != 2 || both[0].For != program.Hurt || both[1].For != program.BrokeTrust {
		t.Fatalf("someone who preferred not to say should see both partners' exercises, got %+v", both)
	}
}

// validStep is a small step that passes every check; tests break one thing at a time.
const validStep = `---
id: one
phase: p
order: 1
title: One
summary: A step.
time: A while.
short_path: no
---

# Why this matters
Because.

# If you were hurt
- A question for you?

# If you broke trust
- A question for you?

# For both of you
- A question for you both?

# Exercise
kind: form
title: Write
keeps: a note
field: note | A note | long

Write a note.
`

const validPhase = "---\nid: p\norder: 1\ntitle: P\nsummary: A phase.\n---\nAn introduction.\n"

func load(step string) error {
	_, err := program.LoadFS(fstest.MapFS{
		"c/phases/1-p.md":   {Data: []byte(validPhase)},
		"c/steps/01-one.md": {Data: []byte(step)},
	}, "c")
	return err
}

func TestAStepMissingAnythingIsRefusedWithItsName(t *testing.T) {
	if err := load(validStep); err != nil {
		t.Fatalf("the valid step was refused: %v", err)
	}
	breaks := map[string]struct{ from, to, want string }{
		"no why":           {"# Why this matters\nBecause.\n", "", `"# Why this matters"`},
		"no hurt prompts":  {"# If you were hurt\n- A question for you?\n", "# If you were hurt\nJust prose.\n", `"# If you were hurt" has no prompts`},
		"no broke prompts": {"# If you broke trust\n- A question for you?\n", "", `"# If you broke trust"`},
		"no both":          {"# For both of you\n- A question for you both?\n", "", `"# For both of you"`},
		"no exercise":      {"# Exercise\n", "# Homework\n", "needs \"# Exercise\""},
		"bad kind":         {"kind: form", "kind: quiz", `kind "quiz"`},
		"no keeps":         {"keeps: a note\n", "", "keeps"},
		"bad field":        {"field: note | A note | long", "field: note | A note", "field"},
		"no intro":         {"\nWrite a note.\n", "", "introduction"},
		"bad short path":   {"short_path: no", "short_path: maybe", "short_path"},
		"wrong file name":  {"id: one", "id: two", "01-two.md"},
		"unknown phase":    {"phase: p", "phase: q", `no phase "q"`},
		"one-role only":    {"# Exercise\n", "# Exercise (if you were hurt)\n", "needs \"# Exercise\""},
		"level-2 heading":  {"Because.\n", "Because.\n\n## A part\nMore.\n", `"## A part" should start with "### "`},
	}
	for name, b := range breaks {
		t.Run(name, func(t *testing.T) {
			broken := strings.Replace(validStep, b.from, b.to, 1)
			if broken == validStep {
				t.Fatal("the replacement changed nothing")
			}
			err := load(broken)
			if err == nil || !strings.Contains(err.Error(), b.want) || !strings.Contains(err.Error(), "01-one.md") && name != "unknown phase" {
				t.Errorf("got %v, want an error naming the file and %s", err, b.want)
			}
		})
	}
}

func TestNumberingMustHaveNoGaps(t *testing.T) {
	fsys := fstest.MapFS{
		"c/phases/1-p.md":     {Data: []byte(validPhase)},
		"c/steps/01-one.md":   {Data: []byte(validStep)},
		"c/steps/03-three.md": {Data: []byte(strings.NewReplacer("id: one", "id: three", "order: 1", "order: 3").Replace(validStep))},
	}
	if _, err := program.LoadFS(fsys, "c"); err == nil || !strings.Contains(err.Error(), "order 3, want 2") {
		t.Fatalf("got %v", err)
	}
}

func TestAnotherLanguageNeedsOnlyFiles(t *testing.T) {
	sub, err := fs.Sub(fstest.MapFS{
		"content/xx/phases/1-p.md":   {Data: []byte(validPhase)},
		"content/xx/steps/01-one.md": {Data: []byte(validStep)},
	}, "content")
	if err != nil {
		t.Fatal(err)
	}
	p, err := program.LoadFS(sub, "xx")
	if err != nil || len(p.Steps) != 1 || p.Steps[0].ExercisesFor(program.Hurt)[0].Fields[0].ID != "note" {
		t.Fatalf("got %+v, %v", p, err)
	}
}

// FuzzStepFile reads arbitrary bytes as a step file, as a translator's or content author's
// typo would present them: the loader must report a problem or accept a whole step, never
// panic, and an accepted step has everything a step needs.
func FuzzStepFile(f *testing.F) {
	f.Add(validStep)
	f.Add("")
	f.Add("---\nid: one\n---\n# Exercise\nkind: form\n")
	f.Add(strings.Replace(validStep, "field:", "field: x |", 1))
	f.Fuzz(func(t *testing.T, step string) {
		p, err := program.LoadFS(fstest.MapFS{
			"c/phases/1-p.md":   {Data: []byte(validPhase)},
			"c/steps/01-one.md": {Data: []byte(step)},
		}, "c")
		if err != nil {
			return
		}
		for _, s := range p.Steps {
			if s.Why == "" || len(s.ExercisesFor(program.Unsaid)) == 0 {
				t.Fatalf("an incomplete step was accepted: %+v", s)
			}
		}
	})
}
