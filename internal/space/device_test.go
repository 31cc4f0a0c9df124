package space_test

import (
	"context"
	"errors"
	"testing"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// TestNewRecordsCarryTheDeviceIdentitysID: every change this copy makes is stamped with the
// id its device identity derives, a record merged from elsewhere (here one stamped with a
// uuid, as copies did before device identities) keeps the id it came with, and no uuid is
// made for this copy any more.
func TestNewRecordsCarryTheDeviceIdentitysID(t *testing.T) {
	ctx := context.Background()
	db, u := testvault.Open(t)
	key := u.Key(vault.Shared)
	s := space.New(db)
	mine, err := vault.DeviceID(ctx, db.SQL())
	if err != nil {
		t.Fatal(err)
	}
	const legacyDevice = "9624671c-7f3a-42c9-8790-d0ceffd72eb8"
	old := space.Record{ID: "0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5", Kind: "note", Clock: 5, DeviceID: legacyDevice,
		UpdatedAt: s.Now(), Content: []byte(`{"Text":"written before"}`)}
	if _, err := s.Merge(ctx, key, []space.Record{old}); err != nil {
		t.Fatal(err)
	}
	id, err := s.Put(ctx, key, "note", "", note{"written now"})
	if err != nil {
		t.Fatal(err)
	}
	var got note
	now, err := s.Get(ctx, key, "note", id, &got)
	if err != nil || now.DeviceID != mine || len(mine) != 32 {
		t.Fatalf("a new record is stamped %q, the identity is %q: %v", now.DeviceID, mine, err)
	}
	if before, err := s.Get(ctx, key, "note", old.ID, &got); err != nil || before.DeviceID != legacyDevice {
		t.Fatalf("the earlier record now says %q: %v", before.DeviceID, err)
	}
	// Changing the earlier record is a change by this device.
	if _, err := s.Put(ctx, key, "note", old.ID, note{"changed here"}); err != nil {
		t.Fatal(err)
	}
	if changed, _ := s.Get(ctx, key, "note", old.ID, &got); changed.DeviceID != mine || changed.Clock <= old.Clock {
		t.Fatalf("the changed record %+v", changed)
	}
	var uuids int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM shared_device`).Scan(&uuids); err != nil || uuids != 0 {
		t.Fatalf("a uuid device id was still made: %d %v", uuids, err)
	}
}

// TestWithoutAnIdentityTheSpaceRefusesToWrite: a data file whose identity could not be made
// (the unlock that tried met a full disk) writes nothing to the space, and says so.
func TestWithoutAnIdentityTheSpaceRefusesToWrite(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Shared)
	if _, err := db.SQL().Exec(`DELETE FROM device_identity`); err != nil {
		t.Fatal(err)
	}
	_, err := space.New(db).Put(ctx, key, "note", "", note{"not kept"})
	if apperr.CodeOf(err) != apperr.Unavailable || !errors.Is(err, vault.ErrNoDevice) {
		t.Fatalf("got %v", err)
	}
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM shared_records`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("%d records written: %v", n, err)
	}
}
