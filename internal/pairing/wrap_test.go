package pairing

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestWrapUnwrap(t *testing.T) {
	from, to, other := newDevice(t), newDevice(t), newDevice(t)
	key := randomKey(t, 7)
	ctx := Context{Space: testSpace, Purpose: "rekey/after-leave/2"}
	w, err := Wrap(key, to.Public(), from, ctx)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Unwrap(w, to, from.Public(), ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != key {
		t.Fatal("unwrapped a different key or epoch")
	}
	if contains(w, key.Key[:]) {
		t.Fatal("the key is in the clear")
	}

	refused := map[string]func() (SpaceKey, error){
		"the wrong identity": func() (SpaceKey, error) { return Unwrap(w, other, from.Public(), ctx) },
		"another sender":     func() (SpaceKey, error) { return Unwrap(w, to, other.Public(), ctx) },
		"another space": func() (SpaceKey, error) {
			return Unwrap(w, to, from.Public(), Context{Space: "a1b2c3d4-0000-4000-8000-000000000000", Purpose: ctx.Purpose})
		},
		"another purpose": func() (SpaceKey, error) {
			return Unwrap(w, to, from.Public(), Context{Space: ctx.Space, Purpose: "pairing/x"})
		},
	}
	// Every field changed in the JSON, even with the signature made again by the sender
	// (as a sender confused about the epoch would), fails somewhere.
	var fields map[string]any
	if err := json.Unmarshal(w, &fields); err != nil {
		t.Fatal(err)
	}
	for name := range fields {
		mutated := map[string]any{}
		for k, v := range fields {
			mutated[k] = v
		}
		switch v := fields[name].(type) {
		case string:
			if len(v) == 0 {
				t.Fatalf("empty field %s", name)
			}
			mutated[name] = flipChar(v)
		case float64:
			mutated[name] = v + 1
		}
		data, _ := json.Marshal(mutated)
		refused["a changed "+name] = func() (SpaceKey, error) { return Unwrap(data, to, from.Public(), ctx) }
	}
	var raw wrapped
	if err := json.Unmarshal(w, &raw); err != nil {
		t.Fatal(err)
	}
	raw.Epoch++
	raw.Sig = from.Sign(raw.signed())
	resigned, _ := json.Marshal(raw)
	refused["another epoch, signed again"] = func() (SpaceKey, error) { return Unwrap(resigned, to, from.Public(), ctx) }
	refused["cut short"] = func() (SpaceKey, error) { return Unwrap(w[:len(w)-2], to, from.Public(), ctx) }

	for name, try := range refused {
		if k, err := try(); !errors.Is(err, ErrNotForThisDevice) || k != (SpaceKey{}) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := Wrap(key, to.Public(), from, Context{Space: testSpace}); err == nil {
		t.Fatal("a wrap with no purpose")
	}
	bad := to.Public()
	bad.BoxKey = other.Public().BoxKey
	if _, err := Wrap(key, bad, from, ctx); !errors.Is(err, ErrNotForThisDevice) {
		t.Fatalf("a wrap to a box key its device did not bind: %v", err)
	}
}

// flipChar changes one character of a string while keeping base64 and hex valid.
func flipChar(s string) string {
	b := []byte(s)
	i := len(b) / 2
	if b[i] == 'A' {
		b[i] = 'B'
	} else if b[i] == 'a' {
		b[i] = 'b'
	} else {
		b[i] = 'A'
	}
	return string(b)
}
