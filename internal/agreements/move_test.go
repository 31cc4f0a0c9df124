package agreements_test

import (
	"reflect"
	"testing"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/space"
)

// olds are old agreements, each named by the status it had.
var olds = map[string]agreements.OldAgreement{
	"draft":    {Status: "draft", ProposedBy: "Sam", Current: 1, Versions: []string{"We walk on Sundays."}},
	"agreed":   {Status: "agreed", ProposedBy: "Alex", Current: 1, Versions: []string{"We say where we go."}, Signatures: map[int][]string{1: {"Sam", "Alex"}}},
	"active":   {Status: "active", ProposedBy: "Sam", ReviewOn: "2027-03-01", Current: 2, Versions: []string{"We text.", "We text when late."}, Signatures: map[int][]string{1: {"Sam", "Alex"}, 2: {"alex", "Sam"}}},
	"proposed": {Status: "proposed", ProposedBy: "Sam", Current: 2, Versions: []string{"We rest.", "We rest on Fridays."}, Signatures: map[int][]string{1: {"Sam", "Alex"}, 2: {"Sam", "Jordan"}}},
	"retired":  {Status: "retired", ProposedBy: "Jordan", Current: 1, Versions: []string{"We cook."}, Signatures: map[int][]string{1: {"Sam", "Alex"}}, Retired: "Done its work."},
}

// moved writes olds into the old table of a new copy, moves them, and returns the copy, each
// old agreement's id by name and the old table as it was before the move.
func moved(t *testing.T) (copyOf, map[string]string, []space.Record) {
	c := one(t)
	ids := map[string]string{}
	for name, o := range olds {
		id, err := agreements.WriteOld(ctx, space.New(c.db), c.key, o)
		must(t, err)
		ids[name] = id
	}
	table, err := space.New(c.db).All(ctx, c.key)
	must(t, err)
	n, err := agreements.MoveFromTable(ctx, space.New(c.db), c.key, c.log, couple)
	must(t, err)
	if n != (agreements.MoveCount{Agreements: 5, Versions: 7, Signatures: 11, Unnamed: 1}) {
		t.Fatalf("moved %+v", n)
	}
	return c, ids, table
}

// The move carries every old agreement onto the log, with its versions (chained), its
// signatures (on the wording each named, as the partner whose name it carries), its status and
// its history.
func TestTheMoveCarriesEveryOldAgreement(t *testing.T) {
	c, ids, _ := moved(t)
	for name, o := range olds {
		d := get(t, c, ids[name])
		if d.Shown("2027-01-01") != name || len(d.Versions) != len(o.Versions) || d.Current.Number != o.Current ||
			d.Current.Wording.What != o.Versions[o.Current-1] || d.ReviewOn != o.ReviewOn {
			t.Fatalf("%s moved as %s %+v", name, d.Status, d)
		}
		for number, names := range o.Signatures {
			v := d.Versions[number-1]
			if v.Number != number || number > 1 && v.Revises != d.Versions[number-2].ID {
				t.Fatalf("%s: versions not chained: %+v", name, d.Versions)
			}
			for _, who := range names {
				if p, ok := couple.PartnerNamed(who); ok && !d.SignedBy(v.ID, p.Role) {
					t.Fatalf("%s: %s's signature on version %d is missing", name, who, number)
				}
			}
		}
		if len(d.History()) == 0 || d.Created.Year() != 2026 {
			t.Fatalf("%s: history %+v, made %v", name, d.History(), d.Created)
		}
	}
	if d := get(t, c, ids["retired"]); d.Note != "Done its work." || d.ProposedBy != sam {
		t.Fatalf("retired %+v", d)
	}
	if d := get(t, c, ids["proposed"]); d.Versions[1].By.Person != sam || d.Signatures[0].Written.Year() != 2026 {
		t.Fatalf("proposed: by %+v, signed %v", d.Versions[1].By.Person, d.Signatures[0].Written)
	}
	// Jordan's signature names neither partner, so it is not a signature on the log; the
	// old history's line of it is carried, so the page still tells of it.
	jordan := false
	for _, s := range get(t, c, ids["proposed"]).History() {
		jordan = jordan || s.What == "signed" && s.By == "Jordan" && s.Version == 2
	}
	if !jordan {
		t.Fatalf("proposed: Jordan's signature is not in the history %+v", get(t, c, ids["proposed"]).History())
	}
}

// Run again, the move changes nothing; cut short, it finishes without writing twice; the old
// table is left as it was.
func TestTheMoveIsIdempotentAndLeavesTheOldTableAlone(t *testing.T) {
	c, ids, tableBefore := moved(t)
	old := space.New(c.db)
	logBefore, _ := c.log.All(ctx)
	n, err := agreements.MoveFromTable(ctx, old, c.key, c.log, couple)
	if logAfter, _ := c.log.All(ctx); err != nil || n != (agreements.MoveCount{}) || len(logAfter) != len(logBefore) {
		t.Fatalf("moved again: %+v %v, %d changes then %d", n, err, len(logBefore), len(logAfter))
	}

	// Cut short before the agreement record itself was written: the rest is reused.
	if _, err := c.db.SQL().Exec(`DELETE FROM shared_changes WHERE record = ?`, ids["active"]); err != nil {
		t.Fatal(err)
	}
	n, err = agreements.MoveFromTable(ctx, old, c.key, c.log, couple)
	must(t, err)
	if n != (agreements.MoveCount{Agreements: 1}) {
		t.Fatalf("finishing a move cut short wrote %+v", n)
	}
	if d := get(t, c, ids["active"]); d.Status != agreements.Active || len(d.Versions) != 2 {
		t.Fatalf("finished %+v", d)
	}
	if tableAfter, _ := old.All(ctx, c.key); !reflect.DeepEqual(tableBefore, tableAfter) {
		t.Fatal("the move changed the old table")
	}
}
