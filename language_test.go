package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// forbiddenWords name people by the worst thing that happened. Goldseam says "the partner
// who was hurt" and "the partner who broke trust" instead, everywhere a person can read.
var forbiddenWords = regexp.MustCompile(`(?i)\b(offenders?|betrayers?|victims?|cheaters?|guilty part(y|ies))\b`)

// TestNoWordThatLabelsAPerson reads every file a person's eyes can reach through the app:
// the interface's source, the program's content, and the Go code whose messages reach the
// screen. Tests are left out; they may name the words to check for them.
func TestNoWordThatLabelsAPerson(t *testing.T) {
	roots := []string{"frontend/src", "frontend/index.html", "internal", "main.go", "app.go"}
	scanned := 0
	for _, root := range roots {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if strings.HasSuffix(path, "_test.go") || strings.Contains(path, ".test.") {
				return nil
			}
			switch filepath.Ext(path) {
			case ".go", ".ts", ".svelte", ".md", ".html", ".sql", ".css", ".json":
			default:
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			scanned++
			for i, line := range strings.Split(string(data), "\n") {
				if m := forbiddenWords.FindString(line); m != "" {
					t.Errorf("%s:%d uses %q: say \"the partner who was hurt\" or \"the partner who broke trust\"", path, i+1, m)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if scanned < 50 {
		t.Fatalf("only %d files read; the check is looking in the wrong place", scanned)
	}
}
