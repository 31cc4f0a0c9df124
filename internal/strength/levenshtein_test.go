package strength

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/dop251/goja"
)

// TestTheNativeLevenshteinMatchesTheOriginal: for many passphrases, word lists (with words
// that look like numbers, which Object.keys puts first, and an empty word) and thresholds,
// the native findLevenshteinDistance answers exactly as zxcvbn-ts's own, which the bundle
// keeps as goldseamLevenshteinOriginal.
func TestTheNativeLevenshteinMatchesTheOriginal(t *testing.T) {
	if _, err := Measure("load the bundle"); err != nil {
		t.Fatal(err)
	}
	j := loaded
	j.mu.Lock()
	defer j.mu.Unlock()
	original, ok := goja.AssertFunction(j.vm.GlobalObject().Get("goldseamLevenshteinOriginal"))
	if !ok {
		t.Fatal("the bundle does not keep the original findLevenshteinDistance")
	}
	native, _ := goja.AssertFunction(j.vm.GlobalObject().Get("goldseamLevenshteinNative"))
	alphabet := []rune("aabcdeeilnoprst0123456789 @$!éø日😀")
	word := func(r *rand.Rand, n int) string {
		w := make([]rune, n)
		for i := range w {
			w[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(w)
	}
	r := rand.New(rand.NewPCG(14, 14))
	found := 0
	for trial := 0; trial < 3000; trial++ {
		password := word(r, r.IntN(12))
		dict := j.vm.NewObject()
		for i, n := 0, r.IntN(40); i < n; i++ {
			key := word(r, r.IntN(10))
			switch r.IntN(8) {
			case 0:
				key = password[:len(password)/2] + word(r, 1)
			case 1:
				key = string(rune('1'+r.IntN(9))) + "0"
			}
			dict.Set(key, i+1)
		}
		threshold := j.vm.ToValue(r.IntN(5))
		want, err := original(goja.Undefined(), j.vm.ToValue(password), dict, threshold)
		if err != nil {
			t.Fatal(err)
		}
		got, err := native(goja.Undefined(), j.vm.ToValue(password), dict, threshold)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := json.Marshal(want.Export())
		g, _ := json.Marshal(got.Export())
		if string(w) != string(g) {
			t.Fatalf("%q in %v (threshold %v): zxcvbn-ts says %s, the native one %s", password, dict.Keys(), threshold, w, g)
		}
		if string(w) != "{}" {
			found++
		}
	}
	if found < 300 {
		t.Fatalf("only %d of 3000 trials found a word; the test compares too little", found)
	}
}
