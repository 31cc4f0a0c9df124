package reveal

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/goldseam/goldseam/internal/space"
)

// Pass appends every release this device owes: for each sealed value it wrote (in any of the
// kinds Answered) whose question this copy of the log shows the partner has answered too
// (the other partner's own answer record under the same parent), the key, sealed and signed as
// every change is, written as the person the value was written as. It releases every value
// that person wrote for the question, earlier ones too, so the history reads whole. It is
// called when answers arrive (after an answer is kept here, after a sharing pass took the
// partner's changes in), never when something is read, so nothing the partner's computer
// receives depends on whether anyone looked. It returns how many keys it released.
func Pass(ctx context.Context, log *space.Log) (int, error) {
	signer := log.Signer()
	if signer == nil {
		return 0, nil
	}
	here := signer.DeviceID()
	released, err := log.Kind(ctx, KindRelease)
	if err != nil {
		return 0, err
	}
	var drafts []space.Draft
	for _, kind := range Answered {
		st, err := log.Kind(ctx, kind)
		if err != nil {
			return 0, err
		}
		answered := answeredBy(st)
		for _, rec := range st.Records {
			for _, e := range entries(rec.Fields[FieldSealed]) {
				if e.Device != here || !partnerAnswered(answered[rec.Parent], e.Person.Role) {
					continue
				}
				if d, ok := owed(signer, rec, e, released); ok {
					drafts = append(drafts, d)
				}
			}
		}
	}
	if len(drafts) == 0 {
		return 0, nil
	}
	_, err = log.Append(ctx, drafts...)
	return len(drafts), err
}

// owed is the release of the sealed entry e of rec, unless it is released already or its key
// is not one this device derives.
func owed(signer space.Signer, rec space.RecordState, e space.Entry, released space.State) (space.Draft, bool) {
	env, ok := envelopeOf(e)
	if !ok {
		return space.Draft{}, false
	}
	k := deriveKey(signer, env.Seed, questionOf(rec, e))
	field := releaseField(env.Commit)
	id := ReleaseRecordID(rec.ID, e.Person)
	if string(commitTo(k)) != string(env.Commit) || holdsKey(released.Records[id].Fields[field], k, e.Device) {
		return space.Draft{}, false
	}
	by := e.Person
	return space.Draft{Record: id, Kind: KindRelease, Parent: rec.ID, Field: field, Value: release{Key: k}, By: &by}, true
}

// holdsKey reports whether a release field holds k already, released by device. Only such a
// release counts (as Reader opens with no other): a forged one in the field must not stop the
// real one.
func holdsKey(f space.FieldState, k []byte, device string) bool {
	for _, e := range entries(f) {
		var given release
		if e.Device == device && json.Unmarshal(e.Value, &given) == nil && bytes.Equal(given.Key, k) {
			return true
		}
	}
	return false
}

// answeredBy is, for each question (parent), the roles whose own answer record this copy
// holds: a record whose id is the one its writer's role gives, so a change written into
// another person's record does not count as that writer's answer.
func answeredBy(st space.State) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, rec := range st.Records {
		for _, f := range rec.Fields {
			for _, e := range entries(f) {
				if rec.ID != space.PersonalRecordID(rec.Kind, rec.Parent, e.Person) {
					continue
				}
				if out[rec.Parent] == nil {
					out[rec.Parent] = map[string]bool{}
				}
				out[rec.Parent][e.Person.Role] = true
			}
		}
	}
	return out
}

// partnerAnswered reports whether the other partner of role (space.OtherRole) answered: an
// answer written as anyone else (a third role a rebuilt Goldseam made up) releases nothing.
func partnerAnswered(roles map[string]bool, role string) bool {
	other, ok := space.OtherRole(role)
	return ok && roles[other]
}

// Draft is the change that writes by's answer value (a JSON object of field → value) to the
// question parent of kind, sealed (Seal) in by's own answer record under a key only signer
// derives. The caller appends it, then runs Pass: an answer kept after the partner's arrived
// is released at once.
func Draft(signer space.Signer, kind, parent string, by space.Person, value any) (space.Draft, error) {
	record := space.PersonalRecordID(kind, parent, by)
	env, err := Seal(signer, Question{Kind: kind, Record: record, Parent: parent, Role: by.Role}, value)
	if err != nil {
		return space.Draft{}, err
	}
	return space.Draft{Record: record, Kind: kind, Parent: parent, Field: FieldSealed, Value: env, By: &by}, nil
}

// Write appends by's sealed answer (Draft) on log, signed by its device, then runs Pass.
func Write(ctx context.Context, log *space.Log, kind, parent string, by space.Person, value any) error {
	d, err := Draft(log.Signer(), kind, parent, by, value)
	if err != nil {
		return err
	}
	if _, err := log.Append(ctx, d); err != nil {
		return err
	}
	_, err = Pass(ctx, log)
	return err
}
