package space

import (
	"context"
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

const kindSettings = "space-settings"

// settingsID is the same in every copy of the space, so the couple's settings are one record
// wherever they are changed.
var settingsID = uuid.NewSHA1(uuid.NameSpaceOID, []byte("goldseam-space-settings")).String()

// Settings returns the space's settings; a new space has no names and checks in weekly.
func (s *Space) Settings(ctx context.Context, key *vault.ContentKey) (CoupleSettings, error) {
	out := CoupleSettings{Rhythm: DefaultRhythm}
	_, err := s.Get(ctx, key, kindSettings, settingsID, &out)
	if errors.Is(err, ErrNotFound) {
		return out, nil
	}
	return out, err
}

// SaveSettings keeps the space's settings.
func (s *Space) SaveSettings(ctx context.Context, key *vault.ContentKey, in CoupleSettings) (CoupleSettings, error) {
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
	return in, s.Write(ctx, key, func(tx *Tx) error {
		_, err := tx.Put(kindSettings, settingsID, "", in)
		return err
	})
}

// partnerRoles are the two people of a space as the change log records them: by the place of
// their name in the couple's settings, which stays while the names themselves may change. A
// record that holds one person's own input (PersonalRecordID) is keyed by this, never by the
// name.
var partnerRoles = [2]string{"partner-1", "partner-2"}

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
