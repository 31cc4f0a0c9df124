package main

import (
	"fmt"
	"strings"
	"testing"
)

// topLevelYAML reads the top-level scalar fields of a YAML file such as build/linux/nfpm.yaml:
// "key: value" (quotes taken off) and the literal blocks "key: |" and "key: |-". Lists and
// maps under a key are skipped; that is all this test needs, and it keeps an archived YAML
// library out of go.mod. Anything else at the top level is an error rather than a guess.
func topLevelYAML(data string) (map[string]string, error) {
	out := map[string]string{}
	lines := strings.Split(data, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, " ") || strings.HasPrefix(line, "-") {
			continue // blank, a comment, or inside a list or map this reader skips
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok || strings.ContainsAny(key, " \t\"'") {
			return nil, fmt.Errorf("line %d: not a top-level key: %q", i+1, line)
		}
		value = strings.TrimSpace(value)
		if value != "|" && value != "|-" {
			out[key] = strings.Trim(value, `"'`)
			continue
		}
		var block []string
		for i+1 < len(lines) && (strings.HasPrefix(lines[i+1], " ") || strings.TrimSpace(lines[i+1]) == "") {
			i++
			block = append(block, strings.TrimSpace(lines[i]))
		}
		text := strings.TrimRight(strings.Join(block, "\n"), "\n")
		if value == "|" {
			text += "\n"
		}
		out[key] = text
	}
	return out, nil
}

func TestTopLevelYAMLReadsScalarsAndLiteralBlocks(t *testing.T) {
	got, err := topLevelYAML(`# a comment
name: goldseam
version: "${V}"
description: |-
  First line.
  Second line.

depends:
  - libc6 (>= 2.34)
notes: |
  kept with its newline
vendor: 'The Goldseam developers'
`)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"name": "goldseam", "version": "${V}", "description": "First line.\nSecond line.",
		"depends": "", "notes": "kept with its newline\n", "vendor": "The Goldseam developers",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("read %d keys, want %d: %q", len(got), len(want), got)
	}
}

func TestTopLevelYAMLRefusesWhatItCannotRead(t *testing.T) {
	for _, bad := range []string{"just words\n", "two words: x\n", "\"quoted\": x\n"} {
		if _, err := topLevelYAML(bad); err == nil {
			t.Errorf("%q was read without an error", bad)
		}
	}
}
