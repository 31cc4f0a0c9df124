// Package spacetest gives the shared space's tests a real data file in a temporary folder
// and an unlocked vault's shared key, so every test starts the same way.
package spacetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Open makes a data file with a new vault in a temporary folder and returns it with the
// vault's shared key. The caller's TestMain should call vault.UseCheapKDFForTests.
func Open(t testing.TB) (*store.DB, *vault.ContentKey) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	u, _, err := vault.Create(ctx, db, []byte("shared space test passphrase"), vault.Calibrate())
	if err != nil {
		t.Fatal(err)
	}
	return db, u.Key(vault.Shared)
}
