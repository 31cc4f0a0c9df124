package api

import (
	"context"
	"slices"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/program"
	"github.com/goldseam/goldseam/internal/progress"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Program is the service behind the program screens: the phases and steps, each step's
// explanation, prompts and exercise for where the person stands, the state the person gives
// each step, and what their exercises kept.
type Program struct {
	content  *program.Program
	err      error
	progress *progress.Progress // nil when the data file is unusable
	k        keyed
}

// NewProgram loads the program's content; a content problem is reported by every method
// rather than stopping Goldseam, so the journal and everything else stay usable.
func NewProgram(db *store.DB, s *session.Session) *Program {
	p, err := program.Load("en")
	out := &Program{content: p, err: err, k: keyed{session: s, purpose: vault.Journal, usable: db != nil}}
	if db != nil {
		out.progress = progress.New(db)
	}
	return out
}

// ExerciseRecord is what one exercise kept.
type ExerciseRecord struct {
	ID        string            `json:"id"`
	CreatedAt string            `json:"createdAt"` // RFC 3339
	UpdatedAt string            `json:"updatedAt"`
	Answers   map[string]string `json:"answers"`
}

// StepStates returns the state of every step that has one; the rest are not started.
func (p *Program) StepStates() (map[string]string, error) {
	return withKey(p.k, p.progress.States)
}

// SetStepState sets a step's state: not-started, in-progress, done or revisiting.
func (p *Program) SetStepState(step, state string) error {
	if _, err := p.step(step); err != nil {
		return err
	}
	return p.k.do(func(ctx context.Context, key *vault.ContentKey) error {
		return p.progress.SetState(ctx, key, step, state)
	})
}

// ExerciseRecords returns what the step's exercise has kept, oldest first.
func (p *Program) ExerciseRecords(step string) ([]ExerciseRecord, error) {
	if _, err := p.step(step); err != nil {
		return nil, err
	}
	return withKey(p.k, func(ctx context.Context, key *vault.ContentKey) ([]ExerciseRecord, error) {
		records, err := p.progress.Records(ctx, key, step)
		out := []ExerciseRecord{}
		for _, r := range records {
			out = append(out, recordView(r))
		}
		return out, err
	})
}

// SaveExercise keeps answers for the step's exercise: a new record when id is empty (an
// appraisal answered again), else the record with that id.
func (p *Program) SaveExercise(step, id string, answers map[string]string) (ExerciseRecord, error) {
	st, err := p.step(step)
	if err != nil {
		return ExerciseRecord{}, err
	}
	if !oneExerciseHolds(st, answers) {
		return ExerciseRecord{}, apperr.New(apperr.Invalid, "That answer does not belong to this step's exercise.")
	}
	saved, err := withKey(p.k, func(ctx context.Context, key *vault.ContentKey) (progress.Record, error) {
		return p.progress.SaveRecord(ctx, key, step, id, answers)
	})
	if err != nil {
		return ExerciseRecord{}, err
	}
	return recordView(saved), nil
}

// knows reports whether step is part of the program (the journal checks linked steps).
func (p *Program) knows(step string) bool {
	_, err := p.step(step)
	return err == nil
}

func (p *Program) step(id string) (program.Step, error) {
	if p.err != nil {
		return program.Step{}, apperr.Wrap(apperr.Internal, "", p.err)
	}
	st, ok := p.content.Step(id)
	if !ok {
		return program.Step{}, apperr.New(apperr.NotFound, "That step is not part of the program.")
	}
	return st, nil
}

// oneExerciseHolds reports whether every answer is a field of one and the same exercise of
// st, so a record never mixes the two partners' exercises.
func oneExerciseHolds(st program.Step, answers map[string]string) bool {
	for _, ex := range st.Exercises {
		all := true
		for field := range answers {
			if !slices.ContainsFunc(ex.Fields, func(f program.Field) bool { return f.ID == field }) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

func recordView(r progress.Record) ExerciseRecord {
	return ExerciseRecord{ID: r.ID, CreatedAt: r.CreatedAt.Format(time.RFC3339), UpdatedAt: r.UpdatedAt.Format(time.RFC3339), Answers: r.Answers}
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
	For    string          `json:"for"`   // "everyone", "hurt" or "broke-trust"
	Label  string          `json:"label"` // names a partner's exercise for the reader; empty for everyone's
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
	Phase   string        `json:"phase"`
	Why     string        `json:"why"` // Markdown
	Prompts []PromptGroup `json:"prompts"`
	// Exercises holds the step's exercise, or both partners' when the person preferred
	// not to say where they stand and the step gives each partner their own.
	Exercises []StepExercise `json:"exercises"`
	// Together are the step's prompts meant for both: shared with the partner and seen
	// together once both have answered (Space.AnswerTogether), unlike everything else here.
	Together []program.SharedPrompt `json:"together"`
}

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

// Step returns a step as a person in role (one of program.Roles: "hurt", "broke-trust",
// "both" or "unsaid") sees it: the prompts for their side and for both, or for both sides
// when they preferred not to say or say they both broke trust, each side headed in words
// that fit where they stand.
func (p *Program) Step(id, role string) (StepDetail, error) {
	r := program.Role(role)
	if !slices.Contains(program.Roles, r) {
		return StepDetail{}, apperr.New(apperr.Invalid, "Please choose where you stand: I was hurt, I broke trust, we both broke trust, or I prefer not to say.")
	}
	st, err := p.step(id)
	if err != nil {
		return StepDetail{}, err
	}
	d := StepDetail{StepOutline: outline(st), Phase: st.Phase, Why: st.Why, Together: append([]program.SharedPrompt{}, st.Together...)}
	for _, side := range r.Sides() {
		d.Prompts = append(d.Prompts, PromptGroup{For: string(side.For), Heading: side.Heading, Prompts: st.Prompts[side.For]})
	}
	d.Prompts = append(d.Prompts, PromptGroup{For: "both", Heading: "For both of you", Prompts: st.Both})
	for _, ex := range st.ExercisesFor(r) {
		view := StepExercise{For: string(ex.For), Label: ex.Label, Kind: ex.Kind, Title: ex.Title, Keeps: ex.Keeps, Intro: ex.Intro, Fields: []ExerciseField{}}
		if ex.For == program.Unsaid {
			view.For = "everyone"
		}
		for _, f := range ex.Fields {
			view.Fields = append(view.Fields, ExerciseField{ID: f.ID, Label: f.Label, Long: f.Size == "long"})
		}
		d.Exercises = append(d.Exercises, view)
	}
	return d, nil
}

func outline(st program.Step) StepOutline {
	return StepOutline{ID: st.ID, Order: st.Order, Title: st.Title, Summary: st.Summary, Time: st.Time, ShortPath: st.ShortPath}
}
