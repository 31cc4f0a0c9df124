package space

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/vault"
)

// CoupleSettings are what the couple set for their space as a whole: the two names their
// agreements and check-ins carry, and how often they check in.
type CoupleSettings struct {
	Names  [2]string `json:"names"`
	Rhythm string    `json:"rhythm"` // one of Rhythms
}

// Rhythms are how often a couple can choose to check in, with the days between check-ins.
var Rhythms = map[string]int{"weekly": 7, "fortnightly": 14, "monthly": 30}

// DefaultRhythm is weekly: often enough to notice change, seldom enough to stay gentle.
const DefaultRhythm = "weekly"

const kindSettings = KindSettings

// KindSettings is the kind of the couple's settings' record (SettingsID).
const KindSettings = "space-settings"

// settingsID is the same in every copy of the space, so the couple's settings are one record
// wherever they are changed.
var settingsID = uuid.NewSHA1(uuid.NameSpaceOID, []byte("goldseam-space-settings")).String()

// The couple's settings are one record on the change log, each its own field, so a name
// changed on one computer and the rhythm on the other both stay, and two names given at once
// are a tie the two of them settle (Choose) rather than one device's win.
const (
	FieldName1  = "name-1"
	FieldName2  = "name-2"
	FieldRhythm = "rhythm"
)

var settingsFields = [3]string{FieldName1, FieldName2, FieldRhythm}

// SettingsID is the couple's settings' record: the same in every copy of the space, so they
// are one record wherever they are changed.
func SettingsID() string { return settingsID }

// Settings returns the space's settings from the change log, or from the old table while
// they have not moved onto it (MoveSettings); a new space has no names and checks in weekly.
// During a tie a field shows its latest candidate (FieldState.Shown).
func (s *Space) Settings(ctx context.Context, key *vault.ContentKey) (CoupleSettings, error) {
	rec, ok, err := NewLog(s.db, key, Author{}).Record(ctx, settingsID)
	if err != nil || !ok {
		if err == nil {
			return s.oldSettings(ctx, key)
		}
		return CoupleSettings{}, err
	}
	return settingsOf(rec), nil
}

func settingsOf(rec RecordState) CoupleSettings {
	var values [3]string
	for i, f := range settingsFields {
		_ = json.Unmarshal(rec.Fields[f].Shown(), &values[i]) // a field never set stays ""
	}
	out := CoupleSettings{Names: [2]string{values[0], values[1]}, Rhythm: values[2]}
	if out.Rhythm == "" {
		out.Rhythm = DefaultRhythm
	}
	return out
}

// oldSettings reads the settings as the old table of whole records kept them.
func (s *Space) oldSettings(ctx context.Context, key *vault.ContentKey) (CoupleSettings, error) {
	out := CoupleSettings{Rhythm: DefaultRhythm}
	_, err := s.Get(ctx, key, kindSettings, settingsID, &out)
	if errors.Is(err, ErrNotFound) {
		return out, nil
	}
	return out, err
}

// SaveSettings keeps the space's settings on the change log: only the fields that differ
// from what the space shows are written, as the log's author, so saving the same again
// changes nothing and a field changed elsewhere is not overwritten by an untouched one.
func (l *Log) SaveSettings(ctx context.Context, in CoupleSettings) (CoupleSettings, error) {
	in, err := cleanSettings(in)
	if err != nil {
		return in, err
	}
	was := CoupleSettings{}
	rec, ok, err := l.Record(ctx, settingsID)
	if err != nil {
		return in, err
	}
	if ok {
		was = settingsOf(rec)
	}
	return in, l.appendSettings(ctx, was, in)
}

// appendSettings writes the fields of now that differ from was.
func (l *Log) appendSettings(ctx context.Context, was, now CoupleSettings) error {
	wasValues := [3]string{was.Names[0], was.Names[1], was.Rhythm}
	nowValues := [3]string{now.Names[0], now.Names[1], now.Rhythm}
	var drafts []Draft
	for i, f := range settingsFields {
		if wasValues[i] != nowValues[i] {
			drafts = append(drafts, Draft{Record: settingsID, Kind: kindSettings, Field: f, Value: nowValues[i]})
		}
	}
	if len(drafts) == 0 {
		return nil
	}
	_, err := l.Append(ctx, drafts...)
	return err
}

// MoveSettings carries the couple's settings from the old table onto log, once: settings
// already on the log are left alone, and the old record is only read. It runs before the
// other kinds' moves, which name people by these settings.
func MoveSettings(ctx context.Context, old *Space, key *vault.ContentKey, log *Log) error {
	if _, ok, err := log.Record(ctx, settingsID); err != nil || ok {
		return err
	}
	var was CoupleSettings
	if _, err := old.Get(ctx, key, kindSettings, settingsID, &was); err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil // never set: nothing to move
		}
		return err
	}
	return log.appendSettings(ctx, CoupleSettings{}, was)
}

// SaveOldSettings writes the settings to the old table, as a data file from before the change
// log holds them: for tests of the moves, and nothing else.
func (s *Space) SaveOldSettings(ctx context.Context, key *vault.ContentKey, in CoupleSettings) (CoupleSettings, error) {
	in, err := cleanSettings(in)
	if err != nil {
		return in, err
	}
	return in, s.Write(ctx, key, func(tx *Tx) error {
		_, err := tx.Put(kindSettings, settingsID, "", in)
		return err
	})
}

// cleanSettings checks what a person gave and tidies it.
func cleanSettings(in CoupleSettings) (CoupleSettings, error) {
	for i := range in.Names {
		in.Names[i] = strings.TrimSpace(in.Names[i])
		if in.Names[i] == "" || utf8.RuneCountInString(in.Names[i]) > 60 {
			return in, apperr.New(apperr.Invalid, "Please give both first names, up to 60 letters each. They are how your agreements are signed.")
		}
	}
	if strings.EqualFold(in.Names[0], in.Names[1]) {
		return in, apperr.New(apperr.Invalid, "Please use two different names, so each signature is clearly one of you.")
	}
	if in.Rhythm == "" {
		in.Rhythm = DefaultRhythm
	}
	if _, ok := Rhythms[in.Rhythm]; !ok {
		keys := make([]string, 0, len(Rhythms))
		for k := range Rhythms {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		return in, apperr.New(apperr.Invalid, "Please choose how often to check in: "+strings.Join(keys, ", ")+".")
	}
	return in, nil
}

// partnerRoles are the two people of a space as the change log records them: by the place of
// their name in the couple's settings, which stays while the names themselves may change. A
// record that holds one person's own input (PersonalRecordID) is keyed by this, never by the
// name.
var partnerRoles = [2]string{"partner-1", "partner-2"}

// OtherRole is the role of the other partner of role; false when role is neither partner's.
func OtherRole(role string) (string, bool) {
	switch role {
	case partnerRoles[0]:
		return partnerRoles[1], true
	case partnerRoles[1]:
		return partnerRoles[0], true
	}
	return "", false
}

// Partner returns the person in place i (0 or 1) of the couple's names.
func (s CoupleSettings) Partner(i int) Person {
	return Person{Role: partnerRoles[i], Name: s.Names[i]}
}

// PartnerNamed returns the partner whose name is name, ignoring case and surrounding space;
// false when it is neither of the two names.
func (s CoupleSettings) PartnerNamed(name string) (Person, bool) {
	name = strings.TrimSpace(name)
	for i, n := range s.Names {
		if n != "" && strings.EqualFold(n, name) {
			return s.Partner(i), true
		}
	}
	return Person{}, false
}
