package space_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// forgeries are changed copies of a real change c, each what someone holding the data file,
// or a copy of it in transit, could try; other is another real change, by another device.
func forgeries(c, other space.Change) map[string]space.Change {
	stranger := mergesim.NewSigner()
	edit := func(f func(*space.Change)) space.Change {
		x := c
		x.Commit, x.Sealed, x.Sig = append([]byte{}, c.Commit...), append([]byte{}, c.Sealed...), append([]byte{}, c.Sig...)
		f(&x)
		return x
	}
	return map[string]space.Change{
		"record moved":       edit(func(x *space.Change) { x.Record = other.Record }),
		"relabelled kind":    edit(func(x *space.Change) { x.Kind = "checkin" }),
		"swapped parent":     edit(func(x *space.Change) { x.Parent = "another-agreement" }),
		"other field":        edit(func(x *space.Change) { x.Field = "review" }),
		"raised clock":       edit(func(x *space.Change) { x.Clock += 100 }),
		"clock zero":         edit(func(x *space.Change) { x.Clock = 0 }),
		"clock past bound":   edit(func(x *space.Change) { x.Clock = 1<<53 + 1 }),
		"other time":         edit(func(x *space.Change) { x.At = x.At.Add(time.Hour) }),
		"other device":       edit(func(x *space.Change) { x.Device = other.Device }),
		"other key":          edit(func(x *space.Change) { x.Pub = other.Pub }),
		"stranger key, id":   edit(func(x *space.Change) { x.Pub, x.Device = stranger.PublicKey(), stranger.DeviceID() }),
		"other id":           edit(func(x *space.Change) { x.ID = other.ID }),
		"reused signature":   edit(func(x *space.Change) { x.Sig = other.Sig }),
		"no signature":       edit(func(x *space.Change) { x.Sig = nil }),
		"swapped sealed":     edit(func(x *space.Change) { x.Sealed = other.Sealed }),
		"swapped commitment": edit(func(x *space.Change) { x.Commit = other.Commit }),
		"flipped sealed":     edit(func(x *space.Change) { x.Sealed[len(x.Sealed)/2] ^= 1 }),
		"flipped commitment": edit(func(x *space.Change) { x.Commit[0] ^= 1 }),
		"flipped signature":  edit(func(x *space.Change) { x.Sig[3] ^= 1 }),
		// The other device's whole change, re-signed by the stranger: a valid signature by a
		// device that did not write it still commits to other's header, not this one.
		"re-signed by another": edit(func(x *space.Change) {
			x.Header, x.Commit, x.Sealed, x.ID = other.Header, other.Commit, other.Sealed, other.ID
			x.Pub, x.Device = stranger.PublicKey(), stranger.DeviceID()
			x.Sig = stranger.Sign(c.Sig) // anything the stranger can sign is not this message
		}),
	}
}

func TestAlteredChangesAreRefusedAndNeverMerged(t *testing.T) {
	ctx := context.Background()
	a, b, key := twoLogs(t)
	c := mustAppend(t, a, space.Draft{Record: "r", Kind: "agreement", Parent: "p", Field: "title", Value: "our words"})[0]
	other := mustAppend(t, b, space.Draft{Record: "s", Kind: "agreement", Parent: "q", Field: "title", Value: "other words"})[0]
	if _, err := space.Open(key, c); err != nil {
		t.Fatalf("the real change does not open: %v", err)
	}
	forged := forgeries(c, other)
	var batch []space.Change
	for name, f := range forged {
		if _, err := space.Open(key, f); !errors.Is(err, vault.ErrTampered) {
			t.Errorf("%s: opened (%v)", name, err)
		}
		batch = append(batch, f)
	}
	n, err := b.Merge(ctx, batch)
	if err != nil || n.Refused != len(forged) || n.Added != 0 {
		t.Fatalf("merging the forgeries: %+v %v, want all %d refused", n, err, len(forged))
	}
	if all := mustAll(t, b); len(all) != 1 || all[0].ID != other.ID {
		t.Fatalf("B holds %v, want only its own change", all)
	}
}

// A row changed in the data file is refused when read, not folded as something else.
func TestAlteredRowsAreRefusedOnReading(t *testing.T) {
	ctx := context.Background()
	for name, sql := range map[string]string{
		"relabelled kind":  `UPDATE shared_changes SET kind = 'checkin' WHERE record = 'r'`,
		"moved record":     `UPDATE shared_changes SET record = 's' WHERE record = 'r'`,
		"raised clock":     `UPDATE shared_changes SET clock = 99 WHERE record = 'r'`,
		"swapped header":   `UPDATE shared_changes SET header = (SELECT header FROM shared_changes WHERE record = 's') WHERE record = 'r'`,
		"swapped sealed":   `UPDATE shared_changes SET sealed = (SELECT sealed FROM shared_changes WHERE record = 's') WHERE record = 'r'`,
		"other time":       `UPDATE shared_changes SET at = '2020-01-01T00:00:00.000000000Z' WHERE record = 'r'`,
		"truncated header": `UPDATE shared_changes SET header = substr(header, 1, length(header) - 1) WHERE record = 'r'`,
		"swapped clear part": `UPDATE shared_changes SET (record, kind, parent, field, clock, device, at, header) =
			(SELECT record, kind, parent, field, clock, device, at, header FROM shared_changes WHERE record = 's') WHERE record = 'r'`,
		"other device name": `UPDATE shared_changes SET device = (SELECT device FROM shared_changes WHERE record = 's') WHERE record = 'r'`,
	} {
		t.Run(name, func(t *testing.T) {
			db, key := testvault.OpenKey(t, vault.Shared)
			l := space.NewLog(db, key, space.Author{Signer: mergesim.NewSigner(), Person: alex})
			mustAppend(t, l, space.Draft{Record: "r", Kind: "agreement", Value: "r's words"})
			other := space.NewLog(db, key, space.Author{Signer: mergesim.NewSigner(), Person: sam})
			mustAppend(t, other, space.Draft{Record: "s", Kind: "agreement", Value: "s's words"})
			if _, err := db.SQL().Exec(sql); err != nil {
				t.Fatal(err)
			}
			if _, err := l.State(ctx); !errors.Is(err, vault.ErrTampered) {
				t.Fatalf("read the altered file: %v", err)
			}
		})
	}
}

// Holding the shared key is not enough to change what a person wrote or signed: a payload
// sealed anew under the same header, with other words or another person, no longer matches
// the commitment the device signed.
func TestOnlyTheSigningDeviceCanSayWhatAChangeSays(t *testing.T) {
	a, _, key := twoLogs(t)
	c := mustAppend(t, a, space.Draft{Record: "r", Kind: "agreement-signature", Value: "I agree"})[0]
	salt := make([]byte, space.SaltSize)
	for _, forged := range [][]byte{
		space.Payload(salt, alex, []byte(`"I do not agree"`)),
		space.Payload(salt, sam, []byte(`"I agree"`)),
	} {
		x := c
		x.Sealed = key.Seal(space.SealField(c.ID, c.Canonical()), forged)
		if _, err := space.Open(key, x); !errors.Is(err, vault.ErrTampered) {
			t.Fatalf("a payload resealed by a key holder opened: %v", err)
		}
	}
}
