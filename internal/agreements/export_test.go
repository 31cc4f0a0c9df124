package agreements

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// OldAgreement is an agreement as the old table kept it, for tests of the move to write.
type OldAgreement struct {
	Status, ProposedBy, ReviewOn string
	Current                      int      // the number of the version in force
	Versions                     []string // what each numbered version says, from 1
	Signatures                   map[int][]string
	Retired                      string // the note of the "retired" history line
}

// WriteOld writes o into the old table as the code before the change log did, and returns its id.
func WriteOld(ctx context.Context, sp *space.Space, key *vault.ContentKey, o OldAgreement) (string, error) {
	id := uuid.NewString()
	at := time.Date(2026, 5, 3, 10, 0, 0, 0, time.UTC)
	return id, sp.Write(ctx, key, func(tx *space.Tx) error {
		ag := tableAgreement{Status: o.Status, Version: o.Current, ProposedBy: o.ProposedBy, ReviewOn: o.ReviewOn, CreatedAt: at}
		if _, err := tx.Put(kindAgreement, id, "", ag); err != nil {
			return err
		}
		events := []Event{{What: "wrote", By: o.ProposedBy, Version: 1, At: at}}
		for i, what := range o.Versions {
			v := tableVersion{Agreement: id, Number: i + 1, Wording: Wording{What: what, Category: "openness"}, ChangedBy: o.ProposedBy, At: at.Add(time.Duration(i) * time.Hour)}
			if _, err := tx.Put(kindVersion, "", id, v); err != nil {
				return err
			}
			for _, name := range o.Signatures[i+1] {
				s := tableSignature{Agreement: id, Version: i + 1, Name: name, At: v.At.Add(time.Minute)}
				if _, err := tx.Put(kindSignature, tableSignatureID(id, i+1, name), id, s); err != nil {
					return err
				}
				events = append(events, Event{What: "signed", By: name, Version: i + 1, At: s.At})
			}
		}
		if o.Retired != "" {
			events = append(events, Event{What: "retired", By: o.ProposedBy, Version: o.Current, Note: o.Retired, At: at.Add(24 * time.Hour)})
		}
		for _, e := range events {
			if _, err := tx.Put(kindEvent, "", id, e); err != nil {
				return err
			}
		}
		return nil
	})
}
