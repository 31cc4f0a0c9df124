// Package program owns the guided program's content: the phases and steps, their prompts
// for each partner and their exercises, read from Markdown files embedded in the binary
// and checked when Goldseam starts. Adding a step or a language is a matter of files:
// content/<language>/phases/*.md and content/<language>/steps/*.md.
package program

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Kinds of exercise, each producing something the person keeps.
var Kinds = []string{"form", "list", "journal", "agreements", "experiences", "appraisal"}

// FieldSizes are the sizes a form field can be.
var FieldSizes = []string{"short", "long"}

// Program is the whole program in one language.
type Program struct {
	Phases []Phase
	Steps  []Step
}

// Phase is a group of steps.
type Phase struct {
	ID, Title, Summary string
	Order              int
	Intro              string // Markdown
}

// Step is one step of the program.
type Step struct {
	ID, Phase, Title, Summary, Time string
	Order                           int
	ShortPath                       bool   // part of the shortest way through
	Why                             string // Markdown
	Prompts                         map[Role][]string
	Both                            []string
	// Exercises holds one exercise for everyone under Unsaid, or one per partner under
	// Hurt and BrokeTrust.
	Exercises map[Role]Exercise
	// Together are the step's prompts answered together: each partner's answer is shared
	// with the other and seen only once both have answered (internal/together), unlike an
	// exercise, which stays in this computer's private records.
	Together []SharedPrompt
}

// SharedPrompt is a prompt meant for both: each answers it, and both answers are shown
// together. Its ID, "<step id>/<name>", never changes (answers are sealed under it).
type SharedPrompt struct {
	ID       string `json:"id"`
	Question string `json:"question"`
}

// Exercise is what a step asks a person to do and keep.
type Exercise struct {
	Kind, Title, Keeps string
	Fields             []Field
	Intro              string // Markdown
}

// Field is one answer an exercise asks for.
type Field struct {
	ID, Label, Size string
}

// Load reads and checks the program in language lang from the embedded content (embedded
// plain in tests and the browser-test build, packed in the app: content_*.go).
func Load(lang string) (*Program, error) {
	return LoadFS(embedded(), path.Join("content", lang))
}

// LoadFS reads and checks the program under dir in fsys. Every problem found is reported,
// each naming its file, so a content author can fix them all at once.
func LoadFS(fsys fs.FS, dir string) (*Program, error) {
	var p Program
	var problems []error
	phaseFiles, err := fs.Glob(fsys, path.Join(dir, "phases", "*.md"))
	if err != nil || len(phaseFiles) == 0 {
		return nil, fmt.Errorf("program content: no phases under %s", dir)
	}
	for _, name := range phaseFiles {
		ph, err := readPhase(fsys, name)
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", name, err))
			continue
		}
		p.Phases = append(p.Phases, ph)
	}
	stepFiles, _ := fs.Glob(fsys, path.Join(dir, "steps", "*.md"))
	for _, name := range stepFiles {
		st, err := readStep(fsys, name)
		if err != nil {
			problems = append(problems, fmt.Errorf("%s: %w", name, err))
			continue
		}
		p.Steps = append(p.Steps, st)
	}
	// sort, not slices: see docs/architecture.md, binary size.
	sort.Slice(p.Phases, func(i, j int) bool { return p.Phases[i].Order < p.Phases[j].Order })
	sort.Slice(p.Steps, func(i, j int) bool { return p.Steps[i].Order < p.Steps[j].Order })
	problems = append(problems, p.checkWhole()...)
	if len(problems) > 0 {
		return nil, fmt.Errorf("program content under %s: %w", dir, errors.Join(problems...))
	}
	return &p, nil
}

// checkWhole checks what no single file can: numbering, and that every step's phase exists.
func (p *Program) checkWhole() []error {
	var problems []error
	phases := map[string]bool{}
	for i, ph := range p.Phases {
		if ph.Order != i+1 {
			problems = append(problems, fmt.Errorf("phase %q: order %d, want %d (phases are numbered 1, 2, 3… without gaps)", ph.ID, ph.Order, i+1))
		}
		if phases[ph.ID] {
			problems = append(problems, fmt.Errorf("phase id %q is used twice", ph.ID))
		}
		phases[ph.ID] = true
	}
	steps := map[string]bool{}
	for i, st := range p.Steps {
		if st.Order != i+1 {
			problems = append(problems, fmt.Errorf("step %q: order %d, want %d (steps are numbered 1, 2, 3… without gaps)", st.ID, st.Order, i+1))
		}
		if !phases[st.Phase] {
			problems = append(problems, fmt.Errorf("step %q: no phase %q", st.ID, st.Phase))
		}
		if steps[st.ID] {
			problems = append(problems, fmt.Errorf("step id %q is used twice", st.ID))
		}
		steps[st.ID] = true
	}
	for _, ph := range p.Phases {
		if !slices.ContainsFunc(p.Steps, func(s Step) bool { return s.Phase == ph.ID }) {
			problems = append(problems, fmt.Errorf("phase %q has no steps", ph.ID))
		}
	}
	return problems
}

// Step returns the step with id.
func (p *Program) Step(id string) (Step, bool) {
	i := slices.IndexFunc(p.Steps, func(s Step) bool { return s.ID == id })
	if i < 0 {
		return Step{}, false
	}
	return p.Steps[i], true
}

func readPhase(fsys fs.FS, name string) (Phase, error) {
	meta, body, err := readDoc(fsys, name)
	if err != nil {
		return Phase{}, err
	}
	ph := Phase{ID: meta["id"], Title: meta["title"], Summary: meta["summary"], Intro: strings.TrimSpace(body)}
	if ph.Order, err = strconv.Atoi(meta["order"]); err != nil {
		return Phase{}, fmt.Errorf("order %q is not a number", meta["order"])
	}
	if err := require(meta, "id", "title", "summary"); err != nil {
		return Phase{}, err
	}
	if ph.Intro == "" {
		return Phase{}, errors.New("the phase has no introduction")
	}
	return ph, nil
}

// readDoc splits a file into its front matter ("key: value" lines between two "---"
// lines) and its body.
func readDoc(fsys fs.FS, name string) (map[string]string, string, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, "", err
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	rest, ok := strings.CutPrefix(text, "---\n")
	if !ok {
		return nil, "", errors.New("the file does not start with front matter (---)")
	}
	front, body, ok := strings.Cut(rest, "\n---\n")
	if !ok {
		return nil, "", errors.New("the front matter is not closed with ---")
	}
	meta := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(front))
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			return nil, "", fmt.Errorf("front matter line %q is not \"key: value\"", sc.Text())
		}
		meta[strings.TrimSpace(key)] = strings.TrimSpace(value)
	}
	return meta, body, nil
}

func require(meta map[string]string, keys ...string) error {
	for _, k := range keys {
		if meta[k] == "" {
			return fmt.Errorf("front matter needs %q", k)
		}
	}
	return nil
}

// splitSections splits a step's body at its "# " headings.
func splitSections(body string) (map[string]string, error) {
	sections := map[string]string{}
	current := ""
	var b strings.Builder
	flush := func() {
		if current != "" {
			sections[current] = b.String()
		}
		b.Reset()
	}
	for _, line := range strings.Split(body, "\n") {
		if head, ok := strings.CutPrefix(line, "# "); ok {
			flush()
			current = strings.TrimSpace(head)
			if _, dup := sections[current]; dup {
				return nil, fmt.Errorf("section %q appears twice", line)
			}
			continue
		}
		if current == "" && strings.TrimSpace(line) != "" {
			return nil, errors.New("text before the first section heading")
		}
		b.WriteString(line + "\n")
	}
	flush()
	return sections, nil
}

// prompts are the "- " lines of a section.
func prompts(section string) []string {
	var out []string
	for _, line := range strings.Split(section, "\n") {
		if p, ok := strings.CutPrefix(strings.TrimSpace(line), "- "); ok {
			out = append(out, strings.TrimSpace(p))
		}
	}
	return out
}
