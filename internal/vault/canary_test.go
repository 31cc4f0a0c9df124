package vault_test

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// TestCanaryWordsNeverReachTheDisk saves sealed rows holding known words (and edits and
// deletes some, as a person does), locks, closes, and then reads every byte of the data
// folder and of the temp folder SQLite was given: the database, its -wal and -shm, and
// anything else. None of the words, nor the passphrase, may be found. The journal adds
// the same scan over the whole app once it exists (frontend/e2e/canary.e2e.ts).
func TestCanaryWordsNeverReachTheDisk(t *testing.T) {
	dataDir, tmpDir := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmpDir) // where SQLite would put temp files, were temp_store not memory
	canaries := make([]string, 40)
	for i := range canaries {
		canaries[i] = "canary" + hex.EncodeToString(randomBytes(t, 8))
	}
	const passphrase = "canary passphrase plum violin"

	db := testvault.OpenStore(t, dataDir)
	if _, err := db.SQL().Exec(`CREATE TABLE entries (id TEXT PRIMARY KEY, body BLOB NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	u, kit := mustCreate(t, db, passphrase)
	key := u.Key(vault.Journal)
	ids := make([]string, len(canaries))
	for i, word := range canaries {
		ids[i] = uuid.NewString()
		body := fmt.Sprintf("Today I wrote %s and meant it. %s", word, bytes.Repeat([]byte("more words "), 200))
		sealed := key.SealString(vault.Field{Table: "entries", Row: ids[i], Column: "body"}, body)
		if _, err := db.SQL().Exec(`INSERT INTO entries (id, body) VALUES (?, ?)`, ids[i], sealed); err != nil {
			t.Fatal(err)
		}
	}
	// Edit a third and delete a third: old versions must not linger in free pages or the WAL.
	for i := 0; i < len(ids); i += 3 {
		sealed := key.SealString(vault.Field{Table: "entries", Row: ids[i], Column: "body"}, "edited "+canaries[i])
		if _, err := db.SQL().Exec(`UPDATE entries SET body = ? WHERE id = ?`, sealed, ids[i]); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i < len(ids); i += 3 {
		if _, err := db.SQL().Exec(`DELETE FROM entries WHERE id = ?`, ids[i]); err != nil {
			t.Fatal(err)
		}
	}
	recovery := kit.Key.String()
	u.Wipe()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	needles := append([]string{passphrase, recovery}, canaries...)
	scanned := 0
	for _, dir := range []string{dataDir, tmpDir} {
		scanned += scanFor(t, dir, needles...)
	}
	if scanned < 40*1024 {
		t.Fatalf("scanned only %d bytes: the rows never reached the disk, so the scan proves nothing", scanned)
	}
}

// scanFor reads every file under dir and fails the test for each needle one of them holds;
// it returns how many bytes it read.
func scanFor(t *testing.T, dir string, needles ...string) int {
	t.Helper()
	scanned := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		scanned += len(data)
		for _, n := range needles {
			if bytes.Contains(data, []byte(n)) {
				t.Errorf("%s holds %q in plain text", path, n)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return scanned
}

func randomBytes(t *testing.T, n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}
