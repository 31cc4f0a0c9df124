package vault_test

import (
	"testing"

	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// FuzzOpenSealedField opens arbitrary bytes as a sealed field, the way a damaged or altered
// data file would present them: it must refuse them without panicking, and anything that
// does open must be exactly what was sealed there.
func FuzzOpenSealedField(f *testing.F) {
	db := testvault.OpenStore(f, f.TempDir())
	u, _ := mustCreate(f, db, "fuzzing passphrase")
	key := u.Key(vault.Journal)
	field := vault.Field{Table: "journal_entries", Row: "7d1c5f0e-0000-4000-8000-000000000001", Column: "content"}
	good := key.SealString(field, "what was written")
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte{1})
	f.Add(good[:len(good)-1])
	f.Fuzz(func(t *testing.T, sealed []byte) {
		plain, err := key.Open(field, sealed)
		if err == nil && string(plain) != "what was written" {
			t.Fatalf("forged bytes opened as %q", plain)
		}
	})
}
