// Package backup owns Goldseam's backup files: a standard age file, locked with a
// passphrase (scrypt), holding a tar of manifest.json and the data as JSON and JSON Lines.
// The stock `age` command opens one without Goldseam, and docs/backup-format.md says what is
// inside, so nobody is ever locked in.
//
// A backup is verified whole (format version, every part's SHA-256, byte and record counts)
// before anything is changed, and a restore is one transaction: the store is the old one or
// the restored one, never a mix. Exports go to a temporary file that is synced, read back
// and verified, and only then renamed into place, so an earlier backup is never damaged by
// a failed one.
package backup

import (
	"encoding/json"
	"errors"
	"time"
)

// FormatVersion is the payload's schema version. A reader refuses a newer one: it cannot
// know what it would leave out. Format 2 added the shared space's change log
// (shared_changes.jsonl); format 1, which has no such part, still restores.
const FormatVersion = 2

// The parts of a backup, in the order they are written after manifest.json.
const (
	partJournal   = "journal.jsonl"
	partProfile   = "profile.json"
	partStates    = "step_states.jsonl"
	partExercises = "exercise_records.jsonl"
	partShared    = "shared.jsonl"
	partChanges   = "shared_changes.jsonl"
	manifestName  = "manifest.json"
)

// partsOf are the parts format defines; every one but profile.json is always there.
func partsOf(format int) []string {
	parts := []string{partJournal, partProfile, partStates, partExercises, partShared}
	if format >= 2 {
		parts = append(parts, partChanges)
	}
	return parts
}

// Manifest describes a backup: what made it, when, and each part's size and digest.
type Manifest struct {
	Format     int       `json:"format"`
	App        string    `json:"app"`
	AppVersion string    `json:"appVersion"`
	CreatedAt  time.Time `json:"createdAt"`
	Parts      []Part    `json:"parts"`
}

// Part is one file of the payload.
type Part struct {
	Name    string `json:"name"`
	Records int    `json:"records"` // lines of a .jsonl part; 1 for profile.json
	Bytes   int64  `json:"bytes"`
	SHA256  string `json:"sha256"` // hex
}

// Count returns the records of the named part, or 0.
func (m Manifest) Count(name string) int {
	p, _ := m.part(name)
	return p.Records
}

// part returns the named part and whether the manifest lists it.
func (m Manifest) part(name string) (Part, bool) {
	for _, p := range m.Parts {
		if p.Name == name {
			return p, true
		}
	}
	return Part{}, false
}

// The records as they are written: plain JSON with names that explain themselves, the
// schema docs/backup-format.md documents.
type (
	journalLine struct {
		ID        string    `json:"id"`
		Date      string    `json:"date"`
		Title     string    `json:"title"`
		Body      string    `json:"body"`
		Mood      int       `json:"mood"`
		Feelings  []string  `json:"feelings"`
		Tags      []string  `json:"tags"`
		Step      string    `json:"step"`
		CreatedAt time.Time `json:"createdAt"`
		UpdatedAt time.Time `json:"updatedAt"`
	}
	profileDoc struct {
		Role        string            `json:"role"`
		MyName      string            `json:"myName"`
		PartnerName string            `json:"partnerName"`
		Safety      map[string]string `json:"safety"`
		Contacts    []contactDoc      `json:"contacts"`
		UpdatedAt   time.Time         `json:"updatedAt"`
	}
	contactDoc struct {
		Name       string `json:"name"`
		HowToReach string `json:"howToReach"`
		Note       string `json:"note"`
	}
	stateLine struct {
		Step      string    `json:"step"`
		State     string    `json:"state"`
		UpdatedAt time.Time `json:"updatedAt"`
	}
	exerciseLine struct {
		ID        string            `json:"id"`
		Step      string            `json:"step"`
		Answers   map[string]string `json:"answers"`
		CreatedAt time.Time         `json:"createdAt"`
		UpdatedAt time.Time         `json:"updatedAt"`
	}
	sharedLine struct {
		ID        string          `json:"id"`
		Kind      string          `json:"kind"`
		ParentID  string          `json:"parentId"`
		Clock     int64           `json:"clock"`
		DeviceID  string          `json:"deviceId"`
		UpdatedAt time.Time       `json:"updatedAt"`
		Deleted   bool            `json:"deleted"`
		Content   json.RawMessage `json:"content"` // null for a tombstone
	}
)

// Errors a person may meet; api turns them into sentences.
var (
	// ErrWrongPassphrase: the passphrase does not open this backup.
	ErrWrongPassphrase = errors.New("the passphrase does not open this backup")
	// ErrNotABackup: the file is not an age file at all.
	ErrNotABackup = errors.New("the file is not a Goldseam backup")
	// ErrDamaged: the file is an age file but was cut short or changed.
	ErrDamaged = errors.New("the backup is damaged")
	// ErrNewerFormat: a newer Goldseam made it.
	ErrNewerFormat = errors.New("the backup was made by a newer Goldseam")
	// ErrAltered: the backup opens and its digests match, but a change of the shared space in
	// it is not the one its device signed: someone holding the backup's passphrase changed
	// it. The whole backup is refused.
	ErrAltered = errors.New("a shared change in the backup was altered")
)
