package space

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sync"
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

	// verified is the digest of everything above as it was when Verify last passed: a
	// signature is checked once however many layers look (a change file's reader, then the
	// log taking it), and a Portable changed since is checked again.
	verified [sha256.Size]byte
}

// digest is SHA-256 of every field a check covers, for verified.
func (p *Portable) digest() [sha256.Size]byte {
	q := *p
	q.verified = [sha256.Size]byte{}
	b, _ := json.Marshal(q)
	return sha256.Sum256(b)
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
// failure wraps vault.ErrTampered. Once it passed, p remembers it (see verified).
func (p *Portable) Verify() error {
	_, plain, err := p.check()
	clear(plain)
	if err == nil {
		p.verified = p.digest()
	}
	return err
}

// Seal returns the change p carries, sealed with key, after checking it (Verify) and opening
// it again exactly as Log.Merge opens what it takes in.
func (p *Portable) Seal(key *vault.ContentKey) (Change, error) {
	c, plain, err := p.check()
	if err != nil {
		return Change{}, err
	}
	defer clear(plain)
	c.Sealed = key.Seal(sealField(c.ID, p.Header), plain)
	// check verified the signature; what is left to prove is that the sealed value opens
	// under its header to the very payload signed, as Open would find it.
	back, err := key.Open(sealField(c.ID, c.canonical()), c.Sealed)
	opens := err == nil && bytes.Equal(back, plain)
	clear(back)
	if !opens {
		return Change{}, c.refused("payload does not open under its header")
	}
	return c, nil
}

// TakePortable adds the changes of in this copy lacks, each checked and sealed with the log's
// key as Seal does (on every processor: the signature checks are most of the work), in one
// transaction: what an exchange folder's file brings. A change that fails a check is counted
// as refused and not added; the rest are added all or none.
func (l *Log) TakePortable(ctx context.Context, in []Portable) (MergeCount, error) {
	sealed := make([]Change, len(in))
	bad := make([]error, len(in))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(in)/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(in); i += workers {
				sealed[i], bad[i] = in[i].Seal(l.key)
			}
		})
	}
	wg.Wait()
	var n MergeCount
	err := l.db.Write(ctx, func(tx *sql.Tx) error {
		n = MergeCount{}
		insert, err := tx.PrepareContext(ctx, insertChangeSQL)
		if err != nil {
			return fmt.Errorf("prepare to write changes: %w", err)
		}
		defer insert.Close()
		exec := func(args ...any) (sql.Result, error) { return insert.ExecContext(ctx, args...) }
		for i, c := range sealed {
			if bad[i] != nil {
				if !errors.Is(bad[i], vault.ErrTampered) {
					return bad[i]
				}
				n.Refused++
				continue
			}
			added, err := insertChangeWith(exec, c)
			if err != nil {
				return err
			}
			if added {
				n.Added++
			} else {
				n.Duplicate++
			}
		}
		return nil
	})
	return n, err
}

// check rebuilds the change p carries (without a sealed value) and its payload, which the
// caller clears.
func (p *Portable) check() (Change, []byte, error) {
	h, err := parseHeader(p.Header)
	c := Change{Header: h, ID: p.ID, Commit: p.Commitment, Pub: p.PublicKey, Sig: p.Signature}
	if err != nil {
		return c, nil, c.refused("header is not canonical")
	}
	written := Header{Record: p.Record, Kind: p.Kind, Parent: p.Parent, Field: p.Field, Clock: p.Clock, Device: p.Device, At: h.At}
	if written != h || !p.At.Equal(h.At) {
		return c, nil, c.refused("written-out fields disagree with the header")
	}
	check := c.Check
	if p.verified != ([sha256.Size]byte{}) && p.verified == p.digest() {
		check = c.checkShape // its signature was verified, and nothing has changed since
	}
	if err := check(); err != nil {
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
