package strength_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/strength"
)

type row struct {
	Passphrase string `json:"passphrase"`
	Score      int    `json:"score"`
	Acceptable bool   `json:"acceptable"`
	Refusal    string `json:"refusal"`
}

// TestTheRuleOnTheTable: the rule gives, for every passphrase of the table, the score, the
// answer and the sentence the table holds. The window and the command line both ask this
// package, so the table is the one answer for both. After a deliberate change to the rule,
// write the table again with UPDATE_STRENGTH_TABLE=1 go test ./internal/strength/ and read the
// difference before committing it.
func TestTheRuleOnTheTable(t *testing.T) {
	data, err := os.ReadFile("testdata/table.json")
	if err != nil {
		t.Fatal(err)
	}
	var table []row
	if err := json.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	var now []row
	for _, want := range table {
		v := strength.Measure(want.Passphrase)
		got := row{want.Passphrase, v.Score, v.Acceptable, v.Refusal}
		now = append(now, got)
		if got != want {
			t.Errorf("%q: the rule says %+v, the table %+v", want.Passphrase, got, want)
		}
	}
	if os.Getenv("UPDATE_STRENGTH_TABLE") != "" {
		out, _ := json.MarshalIndent(now, "", "  ")
		if err := os.WriteFile("testdata/table.json", append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWellKnownPassphrases: the cases everyone knows come out as everyone expects, whatever
// the table says: common passwords, keyboard rows, dates, names, the app's own words and
// anything under 8 characters are refused with the reason; unrelated words and a long random
// string are taken.
func TestWellKnownPassphrases(t *testing.T) {
	refused := map[string]string{
		"password123":  "commonly used password",
		"password":     "most used passwords in the world",
		"qwertyuiop":   "most used passwords",
		"zxcvbnm,./":   "A row of keys",
		"1985-06-14":   "Dates are easy to guess",
		"jennifer":     "Names on their own",
		"goldseam2026": "this app",
		"abcdefgh":     `Runs like "abc"`,
		"aaaaaaaaaaaa": `Repeated letters`,
		"Zq#8v!":       "at least 8 characters",
		"        ":     "at least 8 characters",
	}
	for pass, words := range refused {
		v := strength.Measure(pass)
		if v.Acceptable || v.Score >= strength.MinimumScore && len([]rune(strings.TrimSpace(pass))) >= strength.MinimumRunes {
			t.Errorf("%q was taken: %+v", pass, v)
		}
		if !strings.Contains(v.Refusal, words) || v.Refusal != v.Warning {
			t.Errorf("%q: refused with %q (warning %q), want the sentence about %q", pass, v.Refusal, v.Warning, words)
		}
		if len(v.Suggestions) == 0 {
			t.Errorf("%q: no suggestion for a weak passphrase", pass)
		}
	}
	for _, pass := range []string{"correct horse battery staple", "amber harbour stitches thunder", "v8#Kq2!mZp7$Lw4@rT9xN3&", "ÆØÅ æøå hygge løvetand", "日本語のパスフレーズです"} {
		v := strength.Measure(pass)
		if !v.Acceptable || v.Refusal != "" || v.Warning != "" || v.Score < strength.MinimumScore {
			t.Errorf("%q was refused: %+v", pass, v)
		}
	}
}

// TestSevenCharactersAreNeverEnough: fewer than 8 characters (spaces at the ends do not
// count) are refused with the sentence that says so, however random; a longer random string
// is taken once the estimate rates it 3.
func TestSevenCharactersAreNeverEnough(t *testing.T) {
	for _, pass := range []string{"Zq#8v!k", "  Zq#8v!k  ", "日本語のパス"} {
		if v := strength.Measure(pass); v.Acceptable || !strings.Contains(v.Refusal, "at least 8 characters") {
			t.Errorf("%q: %+v, want refused for its length", pass, v)
		}
	}
	if v := strength.Measure("Zq#8v!k3w"); !v.Acceptable {
		t.Errorf("9 random characters were refused: %+v", v)
	}
}

// TestOnlyTheFirst128CharactersAreRead: the estimator looks at every stretch of what it
// reads, so it reads the first 128 characters only (a pasted page would take seconds); what
// lies beyond cannot make a passphrase weaker, so cutting only ever refuses more.
func TestOnlyTheFirst128CharactersAreRead(t *testing.T) {
	long := strings.Repeat("amber harbour stitches thunder ", 40)
	if v := strength.Measure(long); !v.Acceptable {
		t.Errorf("a long passphrase of unrelated words was refused: %+v", v)
	}
	if v := strength.Measure(strings.Repeat("a", 1000)); v.Acceptable {
		t.Errorf("1000 times the same letter was taken: %+v", v)
	}
	if v := strength.Measure(strings.Repeat("a", 128) + " correct horse battery staple"); v.Acceptable {
		t.Errorf("words after the first 128 characters were read: %+v", v)
	}
}

// BenchmarkMeasure: what one rating costs, for a typical passphrase and for the longest
// stretch the estimator reads (the window asks once per pause in typing).
func BenchmarkMeasure(b *testing.B) {
	for _, pass := range []string{"correct horse battery staple", strings.Repeat("amber harbour stitches thunder ", 9)} {
		b.Run(fmt.Sprintf("%d_chars", len(pass)), func(b *testing.B) {
			for b.Loop() {
				strength.Measure(pass)
			}
		})
	}
}
