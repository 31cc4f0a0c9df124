package agreements

import (
	"context"
	"encoding/json"
	"time"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// MoveCount is what a move from the old table did.
type MoveCount struct {
	Agreements, Versions, Signatures int // written onto the log by this run
	// Unnamed counts old signatures whose name is neither of the couple's two names (a name
	// changed since it was signed): they do not become signatures, since a signature must be
	// one partner's; the old history's "signed" line of each is carried with the rest of the
	// history, so the agreement's page still tells of it, and the old table keeps the row.
	Unnamed int
}

// MoveFromTable carries every agreement of the old table onto log, as the couple's settings
// name them: each becomes an agreement record, its numbered versions become versions chained
// by what they revise (ids derived as for any version), current is the version its number
// pointed at, its phase is its old status ("agreed" is derived now, so it becomes
// "proposed", with both signatures), its history lines and retire note are kept, and each
// old signature becomes a signature on the version its number named, as the partner whose
// name it carries. Words whose writer names neither partner are written as this computer's
// person, couple.Partner(0). It is idempotent: an agreement already on the log is left
// alone, and a move cut short reuses the versions and signatures it had written. The old
// records are not touched.
func MoveFromTable(ctx context.Context, old *space.Space, key *vault.ContentKey, log *space.Log, couple space.CoupleSettings) (MoveCount, error) {
	var n MoveCount
	list, err := readTable(ctx, old, key)
	if err != nil || len(list) == 0 {
		return n, err
	}
	for _, d := range list {
		book, err := Read(ctx, log, roles)
		if err != nil {
			return n, err
		}
		if _, there := book.agreements.Records[d.ID]; there {
			continue
		}
		if err := moveOne(ctx, book, log, couple, d, &n); err != nil {
			return n, err
		}
	}
	return n, nil
}

func moveOne(ctx context.Context, book *Book, log *space.Log, couple space.CoupleSettings, d tableDetail, n *MoveCount) error {
	person := func(name string) space.Person {
		if p, ok := couple.PartnerNamed(name); ok {
			return p
		}
		return couple.Partner(0)
	}
	have := map[string]string{} // revises + wording as JSON -> a version this move wrote before
	for id, rec := range book.versions.Records {
		var b versionBody
		if v, ok := rec.Fields[space.FieldWhole].Value(); ok && rec.Parent == d.ID && json.Unmarshal(v, &b) == nil {
			have[versionKey(b)] = id
		}
	}
	numbered := map[int]string{}
	revises := ""
	for _, v := range d.Versions {
		w := v.Wording // as it was written, even where today's rules would refuse it
		vid, ok := have[versionKey(versionBody{Revises: revises, Wording: w})]
		if !ok {
			b := versionBody{Revises: revises, Wording: w, Salt: make([]byte, saltSize), Written: v.At.UTC().Format(time.RFC3339Nano)}
			id, draft, err := newSalted(d.ID, b)
			if err != nil {
				return err
			}
			if _, err := log.As(person(v.ChangedBy)).Append(ctx, draft); err != nil {
				return err
			}
			vid = id
			n.Versions++
		}
		numbered[v.Number], revises = vid, vid
	}
	for _, s := range d.Signatures {
		p, ok := couple.PartnerNamed(s.Name)
		vid := numbered[s.Version]
		if !ok || vid == "" {
			n.Unnamed++
			continue
		}
		if _, there := book.signatures.Records[signatureID(vid, p)]; there {
			continue
		}
		b := signatureBody{Agreement: d.ID, Version: vid, Person: p, Written: s.At.UTC().Format(time.RFC3339Nano)}
		if _, err := log.As(p).Append(ctx, signatureDraft(d.ID, b)); err != nil {
			return err
		}
		n.Signatures++
	}
	return moveRecord(ctx, log.As(person(d.ProposedBy)), d, numbered[d.Version], n)
}

// moveRecord writes the agreement record itself, last, so its being there means the whole
// agreement moved.
func moveRecord(ctx context.Context, log *space.Log, d tableDetail, current string, n *MoveCount) error {
	phase := d.Status
	if phase == Agreed {
		phase = Proposed
	}
	note := ""
	for _, e := range d.History {
		if e.What == "retired" {
			note = e.Note
		}
	}
	id := d.ID
	drafts := []space.Draft{field(id, FieldCurrent, current), field(id, FieldPhase, phase), field(id, FieldReviewOn, d.ReviewOn)}
	if note != "" {
		drafts = append(drafts, field(id, FieldNote, note))
	}
	if len(d.History) > 0 {
		drafts = append(drafts, field(id, FieldBefore, d.History))
	}
	if _, err := log.Append(ctx, drafts...); err != nil {
		return err
	}
	n.Agreements++
	return nil
}

func versionKey(b versionBody) string {
	if b.Wording.Actions == nil {
		b.Wording.Actions = []string{}
	}
	out, _ := json.Marshal([]any{b.Revises, b.Wording})
	return string(out)
}
