package program_test

import (
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/program"
)

// A few prompts are meant for both and answered together (shared with the partner, seen
// once both answered); the rest of the program stays private. They are declared in the
// content, each with an id made of its step's id and its own name.
func TestAFewPromptsAreAnsweredTogetherAndDeclaredInTheContent(t *testing.T) {
	p, err := program.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, st := range p.Steps {
		for _, sp := range st.Together {
			if !strings.HasPrefix(sp.ID, st.ID+"/") || sp.Question == "" {
				t.Errorf("step %s: prompt %+v", st.ID, sp)
			}
			ids = append(ids, sp.ID)
		}
	}
	if want := "feel-understood/what-i-need"; len(ids) < 3 || len(ids) > 5 || ids[0] != want {
		t.Fatalf("prompts answered together: %v, want 3 to 5 starting with %s", ids, want)
	}
	for name, line := range map[string]string{
		"no question":    "- a-name |",
		"no bar":         "- What do you need?",
		"capital letter": "- Need | What do you need?",
		"twice":          "- need | What do you need?\n- need | And now?",
	} {
		if err := load(validStep + "\n# Answered together\n\n" + line + "\n"); err == nil || !strings.Contains(err.Error(), "Answered together") {
			t.Errorf("%s: got %v", name, err)
		}
	}
	if err := load(validStep + "\n# Answered together\n\n- need | What do you need?\n"); err != nil {
		t.Fatalf("a good prompt was refused: %v", err)
	}
}
