// Package strength owns the passphrase strength rule on the Go side. The rule is the
// window's own (frontend/src/lib/strength.ts: at least 8 characters and a zxcvbn-ts score of
// 3 of 4, with its word lists and its sentences); `npm run build` bundles that file into
// bundle/strength.js.gz and this package runs it in goja, a JavaScript interpreter written in
// Go, so the command line cannot drift from the window: it is the same code.
package strength

import (
	"compress/gzip"
	"embed"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/dop251/goja"
)

//go:embed all:bundle
var bundle embed.FS

// ErrNotBuilt means the bundle was not built: this Goldseam was compiled without first
// running `npm run build` in frontend/ (make build does it).
var ErrNotBuilt = errors.New("the passphrase strength rule is missing from this build of Goldseam (run make build)")

// Verdict is the rule's answer for one passphrase.
type Verdict struct {
	Score      int    // 0 (very weak) to 4 (very strong)
	Acceptable bool   // whether Goldseam takes it as a new passphrase
	Refusal    string // what the window says when it will not; "" when acceptable
}

// A judge is one interpreter with the bundle loaded; loading the word lists takes a moment,
// so it is made once, and used by one caller at a time (goja is not safe for concurrent use).
type judge struct {
	mu  sync.Mutex
	vm  *goja.Runtime
	run goja.Callable
}

var (
	loaded  *judge
	loadErr error
	once    sync.Once
)

// Measure applies the window's rule to passphrase.
func Measure(passphrase string) (Verdict, error) {
	once.Do(func() { loaded, loadErr = load() })
	if loadErr != nil {
		return Verdict{}, loadErr
	}
	return loaded.measure(passphrase)
}

func load() (*judge, error) {
	src, err := unpack("bundle/strength.js.gz")
	if err != nil {
		return nil, err
	}
	vm := goja.New()
	vm.SetFieldNameMapper(goja.TagFieldNameMapper("json", true))
	native := &levenshtein{vm: vm, lists: map[*goja.Object]*wordList{}}
	if err := vm.Set("goldseamLevenshteinNative", native.find); err != nil {
		return nil, err
	}
	if _, err := vm.RunScript("strength.js", string(src)); err != nil {
		return nil, fmt.Errorf("load the passphrase strength rule: %w", err)
	}
	run, ok := goja.AssertFunction(vm.GlobalObject().Get("goldseamStrength"))
	if !ok {
		return nil, errors.New("load the passphrase strength rule: the bundle does not define goldseamStrength")
	}
	return &judge{vm: vm, run: run}, nil
}

// unpack reads the gzipped bundle.
func unpack(name string) ([]byte, error) {
	f, err := bundle.Open(name)
	if err != nil {
		return nil, ErrNotBuilt
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("load the passphrase strength rule: %w", err)
	}
	return io.ReadAll(z)
}

// measure calls the bundle's judge. It is async in JavaScript (the window loads the word
// lists lazily); in the bundle every import is already there, so the promise settles as soon
// as goja runs its job queue, which it does before the call returns.
func (j *judge) measure(passphrase string) (Verdict, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	value, err := j.run(goja.Undefined(), j.vm.ToValue(passphrase))
	if err != nil {
		return Verdict{}, fmt.Errorf("measure the passphrase: %w", err)
	}
	promise, ok := value.Export().(*goja.Promise)
	if !ok {
		return Verdict{}, errors.New("measure the passphrase: the bundle did not answer with a promise")
	}
	for deadline := time.Now().Add(time.Minute); promise.State() == goja.PromiseStatePending; {
		if time.Now().After(deadline) {
			return Verdict{}, errors.New("measure the passphrase: no answer")
		}
		if _, err := j.vm.RunString(""); err != nil { // runs the queued promise jobs
			return Verdict{}, err
		}
	}
	if promise.State() == goja.PromiseStateRejected {
		return Verdict{}, fmt.Errorf("measure the passphrase: %v", promise.Result())
	}
	var out struct {
		Score      int    `json:"score"`
		Acceptable bool   `json:"acceptable"`
		Refusal    string `json:"refusal"`
	}
	if err := j.vm.ExportTo(promise.Result(), &out); err != nil {
		return Verdict{}, fmt.Errorf("measure the passphrase: %w", err)
	}
	return Verdict{Score: out.Score, Acceptable: out.Acceptable, Refusal: out.Refusal}, nil
}
