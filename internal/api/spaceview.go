package api

// STUB until branch generic is merged: the shared contract of docs (common.md), replaced by
// generic's own file at the merge.

import (
	"context"
	"sort"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

type Writer struct {
	Role string `json:"role"`
	Name string `json:"name"`
	At   string `json:"at"`
	Here bool   `json:"here"`
}
type Candidate struct {
	Change string `json:"change"`
	Value  any    `json:"value"`
	By     Writer `json:"by"`
}
type Tie struct {
	Record     string      `json:"record"`
	Field      string      `json:"field"`
	Candidates []Candidate `json:"candidates"`
}
type Earlier struct {
	Field string `json:"field"`
	Value any    `json:"value"`
	By    Writer `json:"by"`
}
type Written struct {
	By      Writer    `json:"by"`
	Changed Writer    `json:"changed"`
	Ties    []Tie     `json:"ties"`
	Earlier []Earlier `json:"earlier"`
}

func writerOf(e space.Entry, here string) Writer {
	return Writer{Role: e.Person.Role, Name: e.Person.Name, At: stamp(e.At), Here: e.Device == here}
}

func writtenOf(rec space.RecordState, here string) Written {
	out := Written{Ties: []Tie{}, Earlier: []Earlier{}}
	var first, last *space.Entry
	names := make([]string, 0, len(rec.Fields))
	for name := range rec.Fields {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		f := rec.Fields[name]
		for _, list := range [][]space.Entry{f.History, f.Current} {
			for i := range list {
				e := &list[i]
				if first == nil || e.Clock < first.Clock {
					first = e
				}
				if last == nil || e.Clock > last.Clock {
					last = e
				}
			}
		}
		if f.Conflict {
			t := Tie{Record: rec.ID, Field: name}
			for _, e := range f.Current {
				t.Candidates = append(t.Candidates, Candidate{Change: e.Change, Value: e.Value, By: writerOf(e, here)})
			}
			out.Ties = append(out.Ties, t)
		}
		if name != space.FieldDeleted {
			for i := len(f.History) - 1; i >= 0; i-- {
				out.Earlier = append(out.Earlier, Earlier{Field: name, Value: f.History[i].Value, By: writerOf(f.History[i], here)})
			}
		}
	}
	if first != nil {
		out.By, out.Changed = writerOf(*first, here), writerOf(*last, here)
	}
	return out
}

func (k sharedKey) here(ctx context.Context) (string, error) { return vault.DeviceID(ctx, k.db.SQL()) }
