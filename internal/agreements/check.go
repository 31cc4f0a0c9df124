package agreements

// What each part of an agreement claims of itself is checked as it is read. The engine has
// already refused any change altered after it was signed (space.Open); these checks refuse a
// change made whole by someone holding the shared key that claims to be what it is not: a
// version whose words do not give its id, or a signature whose record, agreement, version or
// signer disagree. Such a part fails the read (vault.ErrTampered), as an altered change does.

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/goldseam/goldseam/internal/space"
)

// entries is every change of a field, earliest first.
func entries(f space.FieldState) []space.Entry {
	return append(append([]space.Entry{}, f.History...), f.Current...)
}

func (b *Book) readVersions(d *Detail) error {
	byID := map[string]*Version{}
	for id, rec := range b.versions.Records {
		if rec.Parent != d.ID {
			continue
		}
		f := rec.Fields[space.FieldWhole]
		if len(f.Current) == 0 {
			return tampered("version without words", id)
		}
		for _, e := range entries(f) {
			var body versionBody
			if json.Unmarshal(e.Value, &body) != nil || versionID(d.ID, body) != id {
				return tampered("version whose words do not give its id", id)
			}
		}
		var body versionBody
		_ = json.Unmarshal(f.Current[0].Value, &body)
		byID[id] = &Version{ID: id, Revises: body.Revises, Wording: body.Wording, By: f.Current[0], Written: written(body.Written, f.Current[0])}
	}
	for _, v := range byID {
		v.Number = depth(byID, v)
		d.Versions = append(d.Versions, *v)
	}
	sort.Slice(d.Versions, func(i, j int) bool { return earlier(d.Versions[i].By, d.Versions[j].By) })
	return b.readCurrent(d, byID)
}

// depth is a version's place in its chain of revisions, from 1. A version whose predecessor
// this copy does not hold counts that one too. Ids are derived from content that includes
// the predecessor, so the chain cannot loop.
func depth(byID map[string]*Version, v *Version) int {
	n := 1
	for v.Revises != "" {
		n++
		if v = byID[v.Revises]; v == nil {
			break
		}
	}
	return n
}

// readCurrent finds the version in force. While two were chosen at once, both are kept as
// Tied and Current is the one written first, for the list to show until the people choose.
func (b *Book) readCurrent(d *Detail, byID map[string]*Version) error {
	f := d.Record.Fields[FieldCurrent]
	for _, e := range f.Current {
		var id string
		_ = json.Unmarshal(e.Value, &id)
		v := byID[id]
		if v == nil {
			if b.elsewhere(id, d.ID) {
				return tampered("current version of another agreement", d.ID)
			}
			continue // written in the same step elsewhere, still on its way here
		}
		if f.Conflict && !slices.Contains(d.Tied, id) {
			d.Tied = append(d.Tied, id)
		}
		if d.Current.ID == "" || earlier(v.By, d.Current.By) {
			d.Current = *v
		}
	}
	if d.Current.ID == "" {
		return errArriving
	}
	return nil
}

// errArriving means an agreement's wording has not reached this copy yet: changes travel one
// by one and in any order, so the agreement's record can come before the version it names.
// That is no forgery (a version of another agreement would be); List leaves the agreement out
// until its wording arrives, and Get finds it not there yet.
var errArriving = fmt.Errorf("%w: its wording has not arrived yet", ErrNotFound)

// elsewhere reports whether version id is held here as a version of another agreement than
// agreement: naming it is a forgery, where an id held nowhere is only still on its way.
func (b *Book) elsewhere(id, agreement string) bool {
	rec, ok := b.versions.Records[id]
	return ok && rec.Parent != agreement
}

func (b *Book) readSignatures(d *Detail) error {
	for id, rec := range b.signatures.Records {
		if rec.Parent != d.ID {
			continue
		}
		f := rec.Fields[space.FieldWhole]
		var body signatureBody
		arriving := false
		for _, e := range entries(f) {
			if json.Unmarshal(e.Value, &body) != nil || b.elsewhere(body.Version, d.ID) || body.Agreement != d.ID ||
				body.Person.Role != e.Person.Role || signatureID(body.Version, body.Person) != id {
				return tampered("signature that is not what it says", id)
			}
			arriving = arriving || !d.hasVersion(body.Version)
		}
		if arriving || rec.Deleted || len(f.Current) == 0 {
			continue // its version is still on its way, or it was withdrawn
		}
		_ = json.Unmarshal(f.Current[0].Value, &body)
		p := f.Current[0].Person
		d.Signatures = append(d.Signatures, Signature{Version: body.Version, Person: p, By: f.Current[0], Written: written(body.Written, f.Current[0])})
	}
	sort.Slice(d.Signatures, func(i, j int) bool { return earlier(d.Signatures[i].By, d.Signatures[j].By) })
	return nil
}

func (d *Detail) hasVersion(id string) bool {
	for _, v := range d.Versions {
		if v.ID == id {
			return true
		}
	}
	return false
}

func earlier(a, b space.Entry) bool {
	return a.Clock < b.Clock || a.Clock == b.Clock && a.Change < b.Change
}

// written is when something was written: the old table's time for what the move carried,
// else its change's.
func written(old string, e space.Entry) time.Time {
	if t, err := time.Parse(time.RFC3339Nano, old); err == nil {
		return t
	}
	return e.At
}
