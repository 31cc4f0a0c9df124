package importer

import (
	"sort"

	"github.com/goldseam/goldseam/internal/journal"
)

// Files is an export as an importer sees it: the files of one export, whether it came as one
// file, a zip or a folder, each named by its slash-separated path inside the export. Every
// importer reads through it, so the limits on what an export may hold (size, number of files,
// names that climb out of the export) are kept in one place, by whoever opens the export.
type Files interface {
	// Names lists the files, sorted, without folders.
	Names() []string
	// Read gives one file's bytes, or a FormatError when the file is larger than an importer
	// should hold.
	Read(name string) ([]byte, error)
}

// Skipped is one thing in an export that was not imported, said for a person: Where names it
// the way the person would find it in the other app ("entry of 3 May 2021 in Travel"), Why
// says why in one sentence ("It has no words.").
type Skipped struct {
	Where string `json:"where"`
	Why   string `json:"why"`
}

// Export is what an importer read from one export: the entries to add, in the file's
// order, what was left out and why, and the journals (or notebooks) the entries came from,
// whose names the entries carry as tags.
type Export struct {
	Entries  []journal.Entry
	Skipped  []Skipped
	Journals []string
}

// Format is one app's export that Goldseam reads.
type Format struct {
	ID     string // as the interface names it: "dayone", "jrnl", ...
	Name   string // as a person names it: "Day One"
	Folder bool   // the export is a folder (a folder of Markdown files), not a file
	Keeps  string // one sentence for a person: what is brought in and what stays behind
	Read   func(Files) (*Export, error)
}

// memFiles is a Files held in memory, for exports read whole already and for tests.
type memFiles map[string][]byte

// FilesOf makes a Files of named contents held in memory.
func FilesOf(contents map[string][]byte) Files { return memFiles(contents) }

func (m memFiles) Names() []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (m memFiles) Read(name string) ([]byte, error) {
	data, ok := m[name]
	if !ok {
		return nil, formatErr(0, "The export has no file named %s.", name)
	}
	return data, nil
}
