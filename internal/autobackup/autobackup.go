// Package autobackup owns automatic backups: the person's choice of folder, rhythm (daily or
// weekly) and how many to keep, the backup passphrase they are locked with (sealed, never
// shown again), when one is due, what the files are called, and which old ones to remove.
// The backups themselves are made by package backup.
package autobackup

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Rhythms a person can choose, with the time between backups.
var Rhythms = map[string]time.Duration{"off": 0, "daily": 24 * time.Hour, "weekly": 7 * 24 * time.Hour}

// Choices are what the person chose for automatic backups (folder, rhythm, how many to keep,
// the backup passphrase) and how the last one went.
type Choices struct {
	Folder      string    `json:"folder"`
	Every       string    `json:"every"` // off, daily, weekly
	Keep        int       `json:"keep"`
	Passphrase  string    `json:"passphrase"` // the backup passphrase; never leaves Go
	LastGood    time.Time `json:"lastGood"`
	LastProblem string    `json:"lastProblem"` // a sentence for the person, or ""
}

var field = vault.AutoBackupContent.Field("1")

// Load returns the settings; automatic backups are off until chosen.
func Load(ctx context.Context, db *store.DB, key *vault.ContentKey) (Choices, error) {
	s := Choices{Every: "off", Keep: 10}
	var sealed []byte
	err := db.SQL().QueryRowContext(ctx, `SELECT content FROM auto_backup WHERE id = 1`).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("read automatic backup settings: %w", err)
	}
	plain, err := key.Open(field, sealed)
	if err != nil {
		return s, fmt.Errorf("open automatic backup settings: %w", err)
	}
	if err := json.Unmarshal(plain, &s); err != nil {
		return s, fmt.Errorf("decode automatic backup settings: %w", err)
	}
	return s, nil
}

// Check says what is wrong with the person's choices, if anything.
func (s Choices) Check() error {
	if _, ok := Rhythms[s.Every]; !ok {
		return apperr.New(apperr.Invalid, "Please choose daily, weekly, or off.")
	}
	if s.Every != "off" {
		switch {
		case s.Folder == "" || !filepath.IsAbs(s.Folder):
			return apperr.New(apperr.Invalid, "Please choose the folder the backups go to.")
		case s.Keep < 1 || s.Keep > 365:
			return apperr.New(apperr.Invalid, "Please keep between 1 and 365 backups.")
		case s.Passphrase == "":
			return apperr.New(apperr.Invalid, "Please give the passphrase the backups are locked with.")
		}
		if info, err := os.Stat(s.Folder); err != nil || !info.IsDir() {
			return apperr.New(apperr.Invalid, "That folder cannot be found. Please choose another one.")
		}
	}
	return nil
}

// Save keeps s (checked by the caller, see Check).
func Save(ctx context.Context, db *store.DB, key *vault.ContentKey, s Choices) error {
	plain, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encode automatic backup settings: %w", err)
	}
	return db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO auto_backup (id, updated_at, content) VALUES (1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, content = excluded.content`,
			store.Timestamp(db.Now()), key.Seal(field, plain))
		return err
	})
}

// Due reports whether a backup should be made at now.
func (s Choices) Due(now time.Time) bool {
	every := Rhythms[s.Every]
	return every > 0 && (s.LastGood.IsZero() || now.Sub(s.LastGood) >= every)
}

// The names automatic backups are given. The prefix says nothing of Goldseam: the folder is
// often a synced or shared one, where a name is seen by anyone who can list it. Backups made
// before carried the old prefix; pruning still counts them.
const prefix, oldPrefix, suffix = "auto-backup-", "goldseam-auto-", ".age"

// FileName is the name of a backup made at t by the person whose tag is tag (package
// people: "" for the first person, whose backups keep the names they always had): sortable,
// and never the name of a file a person made, so pruning can only ever touch automatic
// backups, and only that person's.
func FileName(tag string, t time.Time) string {
	return prefixOf(tag) + t.UTC().Format(stampLayout) + suffix
}

// prefixOf is the start of the names of tag's automatic backups.
func prefixOf(tag string) string {
	if tag == "" {
		return prefix
	}
	return prefix + tag + "-"
}

const stampLayout = "2006-01-02T150405Z"

// Prune removes the oldest automatic backups of tag's person in folder beyond keep and returns what it
// removed. It reads the folder itself (never a glob built from its name, which may hold
// * ? or [) and counts only regular files whose whole name is one FileName gives (or gave,
// with the old prefix), so a file a person made, or a folder, is never touched.
func Prune(folder, tag string, keep int) ([]string, error) {
	entries, err := os.ReadDir(folder)
	if err != nil {
		return nil, fmt.Errorf("read the backup folder: %w", err)
	}
	type made struct {
		name string
		at   time.Time
	}
	var backups []made
	for _, e := range entries {
		if at, ok := autoTime(tag, e.Name()); ok && e.Type().IsRegular() {
			backups = append(backups, made{e.Name(), at})
		}
	}
	sort.Slice(backups, func(i, j int) bool { return backups[i].at.Before(backups[j].at) }) // sort, not slices: see docs/architecture.md, binary size
	var removed []string
	for ; len(backups) > keep; backups = backups[1:] {
		path := filepath.Join(folder, backups[0].name)
		if err := os.Remove(path); err != nil {
			return removed, fmt.Errorf("remove an old backup: %w", err)
		}
		removed = append(removed, path)
	}
	return removed, nil
}

// autoTime is when the automatic backup called name was made, if name is exactly one
// FileName gives or gave for tag. Another tag's names never parse: their stamp would start
// with the tag.
func autoTime(tag, name string) (time.Time, bool) {
	prefixes := []string{prefixOf(tag)}
	if tag == "" {
		prefixes = append(prefixes, oldPrefix)
	}
	for _, p := range prefixes {
		stamp, hasPrefix := strings.CutPrefix(name, p)
		stamp, hasSuffix := strings.CutSuffix(stamp, suffix)
		if !hasPrefix || !hasSuffix {
			continue
		}
		if t, err := time.Parse(stampLayout, stamp); err == nil && p+t.Format(stampLayout)+suffix == name {
			return t, true
		}
	}
	return time.Time{}, false
}
