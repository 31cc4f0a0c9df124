package reveal

import (
	"bytes"
	"context"
	"encoding/json"
	"sort"

	"github.com/goldseam/goldseam/internal/space"
)

// Reader opens sealed answers on one copy of the log: this device's own with the keys it
// derives, anyone else's only with a release that passes every check.
type Reader struct {
	signer   space.Signer // nil: a reader that holds no key of its own
	here     string
	releases space.State
	// Refused counts the releases found and refused while reading: a key that is not the one
	// the answer committed to (forged, or copied from another answer), or a release written as
	// another person than the answer's or by another device than the one that sealed it (only
	// that device can derive the key, so no honest release comes from elsewhere). A refused
	// release opens nothing.
	Refused int
}

// NewReader reads the releases of log; it opens this device's own answers when log has a
// signer (space.Log.Signer).
func NewReader(ctx context.Context, log *space.Log) (*Reader, error) {
	rel, err := log.Kind(ctx, KindRelease)
	if err != nil {
		return nil, err
	}
	r := &Reader{signer: log.Signer(), releases: rel}
	if r.signer != nil {
		r.here = r.signer.DeviceID()
	}
	return r, nil
}

// Unseal returns rec with what its sealed values hold as ordinary fields (each sealed value
// is a JSON object of field → value), folded with the fields written in the clear before, so
// a screen reads it as any record; and whether its current answer is still hidden here, when
// rec comes back with no answer in it (only its tombstone). A sealed value from earlier that
// does not open is left out; one that does is kept in the fields' history.
func (r *Reader) Unseal(rec space.RecordState) (space.RecordState, bool) {
	sealed, ok := rec.Fields[FieldSealed]
	if !ok {
		return rec, false
	}
	out := space.RecordState{ID: rec.ID, Kind: rec.Kind, Parent: rec.Parent, Deleted: rec.Deleted, Fields: map[string]space.FieldState{}}
	if del, ok := rec.Fields[space.FieldDeleted]; ok {
		out.Fields[space.FieldDeleted] = del
	}
	for _, e := range sealed.Current {
		if _, ok := r.open(rec, e); !ok {
			return out, true
		}
	}
	byField := map[string][]space.Entry{}
	for name, f := range rec.Fields {
		if name != FieldSealed && name != space.FieldDeleted {
			byField[name] = entries(f)
		}
	}
	for _, e := range entries(sealed) {
		plain, ok := r.open(rec, e)
		var fields map[string]json.RawMessage
		if !ok || json.Unmarshal(plain, &fields) != nil {
			continue
		}
		for name, v := range fields {
			opened := e
			opened.Value = v
			byField[name] = append(byField[name], opened)
		}
	}
	for name, list := range byField {
		sort.Slice(list, func(i, j int) bool { // sort, not slices: see docs/architecture.md, binary size
			return list[i].Clock < list[j].Clock || (list[i].Clock == list[j].Clock && list[i].Change < list[j].Change)
		})
		out.Fields[name] = withoutRepeats(space.FieldOf(list))
	}
	return out, false
}

// withoutRepeats drops from f's history each value the next one repeats: a sealed answer is
// written whole, so a field left as it was would otherwise show as an earlier value of itself.
func withoutRepeats(f space.FieldState) space.FieldState {
	var kept []space.Entry
	for i, e := range f.History {
		next := f.Current[0]
		if i+1 < len(f.History) {
			next = f.History[i+1]
		}
		if !bytes.Equal(e.Value, next.Value) {
			kept = append(kept, e)
		}
	}
	f.History = kept
	return f
}

// open opens the sealed entry e of rec: with this device's own key when it wrote it, else
// with a release written as e's own person, by the device that sealed it, whose key is the one
// e committed to.
func (r *Reader) open(rec space.RecordState, e space.Entry) (json.RawMessage, bool) {
	env, ok := envelopeOf(e)
	if !ok {
		r.Refused++
		return nil, false
	}
	q := questionOf(rec, e)
	if r.signer != nil && e.Device == r.here {
		k := deriveKey(r.signer, env.Seed, q)
		defer clear(k)
		if plain, err := open(env, q, k); err == nil {
			return plain, true
		}
	}
	rel, ok := r.releases.Records[ReleaseRecordID(rec.ID, e.Person)]
	if !ok {
		return nil, false
	}
	for _, re := range entries(rel.Fields[releaseField(env.Commit)]) {
		var given release
		if rel.Kind != KindRelease || rel.Parent != rec.ID || re.Person.Role != e.Person.Role || re.Device != e.Device ||
			json.Unmarshal(re.Value, &given) != nil {
			r.Refused++
			continue
		}
		if plain, err := open(env, q, given.Key); err == nil {
			return plain, true
		}
		r.Refused++
	}
	return nil, false
}
