package vault_test

import (
	"testing"

	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func benchmarkKey(b *testing.B) *vault.ContentKey {
	db := testvault.OpenStore(b, b.TempDir())
	u, _ := mustCreate(b, db, "benchmark passphrase")
	return u.Key(vault.Journal)
}

// BenchmarkSeal seals a typical journal entry body (4 KiB) on one core.
func BenchmarkSeal(b *testing.B) {
	k := benchmarkKey(b)
	f := vault.Field{Table: "entries", Row: "row", Column: "body"}
	plain := make([]byte, 4096)
	b.SetBytes(int64(len(plain)))
	for b.Loop() {
		k.Seal(f, plain)
	}
}

// BenchmarkOpen opens the same.
func BenchmarkOpen(b *testing.B) {
	k := benchmarkKey(b)
	f := vault.Field{Table: "entries", Row: "row", Column: "body"}
	sealed := k.Seal(f, make([]byte, 4096))
	b.SetBytes(4096)
	for b.Loop() {
		if _, err := k.Open(f, sealed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSealLarge seals 1 MiB at a time: the throughput figure seal_mb_s.
func BenchmarkSealLarge(b *testing.B) {
	k := benchmarkKey(b)
	f := vault.Field{Table: "entries", Row: "row", Column: "body"}
	plain := make([]byte, 1<<20)
	b.SetBytes(int64(len(plain)))
	for b.Loop() {
		k.Seal(f, plain)
	}
}

// BenchmarkUnlock is unlock with the test KDF: the cost of everything but Argon2.
// The real figure, with the calibrated KDF, is unlock_ms in make bench.
func BenchmarkUnlock(b *testing.B) {
	db := testvault.OpenStore(b, b.TempDir())
	mustCreate(b, db, "benchmark passphrase")
	for b.Loop() {
		u, err := vault.Unlock(ctx, db, []byte("benchmark passphrase"))
		if err != nil {
			b.Fatal(err)
		}
		u.Wipe()
	}
}
