package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// An agreement both partners signed in the old table is, after the next unlock, on the change
// log, still agreed, with both signatures on its wording and its review still due.
func TestTheNextUnlockMovesTheOldAgreementsOntoTheLog(t *testing.T) {
	ctx := context.Background()
	r := newVaultRig(t)
	r.create(t)
	sp := api.NewSpace(r.db, r.session)
	if _, err := sp.SaveSettings(api.SpaceSettings{Names: [2]string{"Sam", "Alex"}}); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 5, 3, 10, 0, 0, 0, time.UTC)
	var id string
	if err := r.session.WithKeys(func(u *vault.Unlocked) error {
		return space.New(r.db).Write(ctx, u.Key(vault.Shared), func(tx *space.Tx) error {
			var err error
			if id, err = tx.Put("agreement", "", "", map[string]any{"status": "active", "version": 1, "proposedBy": "Alex", "reviewOn": "2000-01-01", "createdAt": at}); err != nil {
				return err
			}
			if _, err = tx.Put("agreement-version", "", id, map[string]any{"agreement": id, "number": 1, "changedBy": "Alex", "at": at,
				"wording": map[string]any{"what": "We say where we are going.", "category": "openness"}}); err != nil {
				return err
			}
			for _, name := range []string{"Sam", "Alex"} {
				if _, err = tx.Put("agreement-signature", signatureRow(id, name), id, map[string]any{"agreement": id, "version": 1, "name": name, "at": at}); err != nil {
					return err
				}
			}
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	if err := r.svc.Lock(); err != nil {
		t.Fatal(err)
	}
	if err := r.svc.Unlock(passphrase); err != nil {
		t.Fatal(err)
	}
	a, err := api.NewAgreements(r.db, r.session).Get(id)
	if err != nil || a.Status != "up-for-review" || len(a.Signatures) != 2 || a.ProposedBy != "Alex" || a.Current.What != "We say where we are going." || a.Current.At[:10] != "2026-05-03" {
		t.Fatalf("moved %+v %v", a, err)
	}
	due, err := sp.Due()
	if err != nil || len(due.Reviews) != 1 || due.Reviews[0].ID != id {
		t.Fatalf("due %+v %v", due, err)
	}
}

// signatureRow is the row the old table kept one name's signature on version 1 in.
func signatureRow(agreement, name string) string {
	return uuid.NewSHA1(uuid.NameSpaceOID, fmt.Appendf(nil, "goldseam-signature:%s:%d:%s", agreement, 1, strings.ToLower(name))).String()
}

// A backup made before the change log (format 1) holds agreements in the old table's shape;
// restored, they reach the log through the agreements' own move, and restoring again adds
// nothing.
func TestAFormat1BackupsAgreementsReachTheLog(t *testing.T) {
	backup.UseCheapWorkFactorForTests()
	r := newVaultRig(t)
	r.create(t)
	b := api.NewBackup(r.host, r.db, r.session, nil)
	r.host.savePath = format1Backup
	if _, err := b.Inspect(format1Passphrase); err != nil {
		t.Fatal(err)
	}
	ag := api.NewAgreements(r.db, r.session)
	for i, mode := range []string{"replace", "merge"} {
		if _, err := b.Restore(format1Passphrase, mode); err != nil {
			t.Fatalf("restore %d: %v", i, err)
		}
		list, err := ag.List()
		if err != nil || len(list) != 1 || list[0].Current.What != "We say where we are going." || list[0].Status != "proposed" {
			t.Fatalf("after restore %d: %+v %v", i, list, err)
		}
	}
}
