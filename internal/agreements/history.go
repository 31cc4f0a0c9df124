package agreements

import (
	"encoding/json"
	"sort"

	"github.com/goldseam/goldseam/internal/space"
)

// Step is one line of an agreement's history, read from its changes: nothing of it is stored
// apart from what it tells of.
type Step struct {
	Event
	Entry space.Entry // the change it was read from; zero for the old table's lines
}

// History is what happened to the agreement, oldest first: the old table's lines when it was
// moved, then every version written, every signature, "agreed" each time both partners had
// signed one wording, and every phase it went through.
func (d Detail) History() []Step {
	moved := len(d.Before) > 0
	var out []Step
	for _, e := range d.Before {
		out = append(out, Step{Event: e})
	}
	number := map[string]int{}
	for _, v := range d.Versions {
		number[v.ID] = v.Number
		if moved && !v.Written.Equal(v.By.At) {
			continue // carried by the move: the old lines tell of it
		}
		what := "revised"
		if v.Revises == "" {
			what = "wrote"
		}
		out = append(out, Step{Event{What: what, By: v.By.Person.Name, Version: v.Number, At: v.By.At}, v.By})
	}
	out = append(out, d.signed(number, moved)...)
	out = append(out, d.phaseSteps(moved)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// signed is a line per signature and one "agreed" when both partners signed one wording.
func (d Detail) signed(number map[string]int, moved bool) []Step {
	var out []Step
	last := map[string]Signature{}
	count := map[string]int{}
	for _, s := range d.Signatures {
		count[s.Version]++
		if !last[s.Version].Written.After(s.Written) {
			last[s.Version] = s
		}
		if moved && !s.Written.Equal(s.By.At) {
			continue
		}
		out = append(out, Step{Event{What: "signed", By: s.Person.Name, Version: number[s.Version], At: s.By.At}, s.By})
	}
	for v, n := range count {
		if n >= 2 && (!moved || last[v].Written.Equal(last[v].By.At)) {
			out = append(out, Step{Event: Event{What: "agreed", Version: number[v], At: last[v].Written}})
		}
	}
	return out
}

// phaseSteps is a line per change of phase: put forward, begun, reviewed and kept, retired.
func (d Detail) phaseSteps(moved bool) []Step {
	f := d.Record.Fields[FieldPhase]
	var out []Step
	before := ""
	for i, e := range entries(f) {
		var p string
		_ = json.Unmarshal(e.Value, &p)
		what := map[string]string{Proposed: "proposed", Active: "began", Retired: "retired"}[p]
		switch {
		case p == Active && before == Active:
			what = "reviewed and kept"
		case p == Proposed && before == Active:
			what = "" // a revision of an agreement being kept: "revised" tells of it
		}
		before = p
		if what == "" || moved && i == 0 {
			continue // the first draft is told by "wrote"; a moved one's by the old lines
		}
		s := Step{Event{What: what, By: e.Person.Name, Version: d.Current.Number, At: e.At}, e}
		if p == Retired {
			s.Note = d.Note
		}
		out = append(out, s)
	}
	return out
}
