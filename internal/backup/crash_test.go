package backup_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/testkit/crashloop"
	"github.com/goldseam/goldseam/internal/testkit/figures"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// openRig opens the data file a parent made in dir and unlocks its vault.
func openRig(t testing.TB, dir string) rig {
	t.Helper()
	db := testvault.OpenStore(t, dir)
	u, err := vault.Unlock(ctx, db, []byte(testvault.Passphrase))
	if err != nil {
		t.Fatal(err)
	}
	return rig{db, u}
}

// TestAKilledExportLeavesEveryEarlierBackupIntact kills a child that exports over and over
// onto the same file and beside an earlier one: after every kill, both files must still be
// whole backups, and the earlier one byte for byte what it was.
func TestAKilledExportLeavesEveryEarlierBackupIntactSIGKILL(t *testing.T) {
	if crashloop.IsChild("export") {
		r := openRig(t, crashloop.Dir())
		s := r.gather(t)
		crashloop.Ready()
		for i := 0; ; i++ {
			if _, err := backup.WriteFile(filepath.Join(crashloop.Dir(), "latest.age"), s, backupPassphrase, "test", time.Now(), nil); err != nil {
				panic(err)
			}
			crashloop.Report("exported %d", i)
		}
	}
	var earlier [32]byte
	crashloop.Run(t, "export", crashloop.Options{Runs: crashloop.Runs(20), MinLife: time.Millisecond, KillAfter: 300 * time.Millisecond},
		func(dir string) {
			r := newRigIn(t, dir)
			r.fill(t, 300)
			data := export(t, r)
			os.WriteFile(filepath.Join(dir, "earlier.age"), data, 0o600)
			os.WriteFile(filepath.Join(dir, "latest.age"), data, 0o600)
			earlier = sha256.Sum256(data)
		},
		func(run int, dir string, lines []string) {
			data, err := os.ReadFile(filepath.Join(dir, "earlier.age"))
			if err != nil || sha256.Sum256(data) != earlier {
				t.Errorf("run %d: the earlier backup changed: %v", run, err)
			}
			if _, _, err := backup.ReadFile(filepath.Join(dir, "latest.age"), backupPassphrase); err != nil {
				t.Errorf("run %d: the backup being replaced is no longer whole: %v", run, err)
			}
		})
}

// fingerprint sums what the store holds, to tell the old store from the restored one.
func fingerprint(t testing.TB, r rig) string {
	s := r.gather(t)
	var b strings.Builder
	for _, e := range s.Entries {
		fmt.Fprintf(&b, "%s %s %x\n", e.ID, e.UpdatedAt, sha256.Sum256([]byte(e.Body)))
	}
	for _, x := range s.Shared {
		fmt.Fprintf(&b, "%s %d\n", x.ID, x.Clock)
	}
	return fmt.Sprintf("%x", sha256.Sum256([]byte(b.String())))
}

// TestAKilledRestoreLeavesTheOldStoreOrTheNewSIGKILL kills a child that replaces the store
// with one backup and then another, again and again: after every kill the store must be
// exactly one of the two, never a mix.
func TestAKilledRestoreLeavesTheOldStoreOrTheNewSIGKILL(t *testing.T) {
	if crashloop.IsChild("restore") {
		r := openRig(t, crashloop.Dir())
		var snaps []backup.Snapshot
		for _, name := range []string{"a.age", "b.age"} {
			s, _, err := backup.ReadFile(filepath.Join(crashloop.Dir(), name), backupPassphrase)
			if err != nil {
				panic(err)
			}
			snaps = append(snaps, s)
		}
		crashloop.Ready()
		for i := 0; ; i++ {
			if _, err := backup.Apply(ctx, r.db, r.u, snaps[i%2], backup.Replace); err != nil {
				panic(err)
			}
			crashloop.Report("restored %d", i)
		}
	}
	var want []string
	runs, mixed := 0, 0
	crashloop.Run(t, "restore", crashloop.Options{Runs: crashloop.Runs(20), MinLife: time.Millisecond, KillAfter: 400 * time.Millisecond},
		func(dir string) {
			a := newRigIn(t, dir)
			a.fill(t, 200)
			os.WriteFile(filepath.Join(dir, "a.age"), export(t, a), 0o600)
			b := newRig(t)
			b.fill(t, 1500)
			os.WriteFile(filepath.Join(dir, "b.age"), export(t, b), 0o600)
			want = []string{fingerprint(t, a)}
			if _, err := backup.Apply(ctx, a.db, a.u, b.gather(t), backup.Replace); err != nil {
				t.Fatal(err)
			}
			want = append(want, fingerprint(t, a))
			// Start from a, as the child's first restore expects to replace it with a again.
			sa, _, _ := backup.ReadFile(filepath.Join(dir, "a.age"), backupPassphrase)
			backup.Apply(ctx, a.db, a.u, sa, backup.Replace)
			a.db.Close()
		},
		func(run int, dir string, lines []string) {
			runs++
			r := openRig(t, dir)
			if err := r.db.QuickCheck(ctx); err != nil {
				t.Errorf("run %d: %v", run, err)
			}
			if got := fingerprint(t, r); !slices.Contains(want, got) {
				mixed++
				t.Errorf("run %d: the store is neither the old one nor the restored one", run)
			}
			r.db.Close()
		})
	figures.Record("restore_crash_runs", runs)
	figures.Record("restore_crash_mixed", mixed)
}
