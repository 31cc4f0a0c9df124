package vault

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/goldseam/goldseam/internal/store"
)

// copiesIn walks everything v references (pointers, interfaces, structs, maps, slices,
// arrays, strings; unexported fields included) and counts the places secret's bytes appear.
func copiesIn(v reflect.Value, secret []byte) int {
	var mem bytes.Buffer
	seen := map[uintptr]bool{}
	var walk func(reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem())
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i))
			}
		case reflect.Map:
			for it := v.MapRange(); it.Next(); {
				walk(it.Key())
				walk(it.Value())
			}
		case reflect.Slice, reflect.Array:
			if v.Type().Elem().Kind() == reflect.Uint8 {
				for i := 0; i < v.Len(); i++ {
					mem.WriteByte(byte(v.Index(i).Uint()))
				}
				mem.WriteByte(0xA5) // a boundary no key spans
				return
			}
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.String:
			mem.WriteString(v.String())
		}
	}
	walk(v)
	return bytes.Count(mem.Bytes(), secret)
}

func memoryTestVault(t *testing.T) (*store.DB, *Unlocked) {
	cheapKDF.Store(true)
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, _, err := Create(context.Background(), db, []byte("memory test passphrase"), Calibrate()); err != nil {
		t.Fatal(err)
	}
	u, err := Unlock(context.Background(), db, []byte("memory test passphrase"))
	if err != nil {
		t.Fatal(err)
	}
	return db, u
}

// TestWipeLeavesNoCopyOfAContentKey seals and opens with both content keys (so their AEADs
// have done work), wipes, and then searches everything the keys referenced before the wipe
// (the AEAD objects too, even if Wipe let go of them: dropping a reference does not clear
// the memory) for their bytes.
func TestWipeLeavesNoCopyOfAContentKey(t *testing.T) {
	_, u := memoryTestVault(t)
	var keys []*ContentKey
	var secrets [][]byte
	var held []any
	for _, p := range []Purpose{Journal, Shared} {
		k := u.Key(p)
		f := Field{Table: "t", Row: "r", Column: "c"}
		if _, err := k.Open(f, k.SealString(f, "words")); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
		held = append(held, k.aead)
		secrets = append(secrets, bytes.Clone(k.key))
		if n := copiesIn(reflect.ValueOf(k), k.key); n < 2 {
			t.Fatalf("the search finds %d copies of a live key; it should see the key and the AEAD's copy", n)
		}
	}
	u.Wipe()
	for i, k := range keys {
		if n := copiesIn(reflect.ValueOf([]any{k, held[i]}), secrets[i]); n != 0 {
			t.Errorf("%s key: %d copies remain after Wipe", k.purpose, n)
		}
	}
}

// TestTheMasterKeyIsNotKeptAfterUnlock unwraps the master key itself from the vault row and
// searches everything an unlocked vault references for it.
func TestTheMasterKeyIsNotKeptAfterUnlock(t *testing.T) {
	db, u := memoryTestVault(t)
	row, err := readVault(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	kek := derive([]byte("memory test passphrase"), row.salt, row.params)
	master, err := openKey(kek, row.passphraseWrap, passphraseAD(row.vaultID, row.params))
	if err != nil {
		t.Fatal(err)
	}
	if n := copiesIn(reflect.ValueOf(u), master); n != 0 {
		t.Fatalf("the unlocked vault holds %d copies of the master key", n)
	}
}
