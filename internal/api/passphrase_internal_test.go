package api

import (
	"bytes"
	"testing"

	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
)

// TestPassphraseCopiesAreZeroedAfterUse watches every byte copy of a passphrase the Vault
// service makes (create, unlock, verify, change) and checks that each is all zeros once
// the call has returned, right or wrong passphrase alike.
func TestPassphraseCopiesAreZeroedAfterUse(t *testing.T) {
	var copies [][]byte
	passphraseCopied = func(p []byte) { copies = append(copies, p) }
	defer func() { passphraseCopied = func([]byte) {} }()

	dir := t.TempDir()
	path, db := testvault.Path(dir), testvault.OpenStore(t, dir)
	v := NewVault(nil, path, db, nil, session.New(db, nil))
	const first, second = "zeroed passphrase one", "zeroed passphrase two"
	if _, err := v.Create(first); err != nil {
		t.Fatal(err)
	}
	if _, err := v.ChangePassphrase(first, second); err != nil {
		t.Fatal(err)
	}
	v.Lock()
	if err := v.Unlock(first); err == nil {
		t.Fatal("the old passphrase still unlocks")
	}
	if err := v.Unlock(second); err != nil {
		t.Fatal(err)
	}
	// Create, verify and set in the change, a wrong and a right unlock.
	if len(copies) != 5 {
		t.Fatalf("saw %d passphrase copies, want 5", len(copies))
	}
	for i, c := range copies {
		if len(c) == 0 || !bytes.Equal(c, make([]byte, len(c))) {
			t.Errorf("copy %d still holds %q after the call", i, c)
		}
	}
}
