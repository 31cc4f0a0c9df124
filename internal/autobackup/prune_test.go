package autobackup_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/autobackup"
)

// touch makes an empty file at dir/name.
func touch(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// TestPruneKeepsTheNewestAndTouchesNothingElse: only names Goldseam itself gives automatic
// backups are counted and removed, oldest first.
func TestPruneKeepsTheNewestAndTouchesNothingElse(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for i := range 5 {
		touch(t, dir, autobackup.FileName("", day.AddDate(0, 0, i)))
	}
	mine := []string{"goldseam-auto-my notes.age", "auto-backup-.age", "auto-backup-2026-11-01T090000Z.age.txt", "holiday.age",
		"backup-2026-11-01.age"}
	for _, n := range mine {
		touch(t, dir, n)
	}
	if err := os.Mkdir(filepath.Join(dir, autobackup.FileName("", day.AddDate(0, 0, -1))), 0o700); err != nil {
		t.Fatal(err)
	}
	removed, err := autobackup.Prune(dir, "", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 3 {
		t.Fatalf("removed %d, want the 3 oldest: %v", len(removed), removed)
	}
	left := names(t, dir)
	for _, n := range append(mine, autobackup.FileName("", day.AddDate(0, 0, 3)), autobackup.FileName("", day.AddDate(0, 0, 4)),
		autobackup.FileName("", day.AddDate(0, 0, -1))) {
		if !slices.Contains(left, n) {
			t.Errorf("%q was removed", n)
		}
	}
}

// TestPruneReadsOnlyTheChosenFolderWhateverItsName: a folder whose name holds glob
// characters (* ? [) must not widen what is removed to other folders, nor stop pruning.
func TestPruneReadsOnlyTheChosenFolderWhateverItsName(t *testing.T) {
	day := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	for _, folder := range []string{"back*", "back?ups", "back[ups"} {
		t.Run(folder, func(t *testing.T) {
			parent := t.TempDir()
			chosen := filepath.Join(parent, folder)
			other := filepath.Join(parent, "backups-of-someone-else")
			for _, dir := range []string{chosen, other} {
				if err := os.Mkdir(dir, 0o700); err != nil {
					t.Fatal(err)
				}
				for i := range 3 {
					touch(t, dir, autobackup.FileName("", day.AddDate(0, 0, i)))
				}
			}
			removed, err := autobackup.Prune(chosen, "", 1)
			if err != nil {
				t.Fatalf("prune %q: %v", folder, err)
			}
			if got := len(names(t, other)); got != 3 {
				t.Fatalf("pruning %q removed %d files from another folder", folder, 3-got)
			}
			if len(removed) != 2 || len(names(t, chosen)) != 1 {
				t.Fatalf("pruning %q removed %v, left %v", folder, removed, names(t, chosen))
			}
		})
	}
}

// TestPruneCountsBackupsMadeUnderTheOldName: automatic backups were called goldseam-auto-*;
// they are now auto-backup-*, a name that does not say what made them. Both count, by the
// time they hold, so the oldest go first whichever name they carry.
func TestPruneCountsBackupsMadeUnderTheOldName(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	old := []string{
		"goldseam-auto-" + day.Format("2006-01-02T150405Z") + ".age",
		"goldseam-auto-" + day.AddDate(0, 0, 2).Format("2006-01-02T150405Z") + ".age",
	}
	for _, n := range old {
		touch(t, dir, n)
	}
	touch(t, dir, autobackup.FileName("", day.AddDate(0, 0, 1)))
	newest := touch(t, dir, autobackup.FileName("", day.AddDate(0, 0, 3)))
	if n := filepath.Base(newest); strings.Contains(strings.ToLower(n), "goldseam") {
		t.Fatalf("an automatic backup is still called %q", n)
	}
	removed, err := autobackup.Prune(dir, "", 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, old[0]), filepath.Join(dir, autobackup.FileName("", day.AddDate(0, 0, 1)))}
	if !slices.Equal(removed, want) {
		t.Fatalf("removed %v, want the two oldest %v", removed, want)
	}
}

// TestPruneTouchesOnlyOnePersonsBackups: two people who use Goldseam on one computer chose
// the same folder. Each one's pruning keeps its own newest and never removes the other's,
// whichever keeps fewer.
func TestPruneTouchesOnlyOnePersonsBackups(t *testing.T) {
	dir := t.TempDir()
	day := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	var first, second []string
	for i := 0; i < 4; i++ {
		first = append(first, touch(t, dir, autobackup.FileName("", day.AddDate(0, 0, i))))
		second = append(second, touch(t, dir, autobackup.FileName("2", day.AddDate(0, 0, i).Add(time.Hour))))
	}
	removed, err := autobackup.Prune(dir, "2", 1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(removed, second[:3]) {
		t.Fatalf("the second person's pruning removed %v, want only their three oldest %v", removed, second[:3])
	}
	removed, err = autobackup.Prune(dir, "", 3)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(removed, first[:1]) {
		t.Fatalf("the first person's pruning removed %v, want only their oldest %v", removed, first[:1])
	}
	left := names(t, dir)
	if !slices.Contains(left, filepath.Base(second[3])) || len(left) != 4 {
		t.Fatalf("left %v: want the first person's three newest and the second person's newest", left)
	}
}
