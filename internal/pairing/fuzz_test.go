package pairing

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// FuzzParseFile feeds anything to the parsers of every pairing file and of a wrapped key:
// none may panic, a file is either not whole yet (errShort), refused, or parsed into a body
// that encodes and parses back to itself; a wrapped key never opens for keys that did not
// make it. The seed corpus (testdata/fuzz/FuzzParseFile) holds real files of each kind from
// an exchange, torn and changed copies.
func FuzzParseFile(f *testing.F) {
	f.Add([]byte(`{"format":"goldseam-pairing/1","kind":"done","body":{"pairing":"00112233445566778899aabbccddeeff","key":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="},"sig":"AA=="}`))
	me, from := newDevice(f), newDevice(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		bodies := map[string]func() (any, func() error){
			kindOffer:  func() (any, func() error) { b := &offerBody{}; return b, b.check },
			kindAnswer: func() (any, func() error) { b := &answerBody{}; return b, b.check },
			kindReveal: func() (any, func() error) { b := &revealBody{}; return b, b.check },
			kindKey:    func() (any, func() error) { b := &keyBody{}; return b, b.check },
			kindDone:   func() (any, func() error) { b := &doneBody{}; return b, b.check },
		}
		parsed := 0
		for kind, mk := range bodies {
			body, check := mk()
			env, err := open(data, kind, body)
			if err != nil {
				if errors.Is(err, errShort) && json.Valid(data) {
					t.Fatalf("%s: whole JSON called not whole", kind)
				}
				continue
			}
			parsed++
			if env.Kind != kind || env.Format != fileFormat {
				t.Fatalf("%s: parsed as %q %q", kind, env.Kind, env.Format)
			}
			if check() != nil {
				continue
			}
			again, _ := mk()
			enc, err := json.Marshal(body)
			if err != nil {
				t.Fatalf("%s: a parsed body does not encode: %v", kind, err)
			}
			if err := strictDecode(enc, again); err != nil {
				t.Fatalf("%s: a parsed body does not parse back: %v", kind, err)
			}
			if !reflect.DeepEqual(body, again) {
				t.Fatalf("%s: %+v became %+v", kind, body, again)
			}
			if !bytes.Equal(digest(kind, env.Body), digest(kind, env.Body)) {
				t.Fatal("digest is not a function")
			}
		}
		if parsed > 1 {
			t.Fatalf("one file parsed as %d kinds", parsed)
		}
		if o, b, _, err := parseOffer(data); err == nil && (o.Pairing != b.Pairing || o.Typed != (b.Mode == modeTyped)) {
			t.Fatalf("offer %+v from %+v", o, b)
		}
		ctx := Context{Space: testSpace, Purpose: "pairing/00112233445566778899aabbccddeeff"}
		if _, err := Unwrap(data, me, from.Public(), ctx); !errors.Is(err, ErrNotForThisDevice) {
			t.Fatalf("a wrapped key opened for keys that did not make it: %v", err)
		}
	})
}
