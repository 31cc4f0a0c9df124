package vault_test

import (
	"fmt"
	"testing"

	"github.com/goldseam/goldseam/internal/testkit/figures"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// sealedValue is one ciphertext and where it belongs.
type sealedValue struct {
	key    *vault.ContentKey
	field  vault.Field
	sealed []byte
}

// TestMovedOrFlippedCiphertextIsAlwaysRejected seals values in two vaults, under both
// content keys, in several tables, rows and columns, with several bound values. Every value is then tried in every
// other place and under every other key, flipped at every byte and cut at every length:
// each attempt must fail. The counts are the swap and tamper figures of the report.
func TestMovedOrFlippedCiphertextIsAlwaysRejected(t *testing.T) {
	var values []sealedValue
	var keys []*vault.ContentKey
	for v := 0; v < 2; v++ {
		db := testvault.OpenStore(t, t.TempDir())
		u, _ := mustCreate(t, db, fmt.Sprintf("vault %d passphrase", v))
		for _, p := range []vault.Purpose{vault.Journal, vault.Shared} {
			k := u.Key(p)
			keys = append(keys, k)
			for _, table := range []string{"entries", "agreements"} {
				for _, row := range []string{"0b5e2a1c-row-a", "0b5e2a1c-row-b"} {
					for _, column := range []string{"title", "body"} {
						// The same place with another bound value (a parent, a day) is another place.
						for _, bound := range [][]string{nil, {"parent-a"}, {"parent-b"}, {"parent-a", ""}} {
							f := vault.Field{Table: table, Row: row, Column: column, Bound: bound}
							values = append(values, sealedValue{k, f, k.SealString(f, "the same words everywhere")})
						}
					}
				}
			}
		}
	}

	swaps, swapsAccepted := 0, 0
	for i, v := range values {
		for j, other := range values {
			if i == j {
				if _, err := v.key.Open(v.field, v.sealed); err != nil {
					t.Fatalf("a value does not open in its own place: %v", err)
				}
				continue
			}
			// v's ciphertext, opened as if it were stored where other lives, with other's key.
			swaps++
			if _, err := other.key.Open(other.field, v.sealed); err == nil {
				swapsAccepted++
			}
		}
		for _, k := range keys {
			if k == v.key {
				continue
			}
			swaps++
			if _, err := k.Open(v.field, v.sealed); err == nil {
				swapsAccepted++
			}
		}
	}

	flips, flipsAccepted := 0, 0
	for _, v := range values[:8] {
		for i := range v.sealed {
			for _, mask := range []byte{0x01, 0x80, 0xff} {
				bad := append([]byte{}, v.sealed...)
				bad[i] ^= mask
				flips++
				if _, err := v.key.Open(v.field, bad); err == nil {
					flipsAccepted++
				}
			}
		}
		for n := 0; n < len(v.sealed); n++ {
			flips++
			if _, err := v.key.Open(v.field, v.sealed[:n]); err == nil {
				flipsAccepted++
			}
		}
	}
	t.Logf("swap_trials=%d swap_accepted=%d flip_trials=%d flip_accepted=%d", swaps, swapsAccepted, flips, flipsAccepted)
	figures.Record("swap_trials", swaps)
	figures.Record("swap_accepted", swapsAccepted)
	if swapsAccepted != 0 || flipsAccepted != 0 {
		t.Fatalf("accepted %d moved and %d damaged ciphertexts", swapsAccepted, flipsAccepted)
	}
	if swaps < 1000 || flips < 1000 {
		t.Fatalf("too few trials: %d swaps, %d flips", swaps, flips)
	}
}

func TestSealUsesAFreshNonceEveryTime(t *testing.T) {
	db := testvault.OpenStore(t, t.TempDir())
	u, _ := mustCreate(t, db, "nonce passphrase")
	f := vault.Field{Table: "t", Row: "r", Column: "c"}
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		s := string(u.Key(vault.Journal).SealString(f, "same"))
		if seen[s] {
			t.Fatal("two seals of the same text were identical")
		}
		seen[s] = true
	}
}
