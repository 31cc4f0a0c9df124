package agreements_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/figures"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// forgery is one change someone with the data file can make with plain SQL, using only the
// agreements' own sealed rows. a and b are two agreed, signed agreements.
type forgery struct {
	name string
	sql  func(a, b string) []string
}

// swapParents moves the rows of kinds under a to b and those under b to a.
func swapParents(kinds ...string) func(a, b string) []string {
	return func(a, b string) []string {
		return []string{fmt.Sprintf(`UPDATE shared_records SET parent_id = CASE parent_id WHEN '%s' THEN '%s' ELSE '%s' END
			WHERE parent_id IN ('%s', '%s') AND kind IN ('%s')`, a, b, a, a, b, strings.Join(kinds, "', '"))}
	}
}

// swapContent exchanges the sealed content of the first row of kind under a and under b.
func swapContent(kind string) func(a, b string) []string {
	return func(a, b string) []string {
		first := func(p string) string {
			return fmt.Sprintf(`(SELECT id FROM shared_records WHERE kind = '%s' AND parent_id = '%s' ORDER BY clock LIMIT 1)`, kind, p)
		}
		return []string{
			`CREATE TEMP TABLE held AS SELECT id, content FROM shared_records WHERE id IN (` + first(a) + `, ` + first(b) + `)`,
			`UPDATE shared_records SET content = (SELECT content FROM held WHERE held.id != shared_records.id) WHERE id IN (SELECT id FROM held)`,
			`DROP TABLE held`,
		}
	}
}

var forgeries = []forgery{
	{"versions swapped between agreements", swapParents("agreement-version")},
	{"signatures swapped between agreements", swapParents("agreement-signature")},
	{"versions and signatures swapped", swapParents("agreement-version", "agreement-signature")},
	{"every child row swapped", swapParents("agreement-version", "agreement-signature", "agreement-event")},
	{"b's version moved under a, a's own tombstoned", func(a, b string) []string {
		return []string{
			fmt.Sprintf(`UPDATE shared_records SET deleted = 1, content = NULL WHERE kind = 'agreement-version' AND parent_id = '%s'`, a),
			fmt.Sprintf(`UPDATE shared_records SET parent_id = '%s' WHERE kind = 'agreement-version' AND parent_id = '%s'`, a, b),
		}
	}},
	{"b's signatures copied under a as new rows", func(a, b string) []string {
		return []string{fmt.Sprintf(`INSERT INTO shared_records (id, kind, parent_id, clock, device_id, updated_at, deleted, content)
			SELECT lower(hex(randomblob(16))), kind, '%s', clock + 100, device_id, updated_at, 0, content
			FROM shared_records WHERE kind = 'agreement-signature' AND parent_id = '%s'`, a, b)}
	}},
	{"version content swapped between rows", swapContent("agreement-version")},
	{"signature content swapped between rows", swapContent("agreement-signature")},
	{"version relabelled as a signature", func(a, b string) []string {
		return []string{fmt.Sprintf(`UPDATE shared_records SET kind = 'agreement-signature' WHERE kind = 'agreement-version' AND parent_id = '%s'`, b)}
	}},
}

// agreed makes an agreement both partners signed.
func agreed(t *testing.T, a *agreements.Agreements, key *vault.ContentKey, what string) string {
	t.Helper()
	ctx := context.Background()
	id, err := a.Create(ctx, key, wording(what), "", "Sam")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Propose(ctx, key, id, "Sam"); err != nil {
		t.Fatal(err)
	}
	for _, name := range partners {
		if err := a.Sign(ctx, key, id, 1, name, partners); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// shown is what reading an agreement shows a person: its wording, who signed, its history.
func shown(d agreements.Detail) string {
	var names []string
	for _, s := range d.Signatures {
		names = append(names, s.Name)
	}
	slices.Sort(names)
	return fmt.Sprintf("%s|%s|%v|%d|%d", d.Status, d.Current.Wording.What, names, len(d.Versions), len(d.History))
}

// TestAgreementsCannotBeForgedFromTheirOwnParts makes two agreed, signed agreements, then
// rearranges their rows with plain SQL, as someone with the file could. A forgery is
// accepted when the agreements still read without an error but show something other than
// what was signed. The count is the reparent_accepted figure.
func TestAgreementsCannotBeForgedFromTheirOwnParts(t *testing.T) {
	ctx := context.Background()
	accepted := 0
	for _, f := range forgeries {
		db, key := testvault.OpenKey(t, vault.Shared)
		now := time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { now = now.Add(time.Minute); return now }
		a := agreements.New(space.New(db))
		ids := []string{agreed(t, a, key, "We say where we are going."), agreed(t, a, key, "We keep our phones open to each other.")}
		before := map[string]string{}
		for _, id := range ids {
			d, err := a.Get(ctx, key, id)
			if err != nil {
				t.Fatal(err)
			}
			before[id] = shown(d)
		}
		tamper(t, db, f.sql(ids[0], ids[1]))
		for _, id := range ids {
			d, err := a.Get(ctx, key, id)
			if err == nil && shown(d) != before[id] {
				accepted++
				t.Errorf("%s: accepted, agreement now reads %q (was %q)", f.name, shown(d), before[id])
				break
			}
		}
	}
	t.Logf("reparent_trials=%d reparent_accepted=%d", len(forgeries), accepted)
	figures.Record("reparent_trials", len(forgeries))
	figures.Record("reparent_accepted", accepted)
}

func tamper(t *testing.T, db *store.DB, statements []string) {
	t.Helper()
	for _, s := range statements {
		if _, err := db.SQL().Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}
