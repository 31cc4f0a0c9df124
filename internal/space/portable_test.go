package space_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// twoAuthorsWithATie gives Alex's copy a space two people wrote: each their own changes, an
// edit that sent a value to the history, and a true tie on one field, all merged into it.
func twoAuthorsWithATie(t *testing.T) *space.Log {
	t.Helper()
	ctx := context.Background()
	a, b, _ := twoLogs(t)
	mustAppend(t, a, space.Draft{Record: "r", Kind: "agreement", Value: map[string]string{"what": "We walk <b>on Sundays</b> & talk"}},
		space.Draft{Record: "r", Kind: "agreement", Field: "review", Value: "2027-03-01"})
	mustAppend(t, a, space.Draft{Record: "r", Kind: "agreement", Field: "review", Value: "2027-04-01"})
	if _, err := b.Merge(ctx, mustAll(t, a)); err != nil {
		t.Fatal(err)
	}
	mustAppend(t, b, space.Draft{Record: "r", Kind: "agreement", Field: "title", Value: "Sam's title"})
	mustAppend(t, a, space.Draft{Record: "r", Kind: "agreement", Field: "title", Value: "Alex's title"})
	mustAppend(t, b, space.Draft{Record: space.PersonalRecordID("answer", "c", sam), Kind: "answer", Parent: "c", Field: "rating", Value: 4})
	if _, err := a.Merge(ctx, mustAll(t, b)); err != nil {
		t.Fatal(err)
	}
	return a
}

func portableOf(t *testing.T, l *space.Log) []space.Portable {
	t.Helper()
	out, err := l.Portable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// throughJSON writes each change as a line and reads it back, as a backup does.
func throughJSON(t *testing.T, in []space.Portable) []space.Portable {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, p := range in {
		if err := enc.Encode(p); err != nil {
			t.Fatal(err)
		}
	}
	var out []space.Portable
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	for dec.More() {
		var p space.Portable
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func restore(t *testing.T, db *store.DB, key *vault.ContentKey, in []space.Portable, replace bool) (int, error) {
	t.Helper()
	var added int
	err := db.Write(context.Background(), func(tx *sql.Tx) error {
		var err error
		added, err = space.RestoreChangesTx(context.Background(), tx, key, in, replace)
		return err
	})
	return added, err
}

func TestPortableChangesSealedAgainUnderAnotherKeyKeepIdsSignaturesAndTheFold(t *testing.T) {
	ctx := context.Background()
	from := twoAuthorsWithATie(t)
	want, err := from.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !want.Records["r"].Fields["title"].Conflict || len(want.Records["r"].Fields["review"].History) != 1 {
		t.Fatalf("the space to carry has no tie or no history: %+v", want.Records["r"])
	}
	lines := throughJSON(t, portableOf(t, from))

	db, key := testvault.OpenKey(t, vault.Shared) // another vault: another shared key
	if n, err := restore(t, db, key, lines, false); err != nil || n != 6 {
		t.Fatalf("restored %d, %v; want 6", n, err)
	}
	to := space.NewLog(db, key, space.Author{})
	got, err := to.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the fold differs after the trip:\n%+v\n%+v", got, want)
	}
	before, after := mustAll(t, from), mustAll(t, to)
	for i := range before {
		x, y := before[i], after[i]
		if x.ID != y.ID || x.Header != y.Header || !bytes.Equal(x.Sig, y.Sig) || !bytes.Equal(x.Commit, y.Commit) || !bytes.Equal(x.Pub, y.Pub) {
			t.Fatalf("change %d differs: %v, then %v", i, x, y)
		}
		if bytes.Equal(x.Sealed, y.Sealed) {
			t.Fatalf("change %s was not sealed again", x.ID)
		}
	}
	if n, err := restore(t, db, key, lines, false); err != nil || n != 0 {
		t.Fatalf("restoring twice added %d, %v", n, err)
	}
	// Carried again from the restored copy, every change is the same line: salt, person and
	// value as well as header, id and signature.
	if again := portableOf(t, to); !reflect.DeepEqual(throughJSON(t, again), lines) {
		t.Fatal("the restored changes do not carry back as the same lines")
	}
}

func TestReplacingGivesExactlyTheCarriedLog(t *testing.T) {
	from := twoAuthorsWithATie(t)
	lines := portableOf(t, from)
	db, key := testvault.OpenKey(t, vault.Shared)
	here := space.NewLog(db, key, space.Author{Signer: mergesim.NewSigner(), Person: alex})
	mustAppend(t, here, space.Draft{Record: "only-here", Kind: "agreement", Value: "written here"})
	if _, err := restore(t, db, key, lines[:3], true); err != nil {
		t.Fatal(err)
	}
	got := mustAll(t, here)
	if len(got) != 3 || got[0].ID != lines[0].ID || got[2].ID != lines[2].ID {
		t.Fatalf("after replacing: %v", got)
	}
}

func TestAnAlteredPortableChangeIsRefusedAndNothingIsRestored(t *testing.T) {
	lines := portableOf(t, twoAuthorsWithATie(t))
	flip := func(b []byte) []byte { b = bytes.Clone(b); b[len(b)/2] ^= 1; return b }
	alter := map[string]func(*space.Portable){
		"value":             func(p *space.Portable) { p.Value = strings.Replace(p.Value, "Sundays", "Mondays", 1) },
		"person":            func(p *space.Portable) { p.Person.Name = "Sam" },
		"role":              func(p *space.Portable) { p.Person.Role = "b" },
		"salt":              func(p *space.Portable) { p.Salt = flip(p.Salt) },
		"short salt":        func(p *space.Portable) { p.Salt = p.Salt[:8] },
		"header":            func(p *space.Portable) { p.Header = flip(p.Header) },
		"record written":    func(p *space.Portable) { p.Record = "s" },
		"clock written":     func(p *space.Portable) { p.Clock++ },
		"time written":      func(p *space.Portable) { p.At = p.At.Add(1) },
		"commitment":        func(p *space.Portable) { p.Commitment = flip(p.Commitment) },
		"signature":         func(p *space.Portable) { p.Signature = flip(p.Signature) },
		"key":               func(p *space.Portable) { p.PublicKey = lines[5].PublicKey },
		"id":                func(p *space.Portable) { p.ID = lines[1].ID },
		"value reformatted": func(p *space.Portable) { p.Value = strings.Replace(p.Value, ":", ": ", 1) },
	}
	for name, f := range alter {
		t.Run(name, func(t *testing.T) {
			bad := append([]space.Portable{}, lines...)
			f(&bad[0])
			if err := bad[0].Verify(); !errors.Is(err, vault.ErrTampered) {
				t.Fatalf("Verify: %v", err)
			}
			db, key := testvault.OpenKey(t, vault.Shared)
			if _, err := restore(t, db, key, bad, false); !errors.Is(err, vault.ErrTampered) {
				t.Fatalf("restore: %v", err)
			}
			if got := mustAll(t, space.NewLog(db, key, space.Author{})); len(got) != 0 {
				t.Fatalf("%d changes were kept from a refused restore", len(got))
			}
			// Altered after a Verify that passed (a signature is checked once however many
			// layers look): sealing it checks it again, and refuses it.
			checked := lines[0]
			if err := checked.Verify(); err != nil {
				t.Fatal(err)
			}
			f(&checked)
			if _, err := checked.Seal(key); !errors.Is(err, vault.ErrTampered) {
				t.Fatalf("sealed after it was altered past its check: %v", err)
			}
		})
	}
	for _, p := range lines {
		if err := p.Verify(); err != nil {
			t.Fatalf("an unaltered change is refused: %v", err)
		}
	}
}
