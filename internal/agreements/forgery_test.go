package agreements_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/figures"
)

// forgery is one change to a copy holding two agreed agreements a and b (ids and current
// version ids): plain SQL on the data file, as anyone with the file could try, or whole new
// changes signed by a device of someone holding the shared key.
type forgery struct {
	name string
	do   func(t *testing.T, c copyOf, a, b, va, vb string)
}

func sql(statements func(a, b string) []string) func(*testing.T, copyOf, string, string, string, string) {
	return func(t *testing.T, c copyOf, a, b, _, _ string) {
		for _, s := range statements(a, b) {
			if _, err := c.db.SQL().Exec(s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
	}
}

// swapParents moves the changes of kinds under a to b and those under b to a.
func swapParents(kinds ...string) func(*testing.T, copyOf, string, string, string, string) {
	return sql(func(a, b string) []string {
		return []string{fmt.Sprintf(`UPDATE shared_changes SET parent = CASE parent WHEN '%s' THEN '%s' ELSE '%s' END
			WHERE parent IN ('%s', '%s') AND kind IN ('%s')`, a, b, a, a, b, strings.Join(kinds, "', '"))}
	})
}

// appended writes drafts made from a, b and their versions as person, from a stranger's device.
func appended(person space.Person, drafts func(a, b, va, vb string) []space.Draft) func(*testing.T, copyOf, string, string, string, string) {
	return func(t *testing.T, c copyOf, a, b, va, vb string) {
		if _, err := c.log.As(person).Append(ctx, drafts(a, b, va, vb)...); err != nil {
			t.Fatal(err)
		}
	}
}

func sigBody(agreement, version string, p space.Person) map[string]any {
	return map[string]any{"agreement": agreement, "version": version, "person": p}
}

var forgeries = []forgery{
	{"versions swapped between agreements", swapParents(agreements.KindVersion)},
	{"signatures swapped between agreements", swapParents(agreements.KindSignature)},
	{"every part swapped", swapParents(agreements.KindVersion, agreements.KindSignature)},
	{"a's versions dropped, b's moved under a", sql(func(a, b string) []string {
		return []string{
			fmt.Sprintf(`DELETE FROM shared_changes WHERE kind = 'agreement-version' AND parent = '%s'`, a),
			fmt.Sprintf(`UPDATE shared_changes SET parent = '%s' WHERE kind = 'agreement-version' AND parent = '%s'`, a, b),
		}
	})},
	{"b's signatures copied under a as new rows", sql(func(a, b string) []string {
		return []string{fmt.Sprintf(`INSERT INTO shared_changes (id, record, kind, parent, field, clock, device, at, header, commitment, sealed, pub, sig)
			SELECT lower(hex(randomblob(16))), record, kind, '%s', field, clock + 100, device, at, header, commitment, sealed, pub, sig
			FROM shared_changes WHERE kind = 'agreement-signature' AND parent = '%s'`, a, b)}
	})},
	{"version content swapped between changes", sql(func(a, b string) []string {
		first := func(p string) string {
			return fmt.Sprintf(`(SELECT id FROM shared_changes WHERE kind = 'agreement-version' AND parent = '%s' LIMIT 1)`, p)
		}
		return []string{
			`CREATE TEMP TABLE held AS SELECT id, sealed FROM shared_changes WHERE id IN (` + first(a) + `, ` + first(b) + `)`,
			`UPDATE shared_changes SET sealed = (SELECT sealed FROM held WHERE held.id != shared_changes.id) WHERE id IN (SELECT id FROM held)`,
			`DROP TABLE held`,
		}
	})},
	{"version relabelled as a signature", sql(func(a, b string) []string {
		return []string{fmt.Sprintf(`UPDATE shared_changes SET kind = 'agreement-signature' WHERE kind = 'agreement-version' AND parent = '%s'`, b)}
	})},
	{"a version whose words do not give its id", appended(sam, func(a, _, _, _ string) []space.Draft {
		forged := "00000000000000000000000000000001"
		return []space.Draft{
			{Record: forged, Kind: agreements.KindVersion, Parent: a, Value: map[string]any{"revises": "", "wording": wording("We never go out."), "salt": "AAAA"}},
			{Record: a, Kind: agreements.KindAgreement, Field: agreements.FieldCurrent, Value: forged},
		}
	})},
	{"new words written into a's signed version", appended(sam, func(a, _, va, _ string) []space.Draft {
		return []space.Draft{{Record: va, Kind: agreements.KindVersion, Parent: a, Value: map[string]any{"revises": "", "wording": wording("We never go out."), "salt": "AAAA"}}}
	})},
	{"a pointed at b's version as its current", appended(sam, func(a, _, _, vb string) []space.Draft {
		return []space.Draft{{Record: a, Kind: agreements.KindAgreement, Field: agreements.FieldCurrent, Value: vb}}
	})},
	{"a signature on b's version filed under a", appended(sam, func(a, _, _, vb string) []space.Draft {
		return []space.Draft{{Record: space.PersonalRecordID(agreements.KindSignature, vb, sam), Kind: agreements.KindSignature, Parent: a, Value: sigBody(a, vb, sam)}}
	})},
	{"Sam's signature made by a change that says Alex", appended(alex, func(a, _, va, _ string) []space.Draft {
		return []space.Draft{{Record: space.PersonalRecordID(agreements.KindSignature, va, sam), Kind: agreements.KindSignature, Parent: a, Value: sigBody(a, va, sam)}}
	})},
	{"a signature in a record its version and person do not give", appended(sam, func(a, _, va, _ string) []space.Draft {
		return []space.Draft{{Record: "7b8f1f66-0000-4000-8000-000000000000", Kind: agreements.KindSignature, Parent: a, Value: sigBody(a, va, sam)}}
	})},
}

// agreed makes an agreement both partners signed and returns it and its version.
func agreed(t *testing.T, c copyOf, what string) (string, string) {
	t.Helper()
	id, err := c.ag.Create(ctx, wording(what), "", sam)
	must(t, err)
	v := get(t, c, id).Current.ID
	for _, p := range []space.Person{sam, alex} {
		must(t, c.ag.Sign(ctx, id, v, p))
	}
	return id, v
}

// shown is what reading an agreement shows a person: its wording, who signed it, its versions.
func shown(d agreements.Detail) string {
	var names []string
	for _, s := range d.Signatures {
		if s.Version == d.Current.ID {
			names = append(names, s.Person.Name)
		}
	}
	slices.Sort(names)
	return fmt.Sprintf("%s|%s|%v|%d", d.Status, d.Current.Wording.What, names, len(d.Versions))
}

// TestAgreementsCannotBeForgedFromTheirOwnParts makes two agreed, signed agreements, then
// rearranges or adds to their changes. A forgery is accepted when the agreements still read
// without an error but show something other than what was signed. The count is the
// reparent_accepted figure.
func TestAgreementsCannotBeForgedFromTheirOwnParts(t *testing.T) {
	accepted := 0
	for _, f := range forgeries {
		c := one(t)
		a, va := agreed(t, c, "We say where we are going.")
		b, vb := agreed(t, c, "We keep our phones open to each other.")
		before := map[string]string{a: shown(get(t, c, a)), b: shown(get(t, c, b))}
		f.do(t, newCopy(t, c.db, c.key), a, b, va, vb) // another device, on this file, with the shared key
		for _, id := range []string{a, b} {
			d, err := c.ag.Get(ctx, id)
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
