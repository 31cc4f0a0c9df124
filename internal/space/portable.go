package space

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/goldseam/goldseam/internal/vault"
)

// Portable is a change as it travels outside a data file, in a backup: everything a copy
// needs to check it (the canonical header, the commitment, the public key and the signature)
// and its payload opened (salt, person, value), so that whichever vault takes it in seals it
// under its own shared key. The id and the signature cover the commitment, not the sealed
// bytes, so a change sealed again this way keeps its id and its signature.
//
// The header's fields are written out beside it too, so a person reading a backup without
// Goldseam sees what each change is; the header is the truth, and a line whose fields
// disagree with it is refused. docs/backup-format.md describes the form.
type Portable struct {
	ID         string    `json:"id"`
	Record     string    `json:"record"`
	Kind       string    `json:"kind"`
	Parent     string    `json:"parent"`
	Field      string    `json:"field"`
	Clock      int64     `json:"clock"`
	Device     string    `json:"device"`
	At         time.Time `json:"at"`
	Header     []byte    `json:"header"`     // the canonical header (base64 in JSON)
	Commitment []byte    `json:"commitment"` // SHA-256 of the payload, as signed
	Salt       []byte    `json:"salt"`       // the payload's random part
	Person     Person    `json:"person"`     // who wrote it
	Value      string    `json:"value"`      // the value's exact JSON text: the commitment covers these bytes
	PublicKey  []byte    `json:"publicKey"`  // the author device's Ed25519 key
	Signature  []byte    `json:"signature"`  // its signature of the header and commitment
}

// PortableOf opens c with key (checking it as Open does) and returns it in portable form.
func PortableOf(key *vault.ContentKey, c Change) (Portable, error) {
	plain, err := openPayload(key, c)
	if err != nil {
		return Portable{}, err
	}
	defer clear(plain)
	person, value, ok := parsePayload(plain)
	if !ok || !utf8.Valid(value) {
		return Portable{}, c.refused("payload is malformed")
	}
	h := c.Header
	return Portable{ID: c.ID, Record: h.Record, Kind: h.Kind, Parent: h.Parent, Field: h.Field, Clock: h.Clock,
		Device: h.Device, At: h.At, Header: h.canonical(), Commitment: bytes.Clone(c.Commit),
		Salt: bytes.Clone(plain[:saltSize]), Person: person, Value: string(value),
		PublicKey: bytes.Clone(c.Pub), Signature: bytes.Clone(c.Sig)}, nil
}

// Verify checks p as Log.Merge checks a change, save the seal it does not have yet: the
// header is canonical and its written-out fields agree with it, the id, device id and
// signature are right (Check), and the payload is the one the signature commits to. A
// failure wraps vault.ErrTampered.
func (p Portable) Verify() error {
	_, plain, err := p.check()
	clear(plain)
	return err
}

// Seal returns the change p carries, sealed with key, after checking it (Verify) and opening
// it again exactly as Log.Merge opens what it takes in.
func (p Portable) Seal(key *vault.ContentKey) (Change, error) {
	c, plain, err := p.check()
	if err != nil {
		return Change{}, err
	}
	defer clear(plain)
	c.Sealed = key.Seal(sealField(c.ID, p.Header), plain)
	if _, err := Open(key, c); err != nil {
		return Change{}, err
	}
	return c, nil
}

// check rebuilds the change p carries (without a sealed value) and its payload, which the
// caller clears.
func (p Portable) check() (Change, []byte, error) {
	h, err := parseHeader(p.Header)
	c := Change{Header: h, ID: p.ID, Commit: p.Commitment, Pub: p.PublicKey, Sig: p.Signature}
	if err != nil {
		return c, nil, c.refused("header is not canonical")
	}
	written := Header{Record: p.Record, Kind: p.Kind, Parent: p.Parent, Field: p.Field, Clock: p.Clock, Device: p.Device, At: h.At}
	if written != h || !p.At.Equal(h.At) {
		return c, nil, c.refused("written-out fields disagree with the header")
	}
	if err := c.Check(); err != nil {
		return c, nil, err
	}
	if len(p.Salt) != saltSize {
		return c, nil, c.refused("payload is malformed")
	}
	plain := payload(p.Salt, p.Person, []byte(p.Value))
	if !bytes.Equal(commitment(plain), c.Commit) {
		clear(plain)
		return c, nil, c.refused("payload is not the one signed")
	}
	if _, _, ok := parsePayload(plain); !ok {
		clear(plain)
		return c, nil, c.refused("payload is malformed")
	}
	return c, plain, nil
}

// Portable returns every change stored, by clock then id, in portable form: what a backup
// carries.
func (l *Log) Portable(ctx context.Context) ([]Portable, error) {
	changes, err := l.All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Portable, 0, len(changes))
	for _, c := range changes {
		p, err := PortableOf(l.key, c)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// RestoreChangesTx writes changes from a backup inside tx, each sealed with key after the
// checks Log.Merge makes (see Seal): with replace the log becomes exactly these changes,
// otherwise they are added to it, a set union, so restoring the same changes twice adds
// nothing. It returns how many were new. One change that fails a check fails it all, with
// an error wrapping vault.ErrTampered: the caller's transaction then keeps nothing.
func RestoreChangesTx(ctx context.Context, tx *sql.Tx, key *vault.ContentKey, in []Portable, replace bool) (int, error) {
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM shared_changes`); err != nil {
			return 0, fmt.Errorf("clear the shared changes: %w", err)
		}
	}
	added := 0
	for _, p := range in {
		c, err := p.Seal(key)
		if err != nil {
			return 0, err
		}
		ok, err := insertChange(ctx, tx, c)
		if err != nil {
			return 0, err
		}
		if ok {
			added++
		}
	}
	return added, nil
}
