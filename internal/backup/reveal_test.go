package backup_test

import (
	"bytes"
	"testing"

	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/reveal"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// sealedAnswer reads, on r's data file with its own device identity, what opens of whose
// answer to question: its words, or hidden.
func sealedAnswer(t *testing.T, r rig, question string, whose space.Person) (string, bool) {
	t.Helper()
	id, err := r.u.Device(ctx, r.db)
	if err != nil {
		t.Fatal(err)
	}
	defer id.Wipe()
	log := space.NewLog(r.db, r.u.Key(vault.Shared), space.Author{Signer: id, Person: whose})
	reader, err := reveal.NewReader(ctx, log)
	if err != nil {
		t.Fatal(err)
	}
	rec, ok, err := log.Record(ctx, space.PersonalRecordID("checkin-answer", question, whose))
	if err != nil || !ok {
		t.Fatalf("no answer after the restore (%v)", err)
	}
	rec, hidden := reader.Unseal(rec)
	v, _ := rec.Fields["hard"].Value()
	return string(v), hidden
}

// A backup carries a sealed answer as it carries every change. Restored into the data file
// that sealed it, the answer opens there (the device identity is the file's own, so the key
// is derived again); restored onto another computer, whose identity differs, an answer not
// yet released stays locked, as docs/security.md says.
func TestASealedAnswerRestoresAndOpensOnlyWhereItsKeyCanBeDerived(t *testing.T) {
	from, to := newRig(t), newRig(t)
	sam := space.Person{Role: "partner-1", Name: "Sam"}
	id, err := from.u.Device(ctx, from.db)
	if err != nil {
		t.Fatal(err)
	}
	log := space.NewLog(from.db, from.u.Key(vault.Shared), space.Author{Signer: id, Person: sam})
	err = reveal.Write(ctx, log, "checkin-answer", "a-check-in", sam, map[string]string{"hard": "Only Sam's for now."})
	id.Wipe()
	if err != nil {
		t.Fatal(err)
	}
	file := export(t, from)
	for _, r := range []rig{from, to} {
		s, _, err := backup.Decode(bytes.NewReader(file), backupPassphrase)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := backup.Apply(ctx, r.db, r.u, s, backup.Replace); err != nil {
			t.Fatal(err)
		}
	}
	if words, hidden := sealedAnswer(t, from, "a-check-in", sam); hidden || words != `"Only Sam's for now."` {
		t.Fatalf("restored into its own file, the answer reads %s (hidden %v)", words, hidden)
	}
	if words, hidden := sealedAnswer(t, to, "a-check-in", sam); !hidden || words != "" {
		t.Fatalf("restored onto another computer, the unreleased answer opened: %s", words)
	}
}
