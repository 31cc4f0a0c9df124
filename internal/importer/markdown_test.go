package importer_test

import (
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/importer"
)

func TestMarkdownFixture(t *testing.T) {
	readTwice(t, format(t, "markdown"), folderFiles(t, "markdown"), []full{
		{"2021-01-02", "Quiet morning", "Quiet morning, tea and rain.\nNothing else.", 0, []string{}, []string{}},
		{"2023-12-31", "Last day of the year", "Crème brûlée, fireworks, 信頼 takes time. 😊", 0, []string{}, []string{"year-end", "gratitude"}},
		{"2024-03-05", "", "Woke up early. Walked by the river with Sam. #walk #healing/trust\n\nTalked about the night it all came out; no one raised their voice.\nIssue #12 at work is not a tag, and neither is #2024.\n\n```\n#include <not-a-tag>\n```",
			0, []string{}, []string{"walk", "healing/trust"}},
		{"2022-04-10", "京都 — spring", "Cherry blossoms along the Philosopher's Path.", 0, []string{}, []string{"travel", "japan"}},
	}, []importer.Skipped{
		{Where: "Daily/2024-01-01.md", Why: "It has no words."},
		{Where: "Daily/2999-01-01.md", Why: "Its date is outside the years Goldseam keeps (1900 to 2200)."},
		{Where: "notes/ideas.md", Why: "It has no date Goldseam can read in its name or in a date: line at its top."},
	})
}

func TestMarkdownFrontMatter(t *testing.T) {
	md := format(t, "markdown")
	// Unclosed front matter is words, and the date then comes from the name.
	readTwice(t, md, one("2020-02-02.md", "---\ntitle: x\nno end"), []full{
		{"2020-02-02", "", "---\ntitle: x\nno end", 0, []string{}, []string{}},
	}, nil)
	// Front matter longer than any real one is read as words too.
	long := "---\n" + strings.Repeat("k: v\n", 500) + "---\nbody"
	exp, err := md.Read(one("2020-02-03.md", long))
	if err != nil || len(exp.Entries) != 1 || !strings.HasSuffix(exp.Entries[0].Body, "body") || !strings.HasPrefix(exp.Entries[0].Body, "---") {
		t.Fatalf("got %+v, %v", exp, err)
	}
	readTwice(t, md, one("any name.md", "---\ncreated: '2019/05/06 10:00'\ntags: a b\n---\n# T #\ntext"), []full{
		{"2019-05-06", "T", "text", 0, []string{}, []string{"a", "b"}},
	}, nil)
}

// A zip of the folder holds the folder's name in front of every path; the ids must not change.
func TestMarkdownZipAndFolderSameIDs(t *testing.T) {
	md := format(t, "markdown")
	zipped, err := md.Read(importer.FilesOf(map[string][]byte{"Journal/Daily/2024-01-01.md": []byte("words")}))
	if err != nil {
		t.Fatal(err)
	}
	folder, err := md.Read(importer.FilesOf(map[string][]byte{"Daily/2024-01-01.md": []byte("words")}))
	if err != nil {
		t.Fatal(err)
	}
	if zipped.Entries[0].ID != folder.Entries[0].ID {
		t.Fatal("the zip and its folder give different ids")
	}
}

func TestMarkdownRefuses(t *testing.T) {
	md := format(t, "markdown")
	refused(t, md, importer.FilesOf(map[string][]byte{"photo.jpg": nil, ".obsidian/2020-01-01.md": []byte("x")}), "This folder has no notes saved as .md files in it")
	refused(t, md, one("notes.md", "no date anywhere"), leftOut+"It has no date")
}

// FuzzMarkdown feeds arbitrary bytes as one dated Markdown file. Seeds: a fixture file here,
// and more in testdata/fuzz/FuzzMarkdown.
func FuzzMarkdown(f *testing.F) {
	f.Add(fixture(f, "markdown/Daily/2023-12-31.md"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzExport(t, format(t, "markdown"), importer.FilesOf(map[string][]byte{"2024-03-05.md": data, "journal.md": data}))
	})
}
