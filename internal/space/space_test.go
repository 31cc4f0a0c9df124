package space_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	os.Exit(m.Run())
}

type note struct{ Text string }

func TestEveryChangeTicksTheClockAndDeletesLeaveTombstones(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Shared)
	s := space.New(db)
	var a, b string
	err := s.Write(ctx, key, func(tx *space.Tx) error {
		var err error
		if a, err = tx.Put("note", "", "", note{"first"}); err != nil {
			return err
		}
		b, err = tx.Put("note", "", a, note{"second"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(ctx, key, func(tx *space.Tx) error { _, err := tx.Put("note", a, "", note{"first, changed"}); return err }); err != nil {
		t.Fatal(err)
	}
	var got note
	r, err := s.Get(ctx, key, "note", a, &got)
	if err != nil || got.Text != "first, changed" || r.Clock != 3 || r.DeviceID == "" {
		t.Fatalf("got %+v %+v %v", got, r, err)
	}
	if under, _ := s.List(ctx, key, "note", a); len(under) != 1 || under[0].ID != b {
		t.Fatalf("children of %s: %+v", a, under)
	}
	if err := s.Write(ctx, key, func(tx *space.Tx) error { return tx.Delete(b) }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, key, "note", b, &got); !errors.Is(err, space.ErrNotFound) {
		t.Fatalf("a deleted record should be gone: %v", err)
	}
	all, err := s.All(ctx, key)
	if err != nil || len(all) != 2 {
		t.Fatalf("all %+v %v", all, err)
	}
	tomb := all[1]
	if tomb.ID != b || !tomb.Deleted || tomb.Content != nil || tomb.Clock != 4 {
		t.Fatalf("tombstone %+v", tomb)
	}
	// The tombstone keeps nothing of what the record said, not even sealed.
	var content []byte
	if err := db.SQL().QueryRow(`SELECT content FROM shared_records WHERE id = ?`, b).Scan(&content); err != nil || content != nil {
		t.Fatalf("tombstone content %v %v", content, err)
	}
	if err := s.Write(ctx, key, func(tx *space.Tx) error { return tx.Delete(b) }); !errors.Is(err, space.ErrNotFound) {
		t.Fatalf("deleting twice: %v", err)
	}
}

func TestRecordsAreSealedAndBoundToTheirKind(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Shared)
	s := space.New(db)
	var id string
	err := s.Write(ctx, key, func(tx *space.Tx) error {
		var err error
		id, err = tx.Put("agreement", "", "", note{"we say where we are going"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	db.SQL().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	raw2, _ := os.ReadFile(db.Path())
	if bytes.Contains(append(raw, raw2...), []byte("where we are going")) {
		t.Fatal("shared text is in the data file in the clear")
	}
	// Relabelling a record as another kind makes it unreadable, not misread.
	if _, err := db.SQL().Exec(`UPDATE shared_records SET kind = 'checkin' WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	var got note
	if _, err := s.Get(ctx, key, "checkin", id, &got); !errors.Is(err, vault.ErrTampered) {
		t.Fatalf("a relabelled record opened: %v %+v", err, got)
	}
}

func TestMergeKeepsTheLaterChangeAndIsIdempotent(t *testing.T) {
	ctx := context.Background()
	dbA, keyA := testvault.OpenKey(t, vault.Shared)
	a := space.New(dbA)
	dbB, keyB := testvault.OpenKey(t, vault.Shared)
	b := space.New(dbB)

	var id string
	a.Write(ctx, keyA, func(tx *space.Tx) error { id, _ = tx.Put("note", "", "", note{"v1 from A"}); return nil })
	fromA, _ := a.All(ctx, keyA)
	res, err := b.Merge(ctx, keyB, fromA)
	if err != nil || res.Added != 1 {
		t.Fatalf("first merge %+v %v", res, err)
	}
	if res, _ := b.Merge(ctx, keyB, fromA); res.Added != 0 || res.Updated != 0 || res.Kept != 1 {
		t.Fatalf("merging the same records twice should change nothing: %+v", res)
	}
	// B changes the record after seeing A's change; A changes it too, without seeing B's.
	b.Write(ctx, keyB, func(tx *space.Tx) error { _, err := tx.Put("note", id, "", note{"v2 from B"}); return err })
	fromB, _ := b.All(ctx, keyB)
	if fromB[0].Clock <= fromA[0].Clock {
		t.Fatalf("B's clock should have moved past A's: %d <= %d", fromB[0].Clock, fromA[0].Clock)
	}
	if res, err := a.Merge(ctx, keyA, fromB); err != nil || res.Updated != 1 {
		t.Fatalf("A should take B's later change: %+v %v", res, err)
	}
	var got note
	a.Get(ctx, keyA, "note", id, &got)
	if got.Text != "v2 from B" {
		t.Fatalf("A has %q", got.Text)
	}
	// A deletes it; the tombstone wins over B's older change.
	a.Write(ctx, keyA, func(tx *space.Tx) error { return tx.Delete(id) })
	fromA, _ = a.All(ctx, keyA)
	if res, _ := b.Merge(ctx, keyB, fromA); res.Updated != 1 {
		t.Fatalf("the tombstone should replace B's record: %+v", res)
	}
	if _, err := b.Get(ctx, keyB, "note", id, &got); !errors.Is(err, space.ErrNotFound) {
		t.Fatalf("B still has the deleted record: %v", err)
	}
	if _, err := b.Merge(ctx, keyB, []space.Record{{ID: "not-a-uuid", Kind: "note", Clock: 99}}); err == nil {
		t.Fatal("a record without a uuid was merged")
	}
}

func TestSettingsNeedTwoDifferentNamesAndAKnownRhythm(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Shared)
	s := space.New(db)
	log := space.NewLog(db, key, space.Author{Signer: mergesim.NewSigner(), Person: space.Person{Role: "partner-1", Name: "Sam"}})
	if got, err := s.Settings(ctx, key); err != nil || got.Rhythm != "weekly" || got.Names[0] != "" {
		t.Fatalf("a new space: %+v %v", got, err)
	}
	for _, bad := range []space.CoupleSettings{
		{Names: [2]string{"Sam", ""}},
		{Names: [2]string{"Sam", " sam "}},
		{Names: [2]string{"Sam", "Alex"}, Rhythm: "hourly"},
	} {
		if _, err := log.SaveSettings(ctx, bad); apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("%+v was accepted: %v", bad, err)
		}
	}
	if _, err := log.SaveSettings(ctx, space.CoupleSettings{Names: [2]string{" Sam", "Alex "}, Rhythm: "fortnightly"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Settings(ctx, key); got.Names != [2]string{"Sam", "Alex"} || got.Rhythm != "fortnightly" {
		t.Fatalf("kept %+v", got)
	}
	// Saving the same again writes nothing, so it can never make a tie with a change elsewhere.
	before := len(mustAll(t, log))
	if _, err := log.SaveSettings(ctx, space.CoupleSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "fortnightly"}); err != nil {
		t.Fatal(err)
	}
	if after := len(mustAll(t, log)); after != before {
		t.Fatalf("saving the same settings wrote %d changes", after-before)
	}
}

// TestSettingsChangedOnTwoComputersKeepBoth: with the old table, the copy whose device id
// sorted higher won the whole record, so a rhythm changed on one computer and a name on the
// other lost one of them, and two names given at once went to one device. On the log each
// field merges alone and a true tie waits for the two people.
func TestSettingsChangedOnTwoComputersKeepBoth(t *testing.T) {
	ctx := context.Background()
	a, b, _ := twoLogs(t)
	start := space.CoupleSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}
	if _, err := a.SaveSettings(ctx, start); err != nil {
		t.Fatal(err)
	}
	mustMerge(t, b, mustAll(t, a))
	if _, err := a.SaveSettings(ctx, space.CoupleSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "monthly"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.SaveSettings(ctx, space.CoupleSettings{Names: [2]string{"Samantha", "Alex"}, Rhythm: "weekly"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SaveSettings(ctx, space.CoupleSettings{Names: [2]string{"Sam", "Lex"}, Rhythm: "monthly"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.SaveSettings(ctx, space.CoupleSettings{Names: [2]string{"Samantha", "Al"}, Rhythm: "weekly"}); err != nil {
		t.Fatal(err)
	}
	mustMerge(t, a, mustAll(t, b))
	mustMerge(t, b, mustAll(t, a))
	for name, l := range map[string]*space.Log{"a": a, "b": b} {
		rec, ok, err := l.Record(ctx, space.SettingsID())
		if err != nil || !ok {
			t.Fatalf("%s: %v %v", name, ok, err)
		}
		if v, _ := rec.Fields[space.FieldRhythm].Value(); string(v) != `"monthly"` {
			t.Errorf("%s: the rhythm changed on one computer is %s", name, v)
		}
		if v, _ := rec.Fields[space.FieldName1].Value(); string(v) != `"Samantha"` {
			t.Errorf("%s: the name changed on the other is %s", name, v)
		}
		if f := rec.Fields[space.FieldName2]; !f.Conflict || len(f.Current) != 2 {
			t.Errorf("%s: two names given at once are not kept as a tie: %+v", name, f)
		}
	}
}

func mustMerge(t *testing.T, l *space.Log, changes []space.Change) {
	t.Helper()
	if n, err := l.Merge(context.Background(), changes); err != nil || n.Refused != 0 {
		t.Fatalf("merge: %+v %v", n, err)
	}
}

func TestSettingsMoveFromTheOldTableOnce(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Shared)
	old := space.New(db)
	log := space.NewLog(db, key, space.Author{Signer: mergesim.NewSigner(), Person: space.Person{Role: "partner-1", Name: "Sam"}})
	if err := space.MoveSettings(ctx, old, key, log); err != nil || len(mustAll(t, log)) != 0 {
		t.Fatalf("a space with no settings moved something: %v", err)
	}
	if _, err := old.SaveOldSettings(ctx, key, space.CoupleSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "monthly"}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := space.MoveSettings(ctx, old, key, log); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(mustAll(t, log)); n != 3 {
		t.Fatalf("the move wrote %d changes, want one per field, once", n)
	}
	if _, ok, err := log.Record(ctx, space.SettingsID()); err != nil || !ok {
		t.Fatalf("settings not on the log: %v", err)
	}
	if got, _ := old.Settings(ctx, key); got.Names != [2]string{"Sam", "Alex"} || got.Rhythm != "monthly" {
		t.Fatalf("moved %+v", got)
	}
}

func TestPartnersAreKeyedByTheirPlaceNotTheirName(t *testing.T) {
	set := space.CoupleSettings{Names: [2]string{"Alex", "Sam"}}
	sam, ok := set.PartnerNamed(" sam ")
	if !ok || sam != set.Partner(1) || sam.Name != "Sam" {
		t.Fatalf("PartnerNamed(sam) = %+v %v", sam, ok)
	}
	if _, ok := set.PartnerNamed("Jo"); ok {
		t.Fatal("a name that is neither partner's was taken for one")
	}
	renamed := space.CoupleSettings{Names: [2]string{"Alex", "Samantha"}}
	if space.PersonalRecordID("checkin-answer", "c1", renamed.Partner(1)) != space.PersonalRecordID("checkin-answer", "c1", sam) {
		t.Fatal("renaming a partner moved their personal records")
	}
	if space.PersonalRecordID("checkin-answer", "c1", set.Partner(0)) == space.PersonalRecordID("checkin-answer", "c1", sam) {
		t.Fatal("the two partners share one personal record")
	}
}
