package pairing

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/device"
)

const testSpace = "3f2a9c1e-7b44-4d0a-9e61-52c8d1f0a7b3"

var codeShape = regexp.MustCompile(`^[0-9]{3} [0-9]{3}$`)

func newDevice(t testing.TB) *device.Identity {
	t.Helper()
	id, err := device.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(id.Wipe)
	return id
}

func randomKey(t testing.TB, epoch uint32) SpaceKey {
	t.Helper()
	k := SpaceKey{Epoch: epoch}
	if _, err := rand.Read(k.Key[:]); err != nil {
		t.Fatal(err)
	}
	return k
}

// carry copies every pairing file that from has and to lacks, as a sync engine does for
// files that are written once and never edited. Temporary files are not carried.
func carry(t testing.TB, from, to string) {
	t.Helper()
	src := pairingRoot(from)
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		dst := filepath.Join(pairingRoot(to), rel)
		if _, err := os.Lstat(dst); err == nil {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
}

func poll(t testing.TB, side interface{ Poll() (State, error) }, want State) {
	t.Helper()
	got, err := side.Poll()
	if err != nil {
		t.Fatalf("Poll: %v", err)
	}
	if got != want {
		t.Fatalf("Poll: state %v, want %v", got, want)
	}
}

// stoppedBy asserts err stops the pairing as tampered, for the given cause.
func stoppedBy(t testing.TB, err, cause error) {
	t.Helper()
	if !errors.Is(err, ErrTampered) || !errors.Is(err, cause) {
		t.Fatalf("got %v, want a tampered file (%v)", err, cause)
	}
	if apperr.CodeOf(err) != apperr.Invalid || apperr.MessageOf(err) != tamperedSentence {
		t.Fatalf("the error a person reads: %q %q", apperr.CodeOf(err), apperr.MessageOf(err))
	}
}

// onlyOffer finds the one offer a joiner sees.
func onlyOffer(t testing.TB, root string, me *device.Identity) Offer {
	t.Helper()
	offers, err := Find(root, me)
	if err != nil {
		t.Fatal(err)
	}
	if len(offers) != 1 {
		t.Fatalf("found %d offers, want 1", len(offers))
	}
	return offers[0]
}

// writeRaw puts a file in a pairing's folder as someone who can write the folder would.
func writeRaw(t testing.TB, root, pairing, name string, data []byte) {
	t.Helper()
	dir := pairingDir(root, pairing)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readRaw(t testing.TB, root, pairing, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(pairingDir(root, pairing), name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func samePublic(a, b device.Public) bool {
	return a.ID == b.ID && bytes.Equal(a.SignKey, b.SignKey) && bytes.Equal(a.BoxKey, b.BoxKey) && bytes.Equal(a.BoxSig, b.BoxSig)
}
