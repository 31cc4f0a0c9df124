package backup_test

import (
	"archive/tar"
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"

	"filippo.io/age"

	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/testkit/figures"
)

// TestEveryFlippedOrTruncatedBackupIsRefused damages a real backup a thousand ways (one bit
// flipped at a random place, or cut at a random length) and tries to restore each: every one
// must be refused, none may panic, and the store must be exactly as it was.
func TestEveryFlippedOrTruncatedBackupIsRefused(t *testing.T) {
	from := newRig(t)
	from.fill(t, 30)
	file := export(t, from)
	target := newRig(t)
	target.fill(t, 10)
	before := target.gather(t)

	rng := rand.New(rand.NewPCG(1, 2))
	trials, accepted := 0, 0
	for i := 0; i < 1000; i++ {
		var bad []byte
		if i%2 == 0 {
			bad = bytes.Clone(file)
			pos := rng.IntN(len(bad))
			bad[pos] ^= 1 << rng.IntN(8)
		} else {
			bad = file[:rng.IntN(len(file))]
		}
		trials++
		s, _, err := backup.Decode(bytes.NewReader(bad), backupPassphrase)
		if err == nil {
			accepted++
			backup.Apply(ctx, target.db, target.u, s, backup.Replace)
			continue
		}
		if !errors.Is(err, backup.ErrDamaged) && !errors.Is(err, backup.ErrWrongPassphrase) && !errors.Is(err, backup.ErrNotABackup) {
			t.Errorf("trial %d was refused without a reason a person can be given: %v", i, err)
		}
	}
	figures.Record("tamper_trials", trials)
	figures.Record("tamper_accepted", accepted)
	if accepted > 0 {
		t.Fatalf("%d of %d damaged backups were accepted", accepted, trials)
	}
	if diff := same(before, target.gather(t)); diff != "" {
		t.Fatalf("the store changed: %s", diff)
	}
}

// rawBackup locks a tar of files with the backup passphrase, the way a newer Goldseam or a
// hand-made file might.
func rawBackup(t *testing.T, files map[string]string, order ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	r, _ := age.NewScryptRecipient(backupPassphrase)
	r.SetWorkFactor(10)
	enc, err := age.Encrypt(&buf, r)
	if err != nil {
		t.Fatal(err)
	}
	tw := tar.NewWriter(enc)
	for _, name := range order {
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(files[name]))})
		tw.Write([]byte(files[name]))
	}
	tw.Close()
	enc.Close()
	return buf.Bytes()
}

func TestANewerOrHandMadeBackupIsRefusedBeforeAnythingChanges(t *testing.T) {
	newer := rawBackup(t, map[string]string{"manifest.json": `{"format": 3, "app": "Goldseam", "parts": []}`}, "manifest.json")
	if _, m, err := backup.Decode(bytes.NewReader(newer), backupPassphrase); !errors.Is(err, backup.ErrNewerFormat) || m.Format != 3 {
		t.Fatalf("a format 3 backup: %v", err)
	}
	noLog := rawBackup(t, map[string]string{"manifest.json": `{"format": 2, "app": "Goldseam", "parts": []}`}, "manifest.json")
	if _, _, err := backup.Decode(bytes.NewReader(noLog), backupPassphrase); !errors.Is(err, backup.ErrDamaged) {
		t.Fatalf("a format 2 backup without its change log: %v", err)
	}
	changesInFormat1 := rawBackup(t, map[string]string{
		"manifest.json":        `{"format": 1, "app": "Goldseam", "parts": [{"name":"shared_changes.jsonl","records":0,"bytes":0,"sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}]}`,
		"shared_changes.jsonl": "",
	}, "manifest.json", "shared_changes.jsonl")
	if _, _, err := backup.Decode(bytes.NewReader(changesInFormat1), backupPassphrase); !errors.Is(err, backup.ErrDamaged) {
		t.Fatalf("a format 1 backup with a part only format 2 defines: %v", err)
	}
	extra := rawBackup(t, map[string]string{
		"manifest.json": `{"format": 1, "app": "Goldseam", "parts": []}`,
		"journal.jsonl": `{"id":"x"}` + "\n",
	}, "manifest.json", "journal.jsonl")
	if _, _, err := backup.Decode(bytes.NewReader(extra), backupPassphrase); !errors.Is(err, backup.ErrDamaged) {
		t.Fatalf("a part the manifest does not list: %v", err)
	}
	noManifest := rawBackup(t, map[string]string{"journal.jsonl": ""}, "journal.jsonl")
	if _, _, err := backup.Decode(bytes.NewReader(noManifest), backupPassphrase); !errors.Is(err, backup.ErrDamaged) {
		t.Fatalf("no manifest first: %v", err)
	}
}
