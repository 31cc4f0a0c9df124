package backup_test

import (
	"archive/tar"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/goldseam/goldseam/internal/backup"
)

// TestTheStockAgeCommandOpensABackup decrypts an exported backup with Debian's `age`, typing
// the passphrase into its terminal prompt through a pseudo-terminal, and reads the payload
// with nothing but archive/tar and encoding/json, as docs/backup-format.md describes it.
func TestTheStockAgeCommandOpensABackup(t *testing.T) {
	ageBin, err := exec.LookPath("age")
	if err != nil {
		t.Fatal("the age command is not installed (scripts/deps.sh installs the Debian package)")
	}
	r := newRig(t)
	r.fill(t, 25)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "backup.age"), filepath.Join(dir, "payload.tar")
	if _, err := backup.WriteFile(in, r.gather(t), backupPassphrase, "test", time.Now(), nil); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(ageBin, "--decrypt", "--output", out, in)
	tty, err := pty.Start(cmd) // age reads a passphrase only from a terminal
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	prompt := make(chan error, 1)
	go func() {
		br := bufio.NewReader(tty)
		var seen strings.Builder
		for !strings.Contains(seen.String(), "passphrase") {
			b, err := br.ReadByte()
			if err != nil {
				prompt <- err
				return
			}
			seen.WriteByte(b)
		}
		_, err := io.WriteString(tty, backupPassphrase+"\n")
		prompt <- err
		io.Copy(io.Discard, br)
	}()
	select {
	case err := <-prompt:
		if err != nil {
			t.Fatalf("age never asked for the passphrase: %v", err)
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("age never asked for the passphrase")
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("age --decrypt failed: %v", err)
	}

	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tr := tar.NewReader(f)
	files := map[string][]byte{}
	var order []string
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(tr)
		files[hdr.Name] = data
		order = append(order, hdr.Name)
	}
	if order[0] != "manifest.json" {
		t.Fatalf("the payload starts with %s, not manifest.json", order[0])
	}
	var m struct {
		Format int `json:"format"`
		Parts  []struct {
			Name    string `json:"name"`
			Records int    `json:"records"`
			Bytes   int    `json:"bytes"`
			SHA256  string `json:"sha256"`
		} `json:"parts"`
	}
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil || m.Format != 2 {
		t.Fatalf("manifest %s: %v", files["manifest.json"], err)
	}
	want := []string{"journal.jsonl", "profile.json", "step_states.jsonl", "exercise_records.jsonl", "shared.jsonl", "shared_changes.jsonl"}
	for i, p := range m.Parts {
		sum := sha256.Sum256(files[p.Name])
		if p.Name != want[i] || hex.EncodeToString(sum[:]) != p.SHA256 || len(files[p.Name]) != p.Bytes {
			t.Fatalf("part %d: %+v does not match the file", i, p)
		}
		if strings.HasSuffix(p.Name, ".jsonl") && bytes.Count(files[p.Name], []byte("\n")) != p.Records {
			t.Fatalf("%s: %d lines, manifest says %d", p.Name, bytes.Count(files[p.Name], []byte("\n")), p.Records)
		}
	}
	// One journal line, read with the field names the format page gives.
	var first struct {
		ID, Date, Title, Body string
		Mood                  int
		CreatedAt, UpdatedAt  time.Time
	}
	line, _, _ := bytes.Cut(files["journal.jsonl"], []byte("\n"))
	if err := json.Unmarshal(line, &first); err != nil || first.ID == "" || first.Date == "" || first.CreatedAt.IsZero() {
		t.Fatalf("journal line %s: %v", line, err)
	}
	// One change of the shared space, read the same way: its canonical header and signature
	// are base64, its value plain JSON text.
	var change struct {
		ID, Record, Kind, Field, Device, Value string
		Clock                                  int64
		Header, Signature, PublicKey           []byte
		Person                                 struct{ Role, Name string }
	}
	line, _, _ = bytes.Cut(files["shared_changes.jsonl"], []byte("\n"))
	if err := json.Unmarshal(line, &change); err != nil || change.ID == "" || change.Clock != 1 || len(change.Signature) != 64 ||
		len(change.PublicKey) != 32 || change.Person.Name == "" || !json.Valid([]byte(change.Value)) {
		t.Fatalf("change line %s: %v", line, err)
	}
	var profile struct{ Role, MyName string }
	if err := json.Unmarshal(files["profile.json"], &profile); err != nil || profile.MyName != "Sam" {
		t.Fatalf("profile %s: %v", files["profile.json"], err)
	}
}
