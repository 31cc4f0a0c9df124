package api

import (
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/program"
)

// Program is the service behind the program screens: the phases and steps, and each step's
// explanation, prompts and exercise for where the person stands.
type Program struct {
	content *program.Program
	err     error
}

// NewProgram loads the program's content; a content problem is reported by every method
// rather than stopping Goldseam, so the journal and everything else stay usable.
func NewProgram() *Program {
	p, err := program.Load("en")
	return &Program{content: p, err: err}
}

// StepOutline is a step as the program overview lists it.
type StepOutline struct {
	ID        string `json:"id"`
	Order     int    `json:"order"`
	Title     string `json:"title"`
	Summary   string `json:"summary"`
	Time      string `json:"time"`
	ShortPath bool   `json:"shortPath"`
}

// PhaseOutline is a phase with its steps.
type PhaseOutline struct {
	ID      string        `json:"id"`
	Order   int           `json:"order"`
	Title   string        `json:"title"`
	Summary string        `json:"summary"`
	Intro   string        `json:"intro"` // Markdown
	Steps   []StepOutline `json:"steps"`
}

// ExerciseField is one answer an exercise asks for.
type ExerciseField struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Long  bool   `json:"long"`
}

// StepExercise is what a step asks the person to do and keep.
type StepExercise struct {
	Kind   string          `json:"kind"`
	Title  string          `json:"title"`
	Keeps  string          `json:"keeps"`
	Intro  string          `json:"intro"` // Markdown
	Fields []ExerciseField `json:"fields"`
}

// PromptGroup is a set of prompts with whom they are for.
type PromptGroup struct {
	For     string   `json:"for"` // "hurt", "broke-trust" or "both"
	Heading string   `json:"heading"`
	Prompts []string `json:"prompts"`
}

// StepDetail is one step for a person in a given role.
type StepDetail struct {
	StepOutline
	Phase    string        `json:"phase"`
	Why      string        `json:"why"` // Markdown
	Prompts  []PromptGroup `json:"prompts"`
	Exercise StepExercise  `json:"exercise"`
}

var roleNames = map[string]program.Role{"hurt": program.Hurt, "broke-trust": program.BrokeTrust, "unsaid": program.Unsaid}

// Outline lists the phases and their steps in order.
func (p *Program) Outline() ([]PhaseOutline, error) {
	if p.err != nil {
		return nil, apperr.Wrap(apperr.Internal, "", p.err)
	}
	out := make([]PhaseOutline, 0, len(p.content.Phases))
	for _, ph := range p.content.Phases {
		po := PhaseOutline{ID: ph.ID, Order: ph.Order, Title: ph.Title, Summary: ph.Summary, Intro: ph.Intro, Steps: []StepOutline{}}
		for _, st := range p.content.Steps {
			if st.Phase == ph.ID {
				po.Steps = append(po.Steps, outline(st))
			}
		}
		out = append(out, po)
	}
	return out, nil
}

// Step returns a step as a person in role ("hurt", "broke-trust" or "unsaid") sees it:
// the prompts for their side and for both, or for both sides when they preferred not to say.
func (p *Program) Step(id, role string) (StepDetail, error) {
	if p.err != nil {
		return StepDetail{}, apperr.Wrap(apperr.Internal, "", p.err)
	}
	r, ok := roleNames[role]
	if !ok {
		return StepDetail{}, apperr.New(apperr.Invalid, "Please choose where you stand: I was hurt, I broke trust, or I prefer not to say.")
	}
	st, found := p.content.Step(id)
	if !found {
		return StepDetail{}, apperr.New(apperr.NotFound, "That step is not part of the program.")
	}
	d := StepDetail{StepOutline: outline(st), Phase: st.Phase, Why: st.Why}
	if r != program.BrokeTrust {
		d.Prompts = append(d.Prompts, PromptGroup{For: "hurt", Heading: "If you were hurt", Prompts: st.Prompts[program.Hurt]})
	}
	if r != program.Hurt {
		d.Prompts = append(d.Prompts, PromptGroup{For: "broke-trust", Heading: "If you broke trust", Prompts: st.Prompts[program.BrokeTrust]})
	}
	d.Prompts = append(d.Prompts, PromptGroup{For: "both", Heading: "For both of you", Prompts: st.Both})
	ex := st.ExerciseFor(r)
	d.Exercise = StepExercise{Kind: ex.Kind, Title: ex.Title, Keeps: ex.Keeps, Intro: ex.Intro, Fields: []ExerciseField{}}
	for _, f := range ex.Fields {
		d.Exercise.Fields = append(d.Exercise.Fields, ExerciseField{ID: f.ID, Label: f.Label, Long: f.Size == "long"})
	}
	return d, nil
}

func outline(st program.Step) StepOutline {
	return StepOutline{ID: st.ID, Order: st.Order, Title: st.Title, Summary: st.Summary, Time: st.Time, ShortPath: st.ShortPath}
}
