package vault_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/crashloop"
	"github.com/goldseam/goldseam/internal/figures"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

func passphrase(n int) []byte { return []byte(fmt.Sprintf("passphrase number %d", n)) }

const crashRecords = 20

func recordField(i int) vault.Field {
	return vault.Field{Table: "crash_records", Row: strconv.Itoa(i), Column: "body"}
}

// TestPassphraseChangeSurvivesSIGKILL changes the passphrase over and over in a child
// process and kills it at random moments. Afterwards the last passphrase the child
// reported, or the one it was writing, must open the vault; never neither. Every record
// sealed before must still open.
func TestPassphraseChangeSurvivesSIGKILL(t *testing.T) {
	if crashloop.IsChild("passphrase") {
		passphraseChild()
		return
	}
	runs, unopenable, inFlight, changes := 0, 0, 0, 0
	crashloop.Run(t, "passphrase", crashloop.Options{Runs: crashloop.Runs(100), MinLife: time.Millisecond, KillAfter: 80 * time.Millisecond},
		func(dir string) {
			db, err := store.Open(ctx, filepath.Join(dir, store.FileName))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			u, _, err := vault.Create(ctx, db, passphrase(0), vault.Calibrate())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.SQL().Exec(`CREATE TABLE crash_records (id TEXT PRIMARY KEY, body BLOB)`); err != nil {
				t.Fatal(err)
			}
			for i := 0; i < crashRecords; i++ {
				sealed := u.Key(vault.Journal).SealString(recordField(i), fmt.Sprintf("record %d", i))
				if _, err := db.SQL().Exec(`INSERT INTO crash_records VALUES (?, ?)`, strconv.Itoa(i), sealed); err != nil {
					t.Fatal(err)
				}
			}
			os.WriteFile(filepath.Join(dir, "current"), []byte("0"), 0o600)
		},
		func(run int, dir string, lines []string) {
			current, _ := os.ReadFile(filepath.Join(dir, "current"))
			last, _ := strconv.Atoi(string(current))
			before := last
			for _, l := range lines {
				if n, ok := strings.CutPrefix(l, "set "); ok {
					last, _ = strconv.Atoi(n)
				}
			}
			db, err := store.Open(ctx, filepath.Join(dir, store.FileName))
			if err != nil {
				t.Fatalf("run %d: database does not open after the kill: %v", run, err)
			}
			defer db.Close()
			opened := -1
			var u *vault.Unlocked
			for _, n := range []int{last, last + 1} { // reported, or in flight when killed
				if u, err = vault.Unlock(ctx, db, passphrase(n)); err == nil {
					opened = n
					break
				}
			}
			if opened < 0 {
				unopenable++
				t.Errorf("run %d: neither passphrase %d nor %d opens the vault", run, last, last+1)
				return
			}
			defer u.Wipe()
			for i := 0; i < crashRecords; i++ {
				var sealed []byte
				if err := db.SQL().QueryRow(`SELECT body FROM crash_records WHERE id = ?`, strconv.Itoa(i)).Scan(&sealed); err != nil {
					t.Fatal(err)
				}
				if got, err := u.Key(vault.Journal).OpenString(recordField(i), sealed); err != nil || got != fmt.Sprintf("record %d", i) {
					t.Errorf("run %d: record %d: %q %v", run, i, got, err)
				}
			}
			if err := db.QuickCheck(ctx); err != nil {
				t.Errorf("run %d: %v", run, err)
			}
			runs++
			changes += opened - before
			if opened == last+1 {
				inFlight++ // committed, killed before it could say so
			}
			os.WriteFile(filepath.Join(dir, "current"), []byte(strconv.Itoa(opened)), 0o600)
		})
	t.Logf("passphrase crash runs=%d, passphrase changes committed=%d (%d killed after commit, before reporting), unopenable=%d",
		runs+unopenable, changes, inFlight, unopenable)
	figures.Record("passphrase_crash_runs", runs+unopenable)
	figures.Record("passphrase_crash_unopenable", unopenable)
}

func passphraseChild() {
	dir := crashloop.Dir()
	current, _ := os.ReadFile(filepath.Join(dir, "current"))
	n, _ := strconv.Atoi(string(current))
	db, err := store.Open(ctx, filepath.Join(dir, store.FileName))
	if err != nil {
		panic(err)
	}
	u, err := vault.Unlock(ctx, db, passphrase(n))
	if errors.Is(err, vault.ErrWrongPassphrase) {
		panic("child: the parent's passphrase does not open the vault")
	}
	if err != nil {
		panic(err)
	}
	crashloop.Ready()
	for {
		n++
		if err := u.SetPassphrase(ctx, db, passphrase(n), vault.Calibrate()); err != nil {
			panic(err)
		}
		crashloop.Report("set %d", n)
	}
}
