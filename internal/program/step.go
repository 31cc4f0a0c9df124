package program

// Reading one step's page: its front matter, its sections, its exercise.

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// The sections every step must have, by their headings.
const (
	headWhy        = "Why this matters"
	headHurt       = "If you were hurt"
	headBrokeTrust = "If you broke trust"
	headBoth       = "For both of you"
	headExercise   = "Exercise"
	headExHurt     = "Exercise (if you were hurt)"
	headExBroke    = "Exercise (if you broke trust)"
	// headTogether is optional: lines "- <name> | <question>", each a prompt both answer and
	// see together (SharedPrompt).
	headTogether = "Answered together"
)

// readStep reads one step's page: its front matter, then its sections. Every problem with
// the sections is reported at once, so whoever writes the content sees them all.
func readStep(fsys fs.FS, name string) (Step, error) {
	meta, body, err := readDoc(fsys, name)
	if err != nil {
		return Step{}, err
	}
	st, err := stepHeader(meta, name)
	if err != nil {
		return Step{}, err
	}
	sections, err := splitSections(body)
	if err != nil {
		return Step{}, err
	}
	problems := st.readPrompts(sections)
	problems = append(problems, st.readExercises(sections)...)
	problems = append(problems, st.readTogether(sections[headTogether])...)
	problems = append(problems, checkSections(sections)...)
	if len(problems) > 0 {
		return Step{}, errors.Join(problems...)
	}
	return st, nil
}

// stepHeader reads a step's front matter, and checks that its file is named after its order
// and id.
func stepHeader(meta map[string]string, name string) (Step, error) {
	if err := require(meta, "id", "phase", "title", "summary", "time"); err != nil {
		return Step{}, err
	}
	st := Step{ID: meta["id"], Phase: meta["phase"], Title: meta["title"], Summary: meta["summary"], Time: meta["time"],
		Prompts: map[Role][]string{}, Exercises: map[Role]Exercise{}}
	var err error
	if st.Order, err = strconv.Atoi(meta["order"]); err != nil {
		return Step{}, fmt.Errorf("order %q is not a number", meta["order"])
	}
	switch meta["short_path"] {
	case "yes":
		st.ShortPath = true
	case "no":
	default:
		return Step{}, fmt.Errorf("short_path must be yes or no, not %q", meta["short_path"])
	}
	if want := fmt.Sprintf("%02d-%s", st.Order, st.ID); strings.TrimSuffix(path.Base(name), ".md") != want {
		return Step{}, fmt.Errorf("the file should be named %s.md, after its order and id", want)
	}
	return st, nil
}

// readPrompts reads why the step matters and the prompts for each role and for both.
func (st *Step) readPrompts(sections map[string]string) []error {
	var problems []error
	need := func(head string) string {
		text := strings.TrimSpace(sections[head])
		if text == "" {
			problems = append(problems, fmt.Errorf("missing or empty section %q", "# "+head))
		}
		return text
	}
	st.Why = need(headWhy)
	st.Prompts[Hurt] = prompts(need(headHurt))
	st.Prompts[BrokeTrust] = prompts(need(headBrokeTrust))
	st.Both = prompts(need(headBoth))
	for role, list := range map[string][]string{headHurt: st.Prompts[Hurt], headBrokeTrust: st.Prompts[BrokeTrust], headBoth: st.Both} {
		if len(list) == 0 && sections[role] != "" {
			problems = append(problems, fmt.Errorf("section %q has no prompts (lines starting with \"- \")", "# "+role))
		}
	}
	return problems
}

// readExercises reads the step's exercise: one for both, or one for each role.
func (st *Step) readExercises(sections map[string]string) []error {
	var problems []error
	var err error
	_, shared := sections[headExercise]
	_, forHurt := sections[headExHurt]
	_, forBroke := sections[headExBroke]
	switch {
	case shared && !forHurt && !forBroke:
		st.Exercises[Unsaid], err = readExercise(sections[headExercise])
		problems = appendErr(problems, "# "+headExercise, err)
	case !shared && forHurt && forBroke:
		st.Exercises[Hurt], err = readExercise(sections[headExHurt])
		problems = appendErr(problems, "# "+headExHurt, err)
		st.Exercises[BrokeTrust], err = readExercise(sections[headExBroke])
		problems = appendErr(problems, "# "+headExBroke, err)
	default:
		problems = append(problems, errors.New(`a step needs "# Exercise", or both "# Exercise (if you were hurt)" and "# Exercise (if you broke trust)"`))
	}
	return problems
}

// readTogether reads the prompts answered together, "- <name> | <question>" each, a name of
// lowercase letters and dashes, unique in the step.
func (st *Step) readTogether(section string) []error {
	var problems []error
	for _, line := range prompts(section) {
		name, question, ok := strings.Cut(line, "|")
		name, question = strings.TrimSpace(name), strings.TrimSpace(question)
		id := st.ID + "/" + name
		switch {
		case !ok || question == "" || name == "" || strings.Trim(name, "abcdefghijklmnopqrstuvwxyz-") != "":
			problems = append(problems, fmt.Errorf("in %q, %q should be \"- <name> | <question>\", the name in lowercase letters and dashes", "# "+headTogether, line))
		case slices.ContainsFunc(st.Together, func(p SharedPrompt) bool { return p.ID == id }):
			problems = append(problems, fmt.Errorf("in %q, the name %q is used twice", "# "+headTogether, name))
		default:
			st.Together = append(st.Together, SharedPrompt{ID: id, Question: question})
		}
	}
	return problems
}

// checkSections refuses a section it does not know and a heading inside a section that is
// not a level below the step page's own.
func checkSections(sections map[string]string) []error {
	var problems []error
	for head, text := range sections {
		for _, line := range strings.Split(text, "\n") {
			if strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "### ") {
				problems = append(problems, fmt.Errorf("in %q, the heading %q should start with \"### \" (the step page's own headings are a level above)", "# "+head, line))
			}
		}
		if !slices.Contains([]string{headWhy, headHurt, headBrokeTrust, headBoth, headExercise, headExHurt, headExBroke, headTogether}, head) {
			problems = append(problems, fmt.Errorf("unknown section %q", "# "+head))
		}
	}
	return problems
}

func appendErr(list []error, where string, err error) []error {
	if err != nil {
		return append(list, fmt.Errorf("%s: %w", where, err))
	}
	return list
}

// readExercise reads "key: value" lines (kind, title, keeps, field…), a blank line, and
// the exercise's introduction.
func readExercise(text string) (Exercise, error) {
	var ex Exercise
	head, intro, _ := strings.Cut(strings.TrimSpace(text), "\n\n")
	ex.Intro = strings.TrimSpace(intro)
	for _, line := range strings.Split(head, "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return Exercise{}, fmt.Errorf("line %q is not \"key: value\"", line)
		}
		value = strings.TrimSpace(value)
		switch strings.TrimSpace(key) {
		case "kind":
			ex.Kind = value
		case "title":
			ex.Title = value
		case "keeps":
			ex.Keeps = value
		case "field":
			parts := strings.Split(value, "|")
			if len(parts) != 3 {
				return Exercise{}, fmt.Errorf("field %q: want \"id | label | short or long\"", value)
			}
			f := Field{ID: strings.TrimSpace(parts[0]), Label: strings.TrimSpace(parts[1]), Size: strings.TrimSpace(parts[2])}
			if f.ID == "" || f.Label == "" || !slices.Contains(FieldSizes, f.Size) {
				return Exercise{}, fmt.Errorf("field %q: want \"id | label | short or long\"", value)
			}
			if slices.ContainsFunc(ex.Fields, func(g Field) bool { return g.ID == f.ID }) {
				return Exercise{}, fmt.Errorf("field id %q is used twice", f.ID)
			}
			ex.Fields = append(ex.Fields, f)
		default:
			return Exercise{}, fmt.Errorf("unknown key %q", key)
		}
	}
	switch {
	case !slices.Contains(Kinds, ex.Kind):
		return Exercise{}, fmt.Errorf("kind %q is not one of %s", ex.Kind, strings.Join(Kinds, ", "))
	case ex.Title == "" || ex.Keeps == "":
		return Exercise{}, errors.New("an exercise needs a title and says what the person keeps (keeps:)")
	case (ex.Kind == "form" || ex.Kind == "appraisal" || ex.Kind == "list") && len(ex.Fields) == 0:
		return Exercise{}, fmt.Errorf("a %s exercise needs at least one field", ex.Kind)
	case ex.Intro == "":
		return Exercise{}, errors.New("the exercise has no introduction after its keys")
	}
	return ex, nil
}
