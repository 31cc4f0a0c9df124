package strength_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/goldseam/goldseam/internal/strength"
)

type row struct {
	Passphrase string `json:"passphrase"`
	Score      int    `json:"score"`
	Acceptable bool   `json:"acceptable"`
	Refusal    string `json:"refusal"`
}

// TestTheWindowsRuleOnTheSameTable: the command line's rule gives, for every passphrase of
// the shared table, the answer the window gives (frontend/src/lib/strength.table.test.ts
// checks the window against the same file), sentence for sentence.
func TestTheWindowsRuleOnTheSameTable(t *testing.T) {
	if underRace {
		t.Skip("the table runs without -race: make test-go runs it once more so")
	}
	data, err := os.ReadFile("testdata/table.json")
	if err != nil {
		t.Fatal(err)
	}
	var table []row
	if err := json.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	for _, want := range table {
		got, err := strength.Measure(want.Passphrase)
		if err != nil {
			t.Fatalf("%q: %v", want.Passphrase, err)
		}
		if got.Score != want.Score || got.Acceptable != want.Acceptable || got.Refusal != want.Refusal {
			t.Errorf("%q: the command line says %+v, the window %+v", want.Passphrase, got, want)
		}
	}
}
