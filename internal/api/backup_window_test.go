package api_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/session"
)

// A locked Goldseam opens no dialog and decrypts no backup for the window: the lock is
// checked before anything else, so a page cannot use a locked window to try passphrases
// against a backup file.
func TestBackupCallsWhileLockedOpenAndDecryptNothing(t *testing.T) {
	backup.UseCheapWorkFactorForTests()
	r := newVaultRig(t)
	r.create(t)
	files := api.NewBackupFiles(r.host, r.db, r.session)
	path := filepath.Join(t.TempDir(), "kept.age")
	if _, err := files.ExportTo(path, "backup passphrase"); err != nil {
		t.Fatal(err)
	}
	b := api.NewBackup(r.host, r.db, r.session, nil)
	r.host.savePath = path
	if _, err := b.Inspect("backup passphrase"); err != nil {
		t.Fatal(err)
	}
	r.session.Lock(session.ByRequest)
	asked := r.host.dialogs

	_, err := b.Inspect("backup passphrase")
	wantCode(t, err, apperr.Locked)
	// A wrong passphrase would be refused as wrong if the file were decrypted first.
	_, err = b.Restore("not the backup passphrase", "merge")
	wantCode(t, err, apperr.Locked)
	_, err = files.Restore(path, "not the backup passphrase", "merge")
	wantCode(t, err, apperr.Locked)
	if r.host.dialogs != asked {
		t.Fatalf("a locked Goldseam opened %d dialogs", r.host.dialogs-asked)
	}
}

// Automatic backups go only to the folder already set or the one just chosen in Go's
// folder dialog, never to a folder JavaScript names.
func TestAutomaticBackupsGoOnlyToAFolderChosenInTheDialog(t *testing.T) {
	backup.UseCheapWorkFactorForTests()
	r := newVaultRig(t)
	r.create(t)
	b := api.NewBackup(r.host, r.db, r.session, nil)
	named := t.TempDir()
	_, err := b.SetAutoBackup(api.AutoBackupInput{Folder: named, Every: "daily", Keep: 2, Passphrase: "automatic backups"})
	wantCode(t, err, apperr.Invalid)
	if made, _ := os.ReadDir(named); len(made) != 0 {
		t.Fatalf("a folder no dialog chose got %d files", len(made))
	}
	chooseFolder(t, r, b, named)
	v, err := b.SetAutoBackup(api.AutoBackupInput{Folder: named, Every: "daily", Keep: 2, Passphrase: "automatic backups"})
	if err != nil || v.Folder != named {
		t.Fatalf("the chosen folder was refused: %+v %v", v, err)
	}
	// Turning off keeps the folder already set, without a dialog.
	if _, err := b.SetAutoBackup(api.AutoBackupInput{Folder: named, Every: "off", Keep: 2}); err != nil {
		t.Fatal(err)
	}
}
