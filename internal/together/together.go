// Package together owns the answers to the program's prompts meant for both ("What I most need
// from you now", program.SharedPrompt): each partner answers on their own computer, the answer
// is shared with the other, and neither sees the other's until both have answered
// (internal/reveal). Each answer is a record of kind "prompt-answer" on the change log, one per
// person (space.PersonalRecordID), its parent the prompt's id. These are the only program
// answers that are shared: exercises, step notes and the journal stay private and are never on
// the log.
package together

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/reveal"
	"github.com/goldseam/goldseam/internal/space"
)

// Kind is the kind of an answer record; reveal.Answered names it, so releases are owed for it.
const Kind = "prompt-answer"

const (
	fieldText = "text"
	maxText   = 20_000
	maxPrompt = 200
)

// Answer is one partner's answer to a prompt as this computer can read it.
type Answer struct {
	Name string `json:"name"` // the partner's name now
	Text string `json:"text"` // "" while hidden
	// Hidden says the answer is here, locked, and cannot be opened on this computer yet.
	Hidden bool `json:"hidden"`
	// Mine says it is the answer of the person at this computer.
	Mine bool   `json:"mine"`
	At   string `json:"at"` // when its latest version was written (RFC 3339); "" while hidden
}

var (
	errEmpty  = apperr.New(apperr.Invalid, "There is nothing to keep yet: please write your answer first.")
	errLong   = apperr.New(apperr.Invalid, "This answer is longer than Goldseam keeps in one piece; please shorten it.")
	errPrompt = apperr.New(apperr.Invalid, "That question is not one Goldseam knows.")
)

func checkPrompt(prompt string) error {
	if prompt == "" || len(prompt) > maxPrompt {
		return errPrompt
	}
	return nil
}

// Save keeps the answer text to prompt of log's person (the person at this computer) on log,
// sealed (reveal.Write), unless it is the answer this computer already reads as theirs.
// Releases owed are appended with it.
func Save(ctx context.Context, log *space.Log, prompt, text string) error {
	if err := checkPrompt(prompt); err != nil {
		return err
	}
	text = strings.TrimSpace(text)
	switch {
	case text == "":
		return errEmpty
	case utf8.RuneCountInString(text) > maxText:
		return errLong
	}
	now, err := Read(ctx, log, prompt, space.CoupleSettings{})
	if err != nil {
		return err
	}
	for _, a := range now {
		if a.Mine && !a.Hidden && a.Text == text {
			return nil
		}
	}
	return reveal.Write(ctx, log, Kind, prompt, log.Person(), map[string]string{fieldText: text})
}

// Read returns the answers to prompt on log, in the order of the couple's names, each named
// by names (a partner renamed is renamed here too). log's person is who is at this computer.
func Read(ctx context.Context, log *space.Log, prompt string, names space.CoupleSettings) ([]Answer, error) {
	if err := checkPrompt(prompt); err != nil {
		return nil, err
	}
	st, err := log.Kind(ctx, Kind)
	if err != nil {
		return nil, err
	}
	opener, err := reveal.NewReader(ctx, log)
	if err != nil {
		return nil, err
	}
	type placed struct {
		Answer
		place int
	}
	var found []placed
	for _, rec := range st.Records {
		if rec.Parent != prompt || rec.Deleted {
			continue
		}
		opened, hidden := opener.Unseal(rec)
		a := placed{Answer: Answer{Hidden: hidden}, place: len(names.Names)}
		for i := range names.Names {
			if p := names.Partner(i); rec.ID == space.PersonalRecordID(Kind, prompt, p) {
				a.Name, a.place = p.Name, i
			}
		}
		a.Mine = rec.ID == space.PersonalRecordID(Kind, prompt, log.Person())
		if f := opened.Fields[fieldText]; !hidden && len(f.Current) > 0 {
			_ = json.Unmarshal(f.Shown(), &a.Text)
			a.At = f.Current[len(f.Current)-1].At.UTC().Format(time.RFC3339)
		}
		found = append(found, a)
	}
	sort.Slice(found, func(i, j int) bool { return found[i].place < found[j].place }) // sort, not slices: binary size
	out := make([]Answer, 0, len(found))
	for _, a := range found {
		out = append(out, a.Answer)
	}
	return out, nil
}
