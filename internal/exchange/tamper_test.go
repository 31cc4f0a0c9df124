package exchange_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/device"
	"github.com/goldseam/goldseam/internal/exchange"
	"github.com/goldseam/goldseam/internal/testkit/figures"
)

// nameFor is the name a file with bytes b and sequence seq would be given: what someone who
// can write the folder gives a forged file so that it passes the check of its name.
func nameFor(seq uint64, b []byte) string { return exchange.FileName(seq, sha256.Sum256(b)) }

// forger claims to be a trusted device (its id and key) but signs with a key of its own.
type forger struct {
	as  *device.Identity
	key *device.Identity
}

func (f forger) DeviceID() string             { return f.as.DeviceID() }
func (f forger) PublicKey() ed25519.PublicKey { return f.as.PublicKey() }
func (f forger) Sign(msg []byte) []byte       { return f.key.Sign(msg) }

// tamperKit is a folder with real files to tamper with, and the devices around them.
type tamperKit struct {
	alex, sam, kit  *peer
	key, old, wrong exchange.Key
	good            []byte // Alex's file with sequence 1, sealed with key
	goodName        string
}

func newTamperKit(t *testing.T) *tamperKit {
	t.Helper()
	k := &tamperKit{alex: newPeer(t, "Alex"), sam: newPeer(t, "Sam"), kit: newPeer(t, "Alex")}
	k.key, k.old, k.wrong = mustKey(t, 2), mustKey(t, 1), mustKey(t, 2)
	w := k.alex.write(t, t.TempDir(), k.key, k.alex.changes(t, 3))
	var err error
	if k.good, err = os.ReadFile(w.Path); err != nil {
		t.Fatal(err)
	}
	k.goodName = w.Name
	return k
}

func (k *tamperKit) trust() map[string]ed25519.PublicKey { return trustOf(k.alex, k.sam, k.kit) }

// place puts b into a new folder as dev's file name and scans it twice as Sam, with a new
// progress: what Sam would do with it.
func (k *tamperKit) place(t *testing.T, dev, name string, b []byte) (first, second exchange.Result, prog *exchange.Progress) {
	t.Helper()
	root := t.TempDir()
	writeFile(t, filepath.Join(deviceDir(root, dev), name), b)
	prog = exchange.NewProgress()
	scan := func() exchange.Result {
		res, err := exchange.Scan(root, spaceID, []exchange.Key{k.key}, k.trust(), k.sam.id.ID(), prog)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	first = scan()
	second = scan()
	return first, second, prog
}

// Every way a file can be damaged, replayed or forged is refused with a reason, and nothing
// of it is taken; the untouched file is taken, so the checks are not refusing everything.
func TestTamperedFilesAreRefusedWithAReason(t *testing.T) {
	k := newTamperKit(t)
	a := k.alex.id.ID()
	if res, _, _ := k.place(t, a, k.goodName, k.good); len(res.Changes) != 1 {
		t.Fatalf("the untouched file was not taken: %+v", res)
	}
	flip := func(at int) []byte {
		b := append([]byte(nil), k.good...)
		b[at] ^= 0x01
		return b
	}
	n := len(k.good)
	other := func(write func(root string) exchange.Written) []byte {
		w := write(t.TempDir())
		b, err := os.ReadFile(w.Path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	oldEpoch := other(func(root string) exchange.Written {
		w, err := exchange.Write(root, spaceID, k.old, k.alex.id, 1, exchange.Hash{}, nil, k.alex.changes(t, 1))
		if err != nil {
			t.Fatal(err)
		}
		return w
	})
	otherSpace := other(func(root string) exchange.Written {
		w, err := exchange.Write(root, "0f1c2d3e-4a5b-4c6d-8e7f-901234567890", k.key, k.alex.id, 1, exchange.Hash{}, nil, k.alex.changes(t, 1))
		if err != nil {
			t.Fatal(err)
		}
		return w
	})
	mallory, err := device.New()
	if err != nil {
		t.Fatal(err)
	}
	unknownKey := other(func(root string) exchange.Written {
		w, err := exchange.Write(root, spaceID, k.key, forger{as: k.alex.id, key: mallory}, 1, exchange.Hash{}, nil, k.alex.changes(t, 1))
		if err != nil {
			t.Fatal(err)
		}
		return w
	})
	wrongKey := other(func(root string) exchange.Written {
		w, err := exchange.Write(root, spaceID, k.wrong, k.alex.id, 1, exchange.Hash{}, nil, k.alex.changes(t, 1))
		if err != nil {
			t.Fatal(err)
		}
		return w
	})

	for _, c := range []struct {
		name, dev, file string
		b               []byte
		reason          string // in the first scan's refusal; "" means retried first, then damaged
	}{
		{"a flipped byte in the magic", a, k.goodName, flip(0), ""},
		{"a flipped byte in the header", a, k.goodName, flip(40), ""},
		{"a flipped byte in the seal", a, k.goodName, flip(n / 2), ""},
		{"a flipped byte in the signature", a, k.goodName, flip(n - 1), ""},
		{"cut short", a, k.goodName, k.good[:n-100], ""},
		{"empty", a, k.goodName, nil, ""},
		{"a flipped byte in the magic, renamed to match", a, nameFor(1, flip(0)), flip(0), "not a change file"},
		{"a flipped byte in the header, renamed to match", a, nameFor(1, flip(40)), flip(40), "refused"},
		{"a flipped byte in the seal, renamed to match", a, nameFor(1, flip(n/2)), flip(n / 2), "signature"},
		{"a flipped byte in the signature, renamed to match", a, nameFor(1, flip(n-1)), flip(n - 1), "signature"},
		{"cut short, renamed to match", a, nameFor(1, k.good[:n-100]), k.good[:n-100], "not a change file"},
		{"unsigned, renamed to match", a, nameFor(1, k.good[:n-64]), k.good[:n-64], "not a change file"},
		{"moved into another trusted device's folder", k.kit.id.ID(), k.goodName, k.good, "another device"},
		{"renamed to another sequence number", a, nameFor(5, k.good), k.good, "sequence number"},
		{"replayed from an older key", a, nameFor(1, oldEpoch), oldEpoch, "key this computer does not hold"},
		{"replayed from another space", a, nameFor(1, otherSpace), otherSpace, "another shared space"},
		{"signed by an unknown key", a, nameFor(1, unknownKey), unknownKey, "signature does not check"},
		{"sealed with a wrong key", a, nameFor(1, wrongKey), wrongKey, "does not open"},
	} {
		first, second, prog := k.place(t, c.dev, c.file, c.b)
		if len(first.Changes)+len(second.Changes)+len(prog.Read) != 0 {
			t.Errorf("%s: taken", c.name)
			continue
		}
		if c.reason == "" {
			if len(first.Retry) != 1 || len(second.Refused) != 1 || !strings.Contains(second.Refused[0].Reason, "damaged") {
				t.Errorf("%s: not retried, then called damaged: %+v then %+v", c.name, first, second)
			}
			continue
		}
		if len(first.Refused) != 1 || !strings.Contains(first.Refused[0].Reason, c.reason) {
			t.Errorf("%s: want a refusal saying %q, got %+v", c.name, c.reason, first)
		}
	}
}

// trialCount is how many tamper trials to run: GOLDSEAM_SEGMENT_TAMPER_TRIALS, or 100.
func trialCount(t *testing.T) int {
	if v := os.Getenv("GOLDSEAM_SEGMENT_TAMPER_TRIALS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("GOLDSEAM_SEGMENT_TAMPER_TRIALS=%q is not a count", v)
		}
		return n
	}
	return 100
}

// Random damage to a real change file (a bit flipped, bytes cut, added or overwritten, at a
// random place), kept under its name or renamed to match its new bytes and possibly another
// sequence number, or put in another trusted device's folder: none may be taken. make
// reliability runs 1,000 or more and reports segment_tamper_trials and
// segment_tamper_accepted.
func TestSegmentTamperTrials(t *testing.T) {
	k := newTamperKit(t)
	trials := trialCount(t)
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("GOLDSEAM_SEGMENT_TAMPER_SEED"); v != "" {
		seed, _ = strconv.ParseUint(v, 10, 64)
	}
	t.Logf("seed %d (GOLDSEAM_SEGMENT_TAMPER_SEED replays it)", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	parent := t.TempDir()
	accepted := 0
	for i := range trials {
		b := append([]byte(nil), k.good...)
		switch rng.IntN(5) {
		case 0:
			b[rng.IntN(len(b))] ^= 1 << rng.IntN(8)
		case 1:
			b = b[:rng.IntN(len(b))]
		case 2:
			at := rng.IntN(len(b) + 1)
			b = append(b[:at:at], append([]byte{byte(rng.IntN(256))}, b[at:]...)...)
		case 3:
			at := rng.IntN(len(b))
			for j := at; j < min(len(b), at+1+rng.IntN(32)); j++ {
				b[j] = byte(rng.IntN(256))
			}
			if string(b) == string(k.good) {
				b[at] ^= 0x80
			}
		case 4:
			b = append(b, byte(rng.IntN(256)))
		}
		dev, name := k.alex.id.ID(), k.goodName
		switch rng.IntN(4) {
		case 1:
			name = nameFor(1, b)
		case 2:
			name = nameFor(uint64(1+rng.IntN(3)), b)
		case 3:
			dev, name = k.kit.id.ID(), nameFor(1, b)
		}
		root := filepath.Join(parent, strconv.Itoa(i))
		writeFile(t, filepath.Join(deviceDir(root, dev), name), b)
		prog := exchange.NewProgress()
		for range 2 {
			res, err := exchange.Scan(root, spaceID, []exchange.Key{k.key, k.old}, k.trust(), k.sam.id.ID(), prog)
			if err != nil {
				t.Fatal(err)
			}
			accepted += len(res.Changes)
			if len(res.Refused)+len(res.Retry) != 1 {
				t.Fatalf("trial %d: the damaged file is not reported: %+v", i, res)
			}
		}
		os.RemoveAll(root)
	}
	figures.Record("segment_tamper_trials", trials)
	figures.Record("segment_tamper_accepted", accepted)
	if accepted != 0 {
		t.Fatalf("%d of %d damaged files were taken (seed %d)", accepted, trials, seed)
	}
}
