package exchange_test

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/goldseam/goldseam/internal/device"
	"github.com/goldseam/goldseam/internal/exchange"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	os.Exit(m.Run())
}

const spaceID = "6f1c2d3e-4a5b-4c6d-8e7f-901234567890"

// peer is one device of the couple: a real identity and a real change log in a data file of
// its own, whose changes it writes into the exchange folder.
type peer struct {
	id   *device.Identity
	log  *space.Log
	key  *vault.ContentKey
	seq  uint64
	prev exchange.Hash
	prog *exchange.Progress
}

func newPeer(t testing.TB, who string) *peer {
	t.Helper()
	id, err := device.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(id.Wipe)
	db, key := testvault.OpenKey(t, vault.Shared)
	return &peer{id: id, key: key, prog: exchange.NewProgress(),
		log: space.NewLog(db, key, space.Author{Signer: id, Person: space.Person{Role: "a", Name: who}})}
}

// changes appends n changes to p's log and returns them in portable form.
func (p *peer) changes(t testing.TB, n int) []space.Portable {
	t.Helper()
	drafts := make([]space.Draft, n)
	for i := range drafts {
		drafts[i] = space.Draft{Record: fmt.Sprintf("r-%s-%d", p.id.ID()[:6], i), Kind: "agreement", Field: "title",
			Value: fmt.Sprintf("we walk on Sundays, #%d", i)}
	}
	made, err := p.log.Append(context.Background(), drafts...)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]space.Portable, len(made))
	for i, c := range made {
		if out[i], err = space.PortableOf(p.key, c); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// write writes records as p's next change file under root with key.
func (p *peer) write(t testing.TB, root string, key exchange.Key, records []space.Portable) exchange.Written {
	t.Helper()
	w, err := exchange.Write(root, spaceID, key, p.id, p.seq+1, p.prev, p.prog.Seen(), records)
	if err != nil {
		t.Fatal(err)
	}
	p.seq, p.prev = w.Seq, w.Hash
	p.prog.Wrote(w)
	return w
}

func trustOf(peers ...*peer) map[string]ed25519.PublicKey {
	out := map[string]ed25519.PublicKey{}
	for _, p := range peers {
		out[p.id.ID()] = p.id.PublicKey()
	}
	return out
}

func mustKey(t testing.TB, epoch uint32) exchange.Key {
	t.Helper()
	k, err := exchange.NewKey(epoch)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func mustScan(t testing.TB, root string, keys []exchange.Key, trust map[string]ed25519.PublicKey, self *peer) exchange.Result {
	t.Helper()
	res, err := exchange.Scan(root, spaceID, keys, trust, self.id.ID(), self.prog)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// ids lists the change ids of the records the changes carry, sorted.
func ids(changes []exchange.Change) []string {
	var out []string
	for _, c := range changes {
		for _, r := range c.Records {
			out = append(out, r.ID)
		}
	}
	sort.Strings(out)
	return out
}

func idsOf(records []space.Portable) []string {
	var out []string
	for _, r := range records {
		out = append(out, r.ID)
	}
	sort.Strings(out)
	return out
}

func jsonOf(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// deviceDir is dev's folder of the space under root.
func deviceDir(root, dev string) string { return filepath.Join(root, exchange.Dir, spaceID, dev) }

// copyFile copies src to dst, making dst's folder.
func copyFile(t testing.TB, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dst, b)
}

func writeFile(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
