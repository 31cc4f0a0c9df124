package api_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/api"
)

// dayOneFile writes a Day One export of two entries whose texts are given, last changed at
// modified, and returns its path.
func dayOneFile(t *testing.T, modified time.Time, first, second string) string {
	t.Helper()
	at := modified.UTC().Format(time.RFC3339)
	doc := fmt.Sprintf(`{"metadata":{"version":"1.0"},"entries":[
		{"uuid":"0A1B2C3D4E5F60718293A4B5C6D7E8F9","creationDate":"2024-05-01T09:00:00Z","modifiedDate":%q,"timeZone":"UTC","text":%q},
		{"uuid":"1A1B2C3D4E5F60718293A4B5C6D7E8F9","creationDate":"2024-05-02T09:00:00Z","modifiedDate":%q,"timeZone":"UTC","text":%q}]}`,
		at, first, at, second)
	path := filepath.Join(t.TempDir(), "Journal.json")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestAnImportOnlyAddsAndSaysWhatItLeft: importing the export again after it changed in
// the other app never overwrites an entry here (nor brings back one moved to the trash); it
// says how many differ and leaves them. Before, a newer copy in the file replaced the
// entry the person had since edited here, and undeleted the one they had deleted.
func TestAnImportOnlyAddsAndSaysWhatItLeft(t *testing.T) {
	r := newVaultRig(t)
	b := api.NewBackup(r.host, r.db, r.session, nil)
	j := api.NewJournal(r.db, r.session, nil)
	r.create(t)
	r.host.savePath = dayOneFile(t, time.Date(2024, 5, 2, 8, 0, 0, 0, time.UTC), "A walk by the river", "The porch talk")
	first, err := previewAndImport(b, "dayone")
	if err != nil || first.Added != 2 {
		t.Fatalf("first import %+v %v", first, err)
	}
	list, _ := j.List(0, 10)
	byBody := map[string]api.JournalEntry{}
	for _, s := range list.Entries {
		e, err := j.Get(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		byBody[e.Body] = e
	}
	walk, porch := byBody["A walk by the river"], byBody["The porch talk"]
	if walk.ID == "" || porch.ID == "" {
		t.Fatalf("imported entries not found: %v", byBody)
	}
	if _, err := j.Save(api.EntryInput{ID: walk.ID, Date: walk.Date, Body: "A walk by the river. What I added here later."}); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Delete(porch.ID); err != nil {
		t.Fatal(err)
	}

	// The same entries, changed since in Day One (a minute from now), imported again.
	r.host.savePath = dayOneFile(t, time.Now().Add(time.Minute), "A walk by the river, changed in Day One", "The porch talk, changed in Day One")
	again, err := previewAndImport(b, "dayone")
	if err != nil {
		t.Fatal(err)
	}
	if again.Added != 0 || again.Differ != 2 || again.Unchanged != 0 {
		t.Fatalf("second import %+v, want nothing added and 2 that differ, left as they are", again)
	}
	if e, err := j.Get(walk.ID); err != nil || e.Body != "A walk by the river. What I added here later." {
		t.Fatalf("the entry edited here was changed by the import: %q %v", e.Body, err)
	}
	if after, _ := j.List(0, 10); after.Total != 1 {
		t.Fatalf("%d entries listed; the deleted one came back", after.Total)
	}
	// The first file again: the entry edited here differs from it, the one in the trash
	// does not; neither is touched.
	r.host.savePath = dayOneFile(t, time.Date(2024, 5, 2, 8, 0, 0, 0, time.UTC), "A walk by the river", "The porch talk")
	same, err := previewAndImport(b, "dayone")
	if err != nil || same.Added != 0 || same.Differ != 1 || same.Unchanged != 1 {
		t.Fatalf("third import %+v %v", same, err)
	}
}

// previewAndImport does what the import card does: preview the export the dialog answers
// with, then import it.
func previewAndImport(b *api.Backup, format string) (api.ImportResult, error) {
	if _, err := b.PreviewImport(format); err != nil {
		return api.ImportResult{}, err
	}
	return b.Import()
}
