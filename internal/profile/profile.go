// Package profile owns what a person tells Goldseam about themselves at first run and in
// Settings: where they stand (the partner who was hurt, the partner who broke trust, both
// of them broke trust, or rather not say), first names, the answers to the private safety
// check, and their support contacts. It is one row, sealed with the journal key: none of it
// is ever shared.
package profile

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Roles a person can choose: the partner who was hurt, the partner who broke trust, both
// of them broke trust (and both were hurt), or rather not say. They are the program's roles
// (program.Roles); internal/api's tests check every one has words at every step.
var Roles = []string{"hurt", "broke-trust", "both", "unsaid"}

// SafetyQuestions are asked privately at first run and again whenever the person asks.
// Any "yes" means this program is not the path for now, and Goldseam says so (Concern).
var SafetyQuestions = []string{
	"hurt",      // hurts you, or threatens to
	"afraid",    // you are afraid of what they might do
	"control",   // controls your money, phone, friends or where you go
	"pressured", // forces or pressures you sexually
}

// Answers a safety question can have.
const (
	Yes          = "yes"
	No           = "no"
	RatherNotSay = "rather-not-say"
)

// Contact is someone a person can turn to.
type Contact struct {
	Name       string `json:"name"`
	HowToReach string `json:"howToReach"`
	Note       string `json:"note"`
}

// Profile is what the person has told Goldseam about themselves.
type Profile struct {
	Role        string            `json:"role"`
	MyName      string            `json:"myName"`
	PartnerName string            `json:"partnerName"`
	Safety      map[string]string `json:"safety"` // question id -> answer; empty until answered
	Contacts    []Contact         `json:"contacts"`
}

// SafetyAnswered reports whether every safety question has an answer.
func (p Profile) SafetyAnswered() bool {
	for _, q := range SafetyQuestions {
		if p.Safety[q] == "" {
			return false
		}
	}
	return true
}

// What the safety answers say, from least to most worrying. This is the one place the rule
// lives: the interface only follows the level Go hands it (api.ProfileView.Concern).
const (
	// ConcernNone: every question answered "no", or the check not taken yet.
	ConcernNone = "none"
	// ConcernGentle: no "yes", but at least one "I would rather not say". A person may not be
	// free to answer; Goldseam mentions help softly and changes nothing else.
	ConcernGentle = "gentle"
	// ConcernClear: at least one "yes". The couple's tools are set aside for when both
	// partners are safe, and help for one person comes first.
	ConcernClear = "concern"
)

// Concern returns what the safety answers say: ConcernClear for any "yes", ConcernGentle
// for any "rather not say" without a "yes", ConcernNone otherwise.
func (p Profile) Concern() string {
	level := ConcernNone
	for _, a := range p.Safety {
		switch a {
		case Yes:
			return ConcernClear
		case RatherNotSay:
			level = ConcernGentle
		}
	}
	return level
}

// SafetyConcern reports whether any answer says the person may not be safe.
func (p Profile) SafetyConcern() bool { return p.Concern() == ConcernClear }

const (
	maxName     = 60
	maxContacts = 30
	maxText     = 500
)

// Normalize checks p and trims what was typed.
func (p *Profile) Normalize() error {
	if !slices.Contains(Roles, p.Role) {
		return apperr.New(apperr.Invalid, "Please choose where you stand: I was hurt, I broke trust, we both broke trust, or I prefer not to say.")
	}
	p.MyName, p.PartnerName = strings.TrimSpace(p.MyName), strings.TrimSpace(p.PartnerName)
	if utf8.RuneCountInString(p.MyName) > maxName || utf8.RuneCountInString(p.PartnerName) > maxName {
		return apperr.Errorf(apperr.Invalid, "A first name can be up to %d characters long.", maxName)
	}
	for q, a := range p.Safety {
		if !slices.Contains(SafetyQuestions, q) || !slices.Contains([]string{Yes, No, RatherNotSay}, a) {
			return apperr.New(apperr.Invalid, "One of the safety answers was not understood. Please answer again.")
		}
	}
	if len(p.Contacts) > maxContacts {
		return apperr.Errorf(apperr.Invalid, "The list can hold up to %d people.", maxContacts)
	}
	kept := p.Contacts[:0]
	for _, c := range p.Contacts {
		c.Name, c.HowToReach, c.Note = strings.TrimSpace(c.Name), strings.TrimSpace(c.HowToReach), strings.TrimSpace(c.Note)
		if c.Name == "" && c.HowToReach == "" && c.Note == "" {
			continue
		}
		if c.Name == "" {
			return apperr.New(apperr.Invalid, "Each person on the list needs a name, even just a first name or a role like \"counsellor\".")
		}
		if len(c.Name) > maxText || len(c.HowToReach) > maxText || len(c.Note) > maxText*4 {
			return apperr.New(apperr.Invalid, "One of the contacts is longer than Goldseam keeps; please shorten it.")
		}
		kept = append(kept, c)
	}
	p.Contacts = kept
	return nil
}

var field = vault.ProfileContent.Field("1")

// seal seals p padded as if its role and every safety answer were the longest choices, so
// the length of the sealed profile never tells where the person stands or what they
// answered (see docs/security.md).
func seal(key *vault.ContentKey, p Profile) ([]byte, error) {
	plain, err := json.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("encode profile: %w", err)
	}
	longest := p
	longest.Role = longestOf(Roles)
	longest.Safety = map[string]string{}
	for _, q := range SafetyQuestions {
		longest.Safety[q] = longestOf([]string{Yes, No, RatherNotSay})
	}
	widest, err := json.Marshal(longest)
	if err != nil {
		return nil, fmt.Errorf("encode profile: %w", err)
	}
	return key.SealAtLeast(field, plain, len(widest)), nil
}

func longestOf(choices []string) string {
	out := ""
	for _, c := range choices {
		if len(c) > len(out) {
			out = c
		}
	}
	return out
}

// Load returns the profile, and false when the person has not made one yet.
func Load(ctx context.Context, db *store.DB, key *vault.ContentKey) (Profile, bool, error) {
	var sealed []byte
	err := db.SQL().QueryRowContext(ctx, `SELECT content FROM profile WHERE id = 1`).Scan(&sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return Profile{Safety: map[string]string{}, Contacts: []Contact{}}, false, nil
	}
	if err != nil {
		return Profile{}, false, fmt.Errorf("read profile: %w", err)
	}
	plain, err := key.Open(field, sealed)
	if err != nil {
		return Profile{}, false, fmt.Errorf("open profile: %w", err)
	}
	var p Profile
	if err := json.Unmarshal(plain, &p); err != nil {
		return Profile{}, false, fmt.Errorf("decode profile: %w", err)
	}
	if p.Safety == nil {
		p.Safety = map[string]string{}
	}
	if p.Contacts == nil {
		p.Contacts = []Contact{}
	}
	return p, true, nil
}

// Save checks p and stores it, replacing the profile.
func Save(ctx context.Context, db *store.DB, key *vault.ContentKey, p Profile) (Profile, error) {
	if err := p.Normalize(); err != nil {
		return Profile{}, err
	}
	sealed, err := seal(key, p)
	if err != nil {
		return Profile{}, err
	}
	err = db.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO profile (id, updated_at, content) VALUES (1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, content = excluded.content`,
			store.Timestamp(db.Now()), sealed)
		return err
	})
	if err != nil {
		return Profile{}, fmt.Errorf("save profile: %w", err)
	}
	return p, nil
}

// RestoreTx writes a profile from a backup inside tx. With replace it becomes this
// computer's profile (or there is none, when p is nil). In a merge this computer's profile,
// if it has one, is kept: where a person stands and whom they turn to is theirs to say here.
func RestoreTx(ctx context.Context, tx *sql.Tx, key *vault.ContentKey, p *Profile, at time.Time, replace bool) (changed bool, err error) {
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM profile`); err != nil {
			return false, fmt.Errorf("clear profile: %w", err)
		}
	}
	if p == nil {
		return replace, nil
	}
	q := *p
	if err := q.Normalize(); err != nil {
		return false, err
	}
	sealed, err := seal(key, q)
	if err != nil {
		return false, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO profile (id, updated_at, content) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING`,
		store.Timestamp(at), sealed)
	if err != nil {
		return false, fmt.Errorf("restore profile: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// UpdatedAt returns when the profile last changed, and false when there is none.
func UpdatedAt(ctx context.Context, db *store.DB) (time.Time, bool, error) {
	var at string
	err := db.SQL().QueryRowContext(ctx, `SELECT updated_at FROM profile WHERE id = 1`).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("read profile time: %w", err)
	}
	t, err := store.ParseTimestamp(at)
	return t, err == nil, err
}
