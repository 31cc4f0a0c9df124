package api

// The values the Backup service hands the window and takes from it.

import (
	"time"

	"github.com/goldseam/goldseam/internal/autobackup"
)

// BackupContents is what a backup holds, as the interface shows it before restoring.
type BackupContents struct {
	Path       string `json:"path"`
	CreatedAt  string `json:"createdAt"`
	AppVersion string `json:"appVersion"`
	Entries    int    `json:"entries"`
	Profile    bool   `json:"profile"`
	Progress   int    `json:"progress"` // step states and exercise records
	Shared     int    `json:"shared"`   // shared-space records, deletions included
	// SharedChanges counts the shared space's changes (who wrote what, when): 0 in a backup
	// made before they were kept (format 1).
	SharedChanges int   `json:"sharedChanges"`
	Bytes         int64 `json:"bytes"`
}

// RestoreResult says what a restore changed.
type RestoreResult struct {
	EntriesAdded    int  `json:"entriesAdded"`
	EntriesUpdated  int  `json:"entriesUpdated"`
	ProfileRestored bool `json:"profileRestored"`
	ProgressChanged int  `json:"progressChanged"`
	SharedChanged   int  `json:"sharedChanged"`
	// SharedChangesAdded counts the shared space's changes new to this computer.
	SharedChangesAdded int `json:"sharedChangesAdded"`
}

// BackupProgress is the event "backup:progress" the interface draws its bar from.
type BackupProgress struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

// AutoBackupView is the automatic backup settings as the interface shows them: the
// passphrase itself never leaves Go.
type AutoBackupView struct {
	Folder        string `json:"folder"`
	Every         string `json:"every"` // off, daily, weekly
	Keep          int    `json:"keep"`
	HasPassphrase bool   `json:"hasPassphrase"`
	LastGood      string `json:"lastGood"` // RFC 3339, or "" before the first
	LastProblem   string `json:"lastProblem"`
}

// AutoBackupInput is what Settings saves; an empty passphrase keeps the one already set.
type AutoBackupInput struct {
	Folder     string `json:"folder"`
	Every      string `json:"every"`
	Keep       int    `json:"keep"`
	Passphrase string `json:"passphrase"`
}

func autoView(s autobackup.Choices) AutoBackupView {
	v := AutoBackupView{Folder: s.Folder, Every: s.Every, Keep: s.Keep, HasPassphrase: s.Passphrase != "", LastProblem: s.LastProblem}
	if !s.LastGood.IsZero() {
		v.LastGood = s.LastGood.Format(time.RFC3339)
	}
	return v
}
