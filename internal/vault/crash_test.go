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

	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/crashloop"
	"github.com/goldseam/goldseam/internal/testkit/figures"
	"github.com/goldseam/goldseam/internal/vault"
)

func passphrase(n int) []byte { return []byte(fmt.Sprintf("passphrase number %d", n)) }

const crashRecords = 20

// crashRecord is where record i lives: a real journal row and a real shared row, so the
// rotation reseals them like any other.
func crashRecord(i int) (table string, f vault.Field, p vault.Purpose) {
	id := fmt.Sprintf("00000000-0000-4000-8000-%012d", i)
	if i%2 == 0 {
		return "journal_entries", vault.JournalContent.Field(id, "2026-11-01"), vault.Journal
	}
	return "shared_records", vault.SharedContent.Field(id, "agreement", ""), vault.Shared
}

// TestPassphraseChangeSurvivesSIGKILL changes the passphrase over and over in a child
// process, each change rotating the master and content keys and resealing every row, and
// kills it at random moments. Afterwards the last passphrase the child reported, or the
// one it was writing, must open the vault; never neither. Every record sealed before must
// still open under the keys that passphrase gives: the old state or the new, never a mix.
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
			for i := 0; i < crashRecords; i++ {
				table, f, p := crashRecord(i)
				sealed := u.Key(p).SealString(f, fmt.Sprintf("record %d", i))
				insert := `INSERT INTO journal_entries (id, entry_date, created_at, updated_at, content) VALUES (?, '2026-11-01', '', '', ?)`
				if table == "shared_records" {
					insert = `INSERT INTO shared_records (id, kind, parent_id, clock, device_id, updated_at, content) VALUES (?, 'agreement', '', 1, 'd', '', ?)`
				}
				if _, err := db.SQL().Exec(insert, f.Row, sealed); err != nil {
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
				table, f, p := crashRecord(i)
				var sealed []byte
				if err := db.SQL().QueryRow(`SELECT content FROM `+table+` WHERE id = ?`, f.Row).Scan(&sealed); err != nil {
					t.Fatal(err)
				}
				if got, err := u.Key(p).OpenString(f, sealed); err != nil || got != fmt.Sprintf("record %d", i) {
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
		if _, err := u.SetPassphrase(ctx, db, passphrase(n), vault.Calibrate()); err != nil {
			panic(err)
		}
		crashloop.Report("set %d", n)
	}
}
