package api

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/autobackup"
	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/buildinfo"
	"github.com/goldseam/goldseam/internal/host"
	"github.com/goldseam/goldseam/internal/people"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Backup is the service behind encrypted backups: exporting one to a file the person
// chooses, checking one, and restoring from one after showing what it holds. The command
// line uses the same service.
type Backup struct {
	host       host.Host
	db         *store.DB // nil when the data file is unusable
	session    *session.Session
	onRestored func() // rebuilds what is kept in memory (the journal's search index)
	busy       sync.Mutex
	// What the person last picked in Go's dialogs: the backup Inspect checked, for Restore,
	// and the folder ChooseFolder returned, for SetAutoBackup.
	pickedBackup, pickedFolder chosen
	pending                    pendingImport // an export read and shown, not yet imported
}

// NewBackup returns the Backup service; onRestored runs after every restore.
func NewBackup(h host.Host, db *store.DB, s *session.Session, onRestored func()) *Backup {
	b := &Backup{host: h, db: db, session: s, onRestored: onRestored}
	if s != nil {
		// What one person picked in a dialog is not the next person's to act on.
		s.OnLock(func(session.Reason) {
			b.pickedBackup.set("")
			b.pickedFolder.set("")
			b.pending.set(nil)
		})
	}
	return b
}

// Export asks where to save a backup (the save dialog), then writes it locked with
// passphrase. An empty path means the person cancelled.
func (b *Backup) Export(passphrase string) (BackupContents, error) {
	if err := checkNewPassphrase(passphrase); err != nil {
		return BackupContents{}, err
	}
	path, err := b.host.SaveFile("Save an encrypted backup", backupFileName(time.Now()))
	if err != nil {
		return BackupContents{}, coded(err)
	}
	if path == "" {
		return BackupContents{}, nil
	}
	return b.exportTo(path, passphrase)
}

// exportTo writes a backup to path, locked with passphrase, and verifies it by reading it
// back before saying it is done.
func (b *Backup) exportTo(path, passphrase string) (BackupContents, error) {
	if err := checkNewPassphrase(passphrase); err != nil {
		return BackupContents{}, err
	}
	if !b.busy.TryLock() {
		return BackupContents{}, apperr.New(apperr.Conflict, "A backup is already being made or restored. Please wait for it to finish.")
	}
	defer b.busy.Unlock()
	m, err := inVault(b, func(ctx context.Context, u *vault.Unlocked) (backup.Manifest, error) {
		gather := func() (backup.Snapshot, error) { return backup.Gather(ctx, b.db, u) }
		return backup.Export(ctx, path, gather, passphrase, buildinfo.Version, b.db.Now(), func(done, total int) {
			b.host.Emit("backup:progress", BackupProgress{done, total})
		})
	})
	if err != nil {
		return BackupContents{}, backupError(err)
	}
	return contentsOf(path, m), nil
}

// Inspect asks for a backup in the open dialog, verifies it whole with passphrase and says
// what it holds; Restore then uses that file. Nothing is changed. It refuses to work while
// Goldseam is locked, before opening anything. An empty path means the person cancelled.
func (b *Backup) Inspect(passphrase string) (BackupContents, error) {
	if !b.unlocked() {
		return BackupContents{}, session.ErrLocked
	}
	path, err := b.host.OpenFile("Choose a Goldseam backup")
	if err != nil || path == "" {
		return BackupContents{}, coded(err)
	}
	c, err := b.inspectFile(path, passphrase)
	if err == nil {
		b.pickedBackup.set(path)
	}
	return c, err
}

// inspectFile verifies the backup at path and says what it holds; it needs no vault.
func (b *Backup) inspectFile(path, passphrase string) (BackupContents, error) {
	_, m, err := backup.ReadFile(path, passphrase)
	if err != nil {
		return BackupContents{Path: path}, backupError(err)
	}
	return contentsOf(path, m), nil
}

// Restore verifies the backup last shown by Inspect again and writes it into the store:
// "replace" makes the store exactly the backup, "merge" adds what is new and keeps the
// newer of each record.
func (b *Backup) Restore(passphrase, mode string) (RestoreResult, error) {
	if !b.unlocked() {
		return RestoreResult{}, session.ErrLocked
	}
	path := b.pickedBackup.get()
	if path == "" {
		return RestoreResult{}, apperr.New(apperr.Invalid, "Please choose the backup to restore first.")
	}
	return b.restoreFile(path, passphrase, mode)
}

// restoreFile restores the backup at path; the lock is checked before anything is read.
func (b *Backup) restoreFile(path, passphrase, mode string) (RestoreResult, error) {
	modes := map[string]backup.Mode{"merge": backup.Merge, "replace": backup.Replace}
	m, ok := modes[mode]
	if !ok {
		return RestoreResult{}, apperr.New(apperr.Invalid, "Please choose whether to add the backup to what is here, or to replace everything with it.")
	}
	if !b.busy.TryLock() {
		return RestoreResult{}, apperr.New(apperr.Conflict, "A backup is already being made or restored. Please wait for it to finish.")
	}
	defer b.busy.Unlock()
	if !b.unlocked() { // never decrypt a backup for a locked Goldseam
		return RestoreResult{}, session.ErrLocked
	}
	s, _, err := backup.ReadFile(path, passphrase)
	if err != nil {
		return RestoreResult{}, backupError(err)
	}
	if !b.unlocked() { // locked while the file was read: stop before writing anything
		return RestoreResult{}, errStoppedByLock
	}
	r, err := inVault(b, func(ctx context.Context, u *vault.Unlocked) (backup.Result, error) {
		res, err := backup.Apply(ctx, b.db, u, s, m)
		if err != nil {
			return res, err
		}
		// The shared records the backup brought into the old table (all a format 1 backup has
		// of the shared space) move onto the change log as an old data file's do at unlock:
		// one way for both. Should it fail, the restore is kept and the next unlock moves them.
		return res, moveSpaceToLog(ctx, b.db, u)
	})
	if err != nil {
		return RestoreResult{}, backupError(err)
	}
	// What the restore replaced or overwrote must not stay in the -wal.
	b.session.Scrub()
	if b.onRestored != nil {
		b.onRestored()
	}
	return RestoreResult{EntriesAdded: r.EntriesAdded, EntriesUpdated: r.EntriesUpdated, ProfileRestored: r.ProfileRestored,
		ProgressChanged: r.ProgressChanged, SharedChanged: r.SharedAdded + r.SharedUpdated, SharedChangesAdded: r.ChangesAdded}, nil
}

func contentsOf(path string, m backup.Manifest) BackupContents {
	c := BackupContents{Path: path, CreatedAt: m.CreatedAt.Format(time.RFC3339), AppVersion: m.AppVersion,
		Entries: m.Count("journal.jsonl"), Profile: m.Count("profile.json") > 0,
		Progress: m.Count("step_states.jsonl") + m.Count("exercise_records.jsonl"), Shared: m.Count("shared.jsonl"),
		SharedChanges: m.Count("shared_changes.jsonl")}
	if info, err := os.Stat(path); err == nil {
		c.Bytes = info.Size()
	}
	return c
}

// backupError gives a backup's file its sentences for people: a file that went away, a
// folder Goldseam may not use. Everything else is as anywhere (see coded).
func backupError(err error) error {
	var c *apperr.Error
	switch {
	case err == nil || errors.As(err, &c):
		return err
	case errors.Is(err, os.ErrNotExist):
		return apperr.Wrap(apperr.NotFound, "That file is no longer there.", err)
	case errors.Is(err, os.ErrPermission):
		return apperr.Wrap(apperr.Invalid, fmt.Sprintf("Goldseam may not write or read there (%s). Please choose another folder.", filepath.Base(pathOf(err))), err)
	}
	return coded(err)
}

func pathOf(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Path
	}
	return ""
}

// backupFileName is the name the save dialog suggests: plain, because names are seen
// without opening the file (folder listings, "Recent files" where Goldseam cannot keep
// them out). The .age ending lets the stock age command open it.
func backupFileName(now time.Time) string { return "backup-" + now.Format("2006-01-02") + ".age" }

// AutoBackup returns the automatic backup settings.
func (b *Backup) AutoBackup() (AutoBackupView, error) {
	s, err := inVault(b, func(ctx context.Context, u *vault.Unlocked) (autobackup.Choices, error) {
		return autobackup.Load(ctx, b.db, u.Key(vault.Journal))
	})
	return autoView(s), backupError(err)
}

// SetAutoBackup keeps the automatic backup settings and makes a first backup at once when
// one is due, so the person sees straight away that it works.
func (b *Backup) SetAutoBackup(in AutoBackupInput) (AutoBackupView, error) {
	if in.Passphrase != "" {
		if err := checkNewPassphrase(in.Passphrase); err != nil {
			return AutoBackupView{}, err
		}
	}
	err := b.withVault(func(ctx context.Context, u *vault.Unlocked) error {
		s, err := autobackup.Load(ctx, b.db, u.Key(vault.Journal))
		if err != nil {
			return err
		}
		if in.Folder != s.Folder && in.Folder != b.pickedFolder.get() {
			return apperr.New(apperr.Invalid, "Please choose the folder for automatic backups again.")
		}
		s.Folder, s.Every, s.Keep = in.Folder, in.Every, in.Keep
		if in.Passphrase != "" {
			s.Passphrase = in.Passphrase
		}
		if err := s.Check(); err != nil {
			return err
		}
		return autobackup.Save(ctx, b.db, u.Key(vault.Journal), s)
	})
	if err != nil {
		return AutoBackupView{}, backupError(err)
	}
	b.runAutoBackup(false)
	return b.AutoBackup()
}

// BackUpNow makes an automatic backup now, whether or not one is due.
func (b *Backup) BackUpNow() (AutoBackupView, error) {
	b.runAutoBackup(true)
	return b.AutoBackup()
}

// ChooseFolder asks for a folder (for automatic backups); "" when cancelled.
func (b *Backup) ChooseFolder() (string, error) {
	path, err := b.host.ChooseFolder("Choose a folder for your backups")
	if err == nil && path != "" {
		b.pickedFolder.set(path) // SetAutoBackup takes no other new folder
	}
	return path, coded(err)
}

// runAutoBackup makes an automatic backup if one is due (or force), removes the oldest
// beyond the number to keep, and records how it went for Settings to show.
func (b *Backup) runAutoBackup(force bool) {
	if b.db == nil || !b.busy.TryLock() {
		return
	}
	defer b.busy.Unlock()
	b.withVault(func(ctx context.Context, u *vault.Unlocked) error {
		key := u.Key(vault.Journal)
		s, err := autobackup.Load(ctx, b.db, key)
		now := b.db.Now()
		if err != nil || s.Every == "off" || (!force && !s.Due(now)) {
			return err
		}
		gather := func() (backup.Snapshot, error) { return backup.Gather(ctx, b.db, u) }
		// Each person's automatic backups carry their own tag, so two people who chose the
		// same folder never prune each other's.
		tag := people.TagOf(b.db.Path())
		_, err = backup.Export(ctx, filepath.Join(s.Folder, autobackup.FileName(tag, now)), gather, s.Passphrase, buildinfo.Version, now, nil)
		if ctx.Err() != nil { // a lock stopped it: not a problem to report, it runs again later
			return ctx.Err()
		}
		if err == nil {
			_, err = autobackup.Prune(s.Folder, tag, s.Keep)
		}
		if err != nil {
			s.LastProblem = "The last automatic backup could not be made: " + apperr.MessageOf(backupError(err))
		} else {
			s.LastGood, s.LastProblem = now, ""
		}
		b.host.Emit("backup:auto", autoView(s))
		return autobackup.Save(ctx, b.db, key, s)
	})
}

// watchOnUnlock makes automatic backups run in the app (not on the command line).
func (b *Backup) watchOnUnlock() {
	if b.db != nil {
		b.session.OnUnlock(b.watchAutoBackups)
	}
}

// watchAutoBackups checks every quarter of an hour while Goldseam is unlocked whether an
// automatic backup is due; a lock ends the watch.
func (b *Backup) watchAutoBackups() {
	ctx := b.session.Context()
	go func() {
		b.runAutoBackup(false)
		tick := time.NewTicker(15 * time.Minute)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				b.runAutoBackup(false)
			}
		}
	}()
}

// ExportOpen writes everything, unencrypted, as Markdown and JSON into a folder the person
// chooses, and returns the folder it made ("" when cancelled).
func (b *Backup) ExportOpen() (string, error) {
	parent, err := b.host.ChooseFolder("Choose where to put the unencrypted copy")
	if err != nil || parent == "" {
		return "", coded(err)
	}
	dir, err := inVault(b, func(ctx context.Context, u *vault.Unlocked) (string, error) {
		s, err := backup.Gather(ctx, b.db, u)
		if err != nil {
			return "", err
		}
		return backup.WriteOpen(parent, s, buildinfo.Version, b.db.Now())
	})
	return dir, backupError(err)
}
