package main

import (
	"encoding/json"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// helplinesFile is the offline list the Safety and support page shows before and after
// unlocking (frontend/src/screens/safety/Helplines.svelte).
const helplinesFile = "frontend/src/screens/safety/helplines.json"

type sourced struct {
	Number  string `json:"number"`
	Source  string `json:"source"`
	Checked string `json:"checked"`
}

type helpline struct {
	sourced
	Name string `json:"name"`
	For  string `json:"for"`
	Note string `json:"note"`
}

type helplineCountry struct {
	Country   string     `json:"country"`
	Emergency *sourced   `json:"emergency"`
	Lines     []helpline `json:"lines"`
}

// checkSourced holds every number to the rule the page promises: a number a person could
// dial, the public https page it was read on, and the day it was checked (never guessed).
func checkSourced(t *testing.T, where string, s sourced) {
	t.Helper()
	if !regexp.MustCompile(`^[0-9][0-9 -]*[0-9]$|^[0-9]$`).MatchString(s.Number) {
		t.Errorf("%s: number %q is not a number a person can dial", where, s.Number)
	}
	u, err := url.Parse(s.Source)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" {
		t.Errorf("%s: source %q is not a public https page (without tracking parameters)", where, s.Source)
	}
	day, err := time.Parse(time.DateOnly, s.Checked)
	if err != nil || day.Before(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)) || day.After(time.Now()) {
		t.Errorf("%s: checked %q is not a date on which the number was read", where, s.Checked)
	}
}

// TestHelplinesAreSourcedSortedAndUnique reads the offline list of helplines.
func TestHelplinesAreSourcedSortedAndUnique(t *testing.T) {
	data, err := os.ReadFile(helplinesFile)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Countries []helplineCountry `json:"countries"`
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw["countries"], &file.Countries); err != nil {
		t.Fatal(err)
	}
	if len(file.Countries) < 5 {
		t.Fatalf("only %d countries: the list is not being read", len(file.Countries))
	}
	names := []string{}
	kinds := map[string]int{}
	for _, c := range file.Countries {
		if strings.TrimSpace(c.Country) == "" || len(c.Lines) == 0 {
			t.Errorf("country %q has no name or no lines", c.Country)
		}
		names = append(names, c.Country)
		if c.Emergency != nil {
			checkSourced(t, c.Country+" emergency", *c.Emergency)
		}
		seen := map[string]bool{}
		for _, l := range c.Lines {
			where := c.Country + " " + l.Name
			checkSourced(t, where, l.sourced)
			if !slices.Contains([]string{"crisis", "afraid", "own-behaviour"}, l.For) {
				t.Errorf("%s: for %q is not crisis, afraid or own-behaviour", where, l.For)
			}
			if l.Name == "" || l.Note == "" {
				t.Errorf("%s: a line needs a name and a note in our own words", where)
			}
			key := l.For + " " + l.Number
			if seen[key] {
				t.Errorf("%s: %s is listed twice", where, key)
			}
			seen[key] = true
			kinds[l.For]++
		}
	}
	if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Errorf("countries must be sorted by name and listed once: %v", names)
	}
	for _, k := range []string{"crisis", "afraid", "own-behaviour"} {
		if kinds[k] == 0 {
			t.Errorf("no line at all for %q", k)
		}
	}
}
