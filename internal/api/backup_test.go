package api_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/backup"
)

func TestABackupIsExportedCheckedAndRestoredThroughTheService(t *testing.T) {
	backup.UseCheapWorkFactorForTests()
	r := newVaultRig(t)
	j := api.NewJournal(r.db, r.session, nil)
	b := api.NewBackup(r.host, r.db, r.session, nil)
	_, err := api.NewBackupFiles(r.host, r.db, r.session).ExportTo(filepath.Join(t.TempDir(), "x.age"), "backup passphrase")
	wantCode(t, err, apperr.Locked)
	r.create(t)
	for _, body := range []string{"first entry", "second entry"} {
		if _, err := j.Save(api.EntryInput{Date: "2027-01-05", Body: body}); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "chosen.age")
	r.host.savePath = path
	_, err = b.Export("short")
	wantCode(t, err, apperr.Invalid) // the backup passphrase is checked like the vault's
	got, err := b.Export("backup passphrase")
	if err != nil || got.Entries != 2 || got.Path != path || got.Bytes == 0 {
		t.Fatalf("export %+v %v", got, err)
	}
	r.host.savePath = ""
	if got, err := b.Export("backup passphrase"); err != nil || got.Path != "" {
		t.Fatalf("a cancelled dialog should do nothing: %+v %v", got, err)
	}

	// The window names no path: Inspect asks in Go's dialog, Restore uses what Inspect showed.
	_, err = b.Restore("backup passphrase", "merge")
	wantCode(t, err, apperr.Invalid) // nothing chosen yet
	r.host.savePath = path
	_, err = b.Inspect("not it at all")
	wantCode(t, err, apperr.WrongPassphrase)
	other := filepath.Join(t.TempDir(), "note.txt")
	os.WriteFile(other, []byte("just a note"), 0o600)
	r.host.savePath = other
	_, err = b.Inspect("backup passphrase")
	wantCode(t, err, apperr.Invalid)
	r.host.savePath = path
	seen, err := b.Inspect("backup passphrase")
	if err != nil || seen.Entries != 2 || seen.Profile || seen.Path != path {
		t.Fatalf("inspect %+v %v", seen, err)
	}

	// Merging what is already here changes nothing; replacing brings back a deleted entry.
	if res, err := b.Restore("backup passphrase", "merge"); err != nil || res.EntriesAdded+res.EntriesUpdated != 0 {
		t.Fatalf("merge %+v %v", res, err)
	}
	list, _ := j.List(0, 10)
	j.Delete(list.Entries[0].ID)
	j.Save(api.EntryInput{Date: "2027-01-06", Body: "written after the backup"})
	_, err = b.Restore("backup passphrase", "overwrite")
	wantCode(t, err, apperr.Invalid)
	if _, err := b.Restore("backup passphrase", "replace"); err != nil {
		t.Fatal(err)
	}
	if after, _ := j.List(0, 10); after.Total != 2 {
		t.Fatalf("after replacing, %d entries, want the backup's 2", after.Total)
	}
}

func TestAutomaticBackupsKeepTheNewestAndSayWhenTheLastGoodOneWas(t *testing.T) {
	backup.UseCheapWorkFactorForTests()
	r := newVaultRig(t)
	b := api.NewBackup(r.host, r.db, r.session, nil)
	r.create(t)
	now := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	r.db.Now = func() time.Time { return now }
	folder := t.TempDir()
	mine := filepath.Join(folder, "my-own-backup.age")
	os.WriteFile(mine, []byte("a file the person keeps here"), 0o600)

	chooseFolder(t, r, b, folder)
	_, err := b.SetAutoBackup(api.AutoBackupInput{Folder: folder, Every: "daily", Keep: 2})
	wantCode(t, err, apperr.Invalid) // no passphrase yet
	chooseFolder(t, r, b, filepath.Join(folder, "missing"))
	_, err = b.SetAutoBackup(api.AutoBackupInput{Folder: filepath.Join(folder, "missing"), Every: "daily", Keep: 2, Passphrase: "automatic backups"})
	wantCode(t, err, apperr.Invalid)
	chooseFolder(t, r, b, folder)
	v, err := b.SetAutoBackup(api.AutoBackupInput{Folder: folder, Every: "daily", Keep: 2, Passphrase: "automatic backups"})
	if err != nil || v.LastGood == "" || !v.HasPassphrase || v.LastProblem != "" {
		t.Fatalf("first automatic backup %+v %v", v, err)
	}
	for i := 1; i <= 3; i++ {
		now = now.Add(time.Duration(i) * time.Hour)
		b.BackUpNow()
	}
	made, _ := filepath.Glob(filepath.Join(folder, "auto-backup-*.age"))
	if len(made) != 2 {
		t.Fatalf("%d automatic backups kept, want 2: %v", len(made), made)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Fatal("pruning removed a file Goldseam did not make")
	}
	if _, _, err := backup.ReadFile(made[1], "automatic backups"); err != nil {
		t.Fatalf("the newest automatic backup does not open: %v", err)
	}
	// The folder goes away: the problem is told, the last good date stays.
	os.RemoveAll(folder)
	v, _ = b.BackUpNow()
	if v.LastProblem == "" || v.LastGood == "" {
		t.Fatalf("after a failed backup %+v", v)
	}
}

// chooseFolder answers the folder dialog with dir, as a person would in Settings.
func chooseFolder(t *testing.T, r *vaultRig, b *api.Backup, dir string) {
	t.Helper()
	r.host.savePath = dir
	if got, err := b.ChooseFolder(); err != nil || got != dir {
		t.Fatalf("choose folder: %q %v", got, err)
	}
}

func TestJournalsFromJrnlAndDayOneAreImportedOnce(t *testing.T) {
	r := newVaultRig(t)
	b := api.NewBackup(r.host, r.db, r.session, nil)
	j := api.NewJournal(r.db, r.session, nil)
	r.create(t)
	_, err := previewAndImport(b, "evernote")
	wantCode(t, err, apperr.Invalid)

	r.host.savePath = "../importer/testdata/journal.txt"
	first, err := previewAndImport(b, "jrnl")
	if err != nil || first.Added == 0 {
		t.Fatalf("jrnl import %+v %v", first, err)
	}
	again, err := previewAndImport(b, "jrnl")
	if err != nil || again.Added != 0 || again.Unchanged != first.Added {
		t.Fatalf("importing the same file again should add nothing: %+v %v", again, err)
	}
	// Day One's export arrives as a zip holding Journal.json.
	data, _ := os.ReadFile("../importer/testdata/Journal.json")
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("Journal.json")
	w.Write(data)
	zw.Close()
	r.host.savePath = filepath.Join(t.TempDir(), "export.zip")
	os.WriteFile(r.host.savePath, zipped.Bytes(), 0o600)
	dayOne, err := previewAndImport(b, "dayone")
	if err != nil || dayOne.Added == 0 {
		t.Fatalf("Day One import %+v %v", dayOne, err)
	}
	list, _ := j.List(0, 200)
	if list.Total != first.Added+dayOne.Added {
		t.Fatalf("%d entries in the journal, want %d", list.Total, first.Added+dayOne.Added)
	}
	// A file of the wrong kind is refused in words, and nothing is added.
	r.host.savePath = "../importer/testdata/journal.txt"
	_, err = previewAndImport(b, "dayone")
	wantCode(t, err, apperr.Invalid)
	if after, _ := j.List(0, 200); after.Total != list.Total {
		t.Fatal("a refused import added entries")
	}
}
