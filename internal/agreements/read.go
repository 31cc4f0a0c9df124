package agreements

// Reading: the three kinds are folded from the log once, every version and signature checked
// against what it claims to be (a mismatch is refused as tampered, vault.ErrTampered), then
// each agreement is put together and its status derived.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// Version is one wording of an agreement, as it was written.
type Version struct {
	ID      string
	Revises string // "" for the first
	Number  int    // its depth in the chain of revisions: what people call "version 2"
	Wording Wording
	By      space.Entry // the change that wrote it: who, on which computer, when
	Written time.Time   // when the words were written (the old table's time, for moved ones)
}

// Signature is one partner's live "I agree to these words" on one version.
type Signature struct {
	Version string
	Person  space.Person
	By      space.Entry
	Written time.Time
}

// Detail is an agreement with everything it has been.
type Detail struct {
	ID       string
	Record   space.RecordState // the agreement record's fold: its ties and the values that lost
	Phase    string
	ReviewOn string
	Note     string
	Status   string   // derived: draft, proposed, agreed, active or retired
	Current  Version  // the version in force; during a tie on it, the earliest written candidate
	Tied     []string // the candidate version ids while two wordings were chosen at once
	Versions []Version
	// Signatures are the live signatures on every version, by version then time.
	Signatures []Signature
	Before     []Event   // the history lines the old table kept, when it was moved
	Created    time.Time // when its first change was made
	ProposedBy space.Person
}

// Agreed reports whether both partners (roles) have signed the current wording and it is not
// tied with another.
func (d Detail) Agreed(roles [2]string) bool {
	if len(d.Tied) > 0 {
		return false
	}
	return d.SignedBy(d.Current.ID, roles[0]) && d.SignedBy(d.Current.ID, roles[1])
}

// SignedBy reports whether the person with role has a live signature on version.
func (d Detail) SignedBy(version, role string) bool {
	for _, s := range d.Signatures {
		if s.Version == version && s.Person.Role == role {
			return true
		}
	}
	return false
}

// Shown is the status to show on day today (YYYY-MM-DD): an active agreement whose review
// date has come is up for review.
func (d Detail) Shown(today string) string {
	if d.Status == Active && d.ReviewOn != "" && d.ReviewOn <= today {
		return UpForReview
	}
	return d.Status
}

// Book is every agreement read from a log at one moment.
type Book struct {
	agreements, versions, signatures space.State
	roles                            [2]string
}

// Read folds the agreements of log; roles are the two partners' roles, whose signatures make
// an agreement agreed.
func Read(ctx context.Context, log *space.Log, roles [2]string) (*Book, error) {
	b := &Book{roles: roles}
	var err error
	if b.agreements, err = log.Kind(ctx, KindAgreement); err != nil {
		return nil, err
	}
	if b.versions, err = log.Kind(ctx, KindVersion); err != nil {
		return nil, err
	}
	if b.signatures, err = log.Kind(ctx, KindSignature); err != nil {
		return nil, err
	}
	return b, nil
}

// List returns every live agreement, in the order they were made.
func (b *Book) List() ([]Detail, error) {
	out := []Detail{}
	for id, rec := range b.agreements.Records {
		if rec.Deleted {
			continue
		}
		d, err := b.Get(id)
		if errors.Is(err, errArriving) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { // sort, not slices: see docs/architecture.md, binary size
		return out[i].Created.Before(out[j].Created) || out[i].Created.Equal(out[j].Created) && out[i].ID < out[j].ID
	})
	return out, nil
}

// Get returns agreement id with its versions and signatures and its status derived.
func (b *Book) Get(id string) (Detail, error) {
	rec, ok := b.agreements.Records[id]
	if !ok || rec.Deleted {
		return Detail{}, ErrNotFound
	}
	d := Detail{ID: id, Record: rec}
	readField(rec, FieldReviewOn, &d.ReviewOn, earliest)
	readField(rec, FieldNote, &d.Note, nil)
	readField(rec, FieldBefore, &d.Before, nil)
	readField(rec, FieldPhase, &d.Phase, earliestPhase)
	d.Created, d.ProposedBy = firstChange(rec)
	if err := b.readVersions(&d); err != nil {
		return Detail{}, err
	}
	if len(d.Versions) > 0 && d.Versions[0].Written.Before(d.Created) {
		d.Created = d.Versions[0].Written // moved from the old table: when it was first written
	}
	if err := b.readSignatures(&d); err != nil {
		return Detail{}, err
	}
	d.Status = status(d, b.roles)
	return d, nil
}

// status derives what an agreement is from its phase and its signatures. Agreed is read, never
// stored; an active agreement whose current wording lacks a signature (revised while being
// kept, the two changes made at once on two computers) waits for both signatures again.
func status(d Detail, roles [2]string) string {
	agreed := d.Agreed(roles)
	switch {
	case d.Phase == Retired:
		return Retired
	case d.Phase == Active && agreed:
		return Active
	case agreed:
		return Agreed
	case d.Phase == Draft:
		return Draft
	}
	return Proposed
}

// readField decodes field's value into v. During a tie, settle picks which candidate the
// status and reminders go by (the tie itself stays, for the people to choose); nil leaves v
// as it is.
func readField(rec space.RecordState, field string, v any, settle func([]space.Entry) json.RawMessage) {
	f := rec.Fields[field]
	raw, ok := f.Value()
	if !ok && f.Conflict && settle != nil {
		raw, ok = settle(f.Current), true
	}
	if ok {
		_ = json.Unmarshal(raw, v) // a value that does not decode leaves v at its zero: shown as unset
	}
}

// earliest is the smallest candidate: for review dates the soonest, so a review is never late
// because two dates were set at once.
func earliest(cands []space.Entry) json.RawMessage {
	best := cands[0].Value
	for _, c := range cands[1:] {
		if string(c.Value) < string(best) {
			best = c.Value
		}
	}
	return best
}

// earliestPhase is the candidate earliest in an agreement's life.
func earliestPhase(cands []space.Entry) json.RawMessage {
	best, rank := cands[0].Value, len(phases)
	for _, c := range cands {
		var p string
		_ = json.Unmarshal(c.Value, &p)
		for i, q := range phases {
			if q == p && i < rank {
				best, rank = c.Value, i
			}
		}
	}
	return best
}

// firstChange is the record's earliest change: when it was made and by whom.
func firstChange(rec space.RecordState) (time.Time, space.Person) {
	var first *space.Entry
	for _, f := range rec.Fields {
		for _, list := range [][]space.Entry{f.History, f.Current} {
			for i := range list {
				e := &list[i]
				if first == nil || e.Clock < first.Clock || e.Clock == first.Clock && e.Change < first.Change {
					first = e
				}
			}
		}
	}
	if first == nil {
		return time.Time{}, space.Person{}
	}
	return first.At, first.Person
}

func tampered(what, id string) error {
	return fmt.Errorf("%s %s: %w", what, id, vault.ErrTampered)
}
