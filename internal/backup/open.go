package backup

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/space"
)

// OpenExport is everything in one plain JSON document: the same records as a backup's parts.
type openExport struct {
	Format          int              `json:"format"`
	App             string           `json:"app"`
	AppVersion      string           `json:"appVersion"`
	CreatedAt       time.Time        `json:"createdAt"`
	Journal         []journalLine    `json:"journal"`
	Profile         *profileDoc      `json:"profile"`
	StepStates      []stateLine      `json:"stepStates"`
	ExerciseRecords []exerciseLine   `json:"exerciseRecords"`
	Shared          []sharedLine     `json:"shared"`
	SharedChanges   []space.Portable `json:"sharedChanges"`
}

var notInName = regexp.MustCompile(`[^\p{L}\p{N}]+`)

// WriteOpen writes s, unencrypted, to a new folder inside parent: one Markdown file per
// journal entry under journal/, and goldseam.json with everything. It is the way out that
// needs no program at all, so it is deliberately plain: the interface warns before it runs.
// It returns the folder it made.
func WriteOpen(parent string, s Snapshot, appVersion string, now time.Time) (string, error) {
	dir := filepath.Join(parent, "goldseam-export-"+now.Format("2006-01-02-150405"))
	if err := os.MkdirAll(filepath.Join(dir, "journal"), 0o700); err != nil {
		return "", fmt.Errorf("make the export folder: %w", err)
	}
	doc := openExport{Format: FormatVersion, App: "Goldseam", AppVersion: appVersion, CreatedAt: now.UTC(),
		Journal: []journalLine{}, StepStates: []stateLine{}, ExerciseRecords: []exerciseLine{}, Shared: []sharedLine{},
		SharedChanges: append([]space.Portable{}, s.Changes...)}
	used := map[string]bool{}
	for _, e := range s.Entries {
		line := journalToLine(e)
		doc.Journal = append(doc.Journal, line)
		name := e.Date
		if slug := strings.Trim(notInName.ReplaceAllString(strings.ToLower(e.Title), "-"), "-"); slug != "" {
			name += "-" + truncate(slug, 60)
		}
		for n := 2; used[name]; n++ {
			name = fmt.Sprintf("%s-%d", strings.TrimSuffix(name, fmt.Sprintf("-%d", n-1)), n)
		}
		used[name] = true
		if err := os.WriteFile(filepath.Join(dir, "journal", name+".md"), []byte(markdown(line)), 0o600); err != nil {
			return dir, fmt.Errorf("write an entry: %w", err)
		}
	}
	if s.Profile != nil {
		d := profileToDoc(*s.Profile, s.ProfileAt)
		doc.Profile = &d
	}
	for _, st := range s.States {
		doc.StepStates = append(doc.StepStates, stateLine{Step: st.StepID, State: st.State, UpdatedAt: st.UpdatedAt.UTC()})
	}
	for _, r := range s.Exercises {
		doc.ExerciseRecords = append(doc.ExerciseRecords, exerciseLine{ID: r.ID, Step: r.StepID, Answers: r.Answers, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()})
	}
	for _, r := range s.Shared {
		doc.Shared = append(doc.Shared, sharedToLine(r))
	}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return dir, fmt.Errorf("encode the export: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "goldseam.json"), data, 0o600); err != nil {
		return dir, fmt.Errorf("write the export: %w", err)
	}
	return dir, nil
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return strings.Trim(string(r[:n]), "-")
	}
	return s
}

// markdown is one entry as a Markdown file with a small YAML header.
func markdown(l journalLine) string {
	var b strings.Builder
	q := func(s string) string { j, _ := json.Marshal(s); return string(j) } // JSON strings are valid YAML
	fmt.Fprintf(&b, "---\nid: %s\ndate: %s\n", l.ID, l.Date)
	if l.Title != "" {
		fmt.Fprintf(&b, "title: %s\n", q(l.Title))
	}
	if l.Mood > 0 {
		fmt.Fprintf(&b, "mood: %d\n", l.Mood)
	}
	for _, list := range []struct {
		name  string
		items []string
	}{{"feelings", l.Feelings}, {"tags", l.Tags}} {
		if len(list.items) > 0 {
			parts := make([]string, len(list.items))
			for i, it := range list.items {
				parts[i] = q(it)
			}
			fmt.Fprintf(&b, "%s: [%s]\n", list.name, strings.Join(parts, ", "))
		}
	}
	if l.Step != "" {
		fmt.Fprintf(&b, "step: %s\n", l.Step)
	}
	fmt.Fprintf(&b, "created: %s\nupdated: %s\n---\n\n", l.CreatedAt.Format(time.RFC3339), l.UpdatedAt.Format(time.RFC3339))
	if l.Title != "" {
		fmt.Fprintf(&b, "# %s\n\n", l.Title)
	}
	b.WriteString(l.Body)
	if !strings.HasSuffix(l.Body, "\n") {
		b.WriteString("\n")
	}
	return b.String()
}
