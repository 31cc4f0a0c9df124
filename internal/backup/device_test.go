package backup_test

import (
	"bytes"
	"testing"

	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// TestTheDeviceIdentityDoesNotTravelInABackup restores one computer's backup, whole, onto a
// second computer's vault: the second keeps its own device identity, the restored records
// keep the first's device id, and the second's next change is stamped with its own. Were
// the identity carried over, two computers writing to one space would sign as one device.
func TestTheDeviceIdentityDoesNotTravelInABackup(t *testing.T) {
	from, to := newRig(t), newRig(t)
	from.fill(t, 3)
	fromID, err := vault.DeviceID(ctx, from.db.SQL())
	if err != nil {
		t.Fatal(err)
	}
	toID, err := vault.DeviceID(ctx, to.db.SQL())
	if err != nil || toID == fromID {
		t.Fatalf("two vaults, ids %q and %q: %v", fromID, toID, err)
	}
	file := export(t, from)
	if bytes.Contains(file, []byte(fromID)) {
		t.Fatal("the encrypted backup holds the device id in the clear")
	}
	s, _, err := backup.Decode(bytes.NewReader(file), backupPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := backup.Apply(ctx, to.db, to.u, s, backup.Replace); err != nil {
		t.Fatal(err)
	}
	if after, err := vault.DeviceID(ctx, to.db.SQL()); err != nil || after != toID {
		t.Fatalf("after the restore the device is %q, was %q: %v", after, toID, err)
	}
	restored := to.gather(t).Shared
	if len(restored) == 0 {
		t.Fatal("the backup had no shared records to restore")
	}
	for _, r := range restored {
		if r.DeviceID != fromID {
			t.Fatalf("restored record %s says device %q, it was made by %q", r.ID, r.DeviceID, fromID)
		}
	}
	sk := to.u.Key(vault.Shared)
	id, err := space.New(to.db).Put(ctx, sk, "note", "", map[string]string{"text": "written after the restore"})
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]string
	if r, err := space.New(to.db).Get(ctx, sk, "note", id, &v); err != nil || r.DeviceID != toID {
		t.Fatalf("a change after the restore is stamped %q, want %q: %v", r.DeviceID, toID, err)
	}
}
