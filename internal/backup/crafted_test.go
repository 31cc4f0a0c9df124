package backup_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"filippo.io/age"
)

// The crafted backups: each a real age file locked with the backup passphrase (so every one
// reaches the tar inside, the worst case: the attacker knows the passphrase they chose),
// holding something built to cost memory or time. crafted_test_memory.go measures them.

// ustar is one 512-byte tar header block, checksum included.
func ustar(name string, typeflag byte, size int64) []byte {
	b := make([]byte, 512)
	copy(b[0:100], name)
	copy(b[100:108], "0000600\x00")
	copy(b[108:116], "0000000\x00")
	copy(b[116:124], "0000000\x00")
	copy(b[124:136], fmt.Sprintf("%011o\x00", size))
	copy(b[136:148], "00000000000\x00")
	b[156] = typeflag
	copy(b[257:265], "ustar\x0000")
	checksum(b)
	return b
}

// checksum writes a header block's checksum, counting its own field as spaces.
func checksum(b []byte) {
	copy(b[148:156], "        ")
	sum := 0
	for _, c := range b {
		sum += int(c)
	}
	copy(b[148:156], fmt.Sprintf("%06o\x00 ", sum))
}

// padded is data filled up to whole 512-byte blocks.
func padded(data []byte) []byte {
	out := append([]byte{}, data...)
	if r := len(out) % 512; r != 0 {
		out = append(out, make([]byte, 512-r)...)
	}
	return out
}

// paxRecords is the body of a PAX extended header.
func paxRecords(kv ...string) []byte {
	var b bytes.Buffer
	for i := 0; i < len(kv); i += 2 {
		rec := " " + kv[i] + "=" + kv[i+1] + "\n"
		n := len(rec)
		for n != len(strconv.Itoa(n))+len(rec) {
			n = len(strconv.Itoa(n)) + len(rec)
		}
		b.WriteString(strconv.Itoa(n) + rec)
	}
	return b.Bytes()
}

// entry is one regular tar entry with its data.
func entry(name string, data []byte) []byte {
	return append(ustar(name, '0', int64(len(data))), padded(data)...)
}

// manifestFor lists parts whose bytes are exactly data, so the digests hold.
func manifestFor(parts map[string][]byte, records map[string]int) []byte {
	type part struct {
		Name    string `json:"name"`
		Records int    `json:"records"`
		Bytes   int64  `json:"bytes"`
		SHA256  string `json:"sha256"`
	}
	m := struct {
		Format int    `json:"format"`
		App    string `json:"app"`
		Parts  []part `json:"parts"`
	}{Format: 1, App: "Goldseam"}
	for name, data := range parts {
		sum := sha256.Sum256(data)
		m.Parts = append(m.Parts, part{name, records[name], int64(len(data)), hex.EncodeToString(sum[:])})
	}
	out, _ := json.Marshal(m)
	return out
}

// sealed locks a raw tar stream (already ended, or not) with the backup passphrase.
func sealed(t testing.TB, payload ...[]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	r, err := age.NewScryptRecipient(backupPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	r.SetWorkFactor(10)
	enc, err := age.Encrypt(&buf, r)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range payload {
		enc.Write(p)
	}
	enc.Write(make([]byte, 1024)) // the two zero blocks that end a tar
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withWorkFactor rewrites the scrypt stanza's work factor. The header's MAC no longer
// matches, but a reader must refuse the work factor before doing any of that work.
func withWorkFactor(t testing.TB, file []byte, logN int) []byte {
	t.Helper()
	out := bytes.Replace(file, []byte(" 10\n"), []byte(" "+strconv.Itoa(logN)+"\n"), 1)
	if bytes.Equal(out, file) {
		t.Fatal("no scrypt stanza with work factor 10")
	}
	return out
}

type crafted struct {
	name string
	file []byte
}

// craftedBackups is the whole set.
func craftedBackups(t testing.TB) []crafted {
	const realSize = 600_000_000 // 572 MiB of zeros from a sparse entry holding no data
	journal := []byte(`{"id":"x"}` + "\n")
	okManifest := manifestFor(map[string][]byte{"journal.jsonl": journal}, map[string]int{"journal.jsonl": 1})
	sparse01 := paxRecords("GNU.sparse.major", "0", "GNU.sparse.minor", "1", "GNU.sparse.name", "journal.jsonl",
		"GNU.sparse.size", strconv.Itoa(realSize), "GNU.sparse.numblocks", "1", "GNU.sparse.map", "0,0")
	paxSparse := append(ustar("PaxHeaders/journal.jsonl", 'x', int64(len(sparse01))), padded(sparse01)...)
	paxSparse = append(paxSparse, ustar("journal.jsonl", '0', 0)...)
	bigManifest := manifestFor(map[string][]byte{"journal.jsonl": nil}, nil)
	bigManifest = bytes.Replace(bigManifest, []byte(`"bytes":0`), []byte(`"bytes":`+strconv.Itoa(realSize)), 1)

	oldSparse := ustar("journal.jsonl", 'S', 0)
	copy(oldSparse[257:265], "ustar  \x00")                      // the GNU magic
	copy(oldSparse[483:495], fmt.Sprintf("%011o\x00", realSize)) // realsize
	copy(oldSparse[386:398], "00000000000\x00")                  // one empty data run
	copy(oldSparse[398:410], "00000000000\x00")
	checksum(oldSparse)

	var many bytes.Buffer
	many.Write(entry("manifest.json", okManifest))
	for i := range 20_000 {
		many.Write(entry(fmt.Sprintf("extra-%05d.jsonl", i), []byte("{}\n")))
	}

	deep := `{"format":1,"app":` + strings.Repeat("[", 200_000) + strings.Repeat("]", 200_000) + `,"parts":[]}`
	line := []byte(`{"id":"x","body":"` + strings.Repeat("a", 4<<20) + `"}`)
	lineManifest := manifestFor(map[string][]byte{"journal.jsonl": line}, map[string]int{"journal.jsonl": 1})
	hugeCounts := bytes.Replace(okManifest, []byte(`"records":1,"bytes":11`), []byte(`"records":4611686018427387904,"bytes":4611686018427387904`), 1)

	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(entry("manifest.json", okManifest))
	zw.Write(make([]byte, 64<<20)) // 64 MiB of zeros, if anything inflated it
	zw.Close()

	var tarred bytes.Buffer
	tw := tar.NewWriter(&tarred)
	tw.WriteHeader(&tar.Header{Name: "manifest.json", Mode: 0o600, Size: int64(len(okManifest))})
	tw.Write(okManifest)
	tw.Flush()
	cheap := sealed(t, tarred.Bytes(), entry("journal.jsonl", journal))

	return []crafted{
		{"a sparse entry after the manifest (PAX 0.1, 572 MiB of holes)", sealed(t, entry("manifest.json", bigManifest), paxSparse)},
		{"a sparse entry first", sealed(t, paxSparse)},
		{"a sparse entry the manifest lists as empty", sealed(t, entry("manifest.json", manifestFor(map[string][]byte{"journal.jsonl": nil}, nil)), paxSparse)},
		{"an old GNU sparse entry", sealed(t, entry("manifest.json", okManifest), oldSparse)},
		{"a part declaring 3 GiB it does not hold", sealed(t, entry("manifest.json", okManifest), ustar("journal.jsonl", '0', 3<<30), padded(journal))},
		{"a manifest declaring 2 GiB", sealed(t, ustar("manifest.json", '0', 2<<30), padded(okManifest))},
		{"20,000 entries", sealed(t, many.Bytes())},
		{"a symlink entry", sealed(t, entry("manifest.json", okManifest), ustar("journal.jsonl", '2', 0))},
		{"a directory entry", sealed(t, ustar("journal.jsonl/", '5', 0))},
		{"an unknown part name", sealed(t, entry("manifest.json", okManifest), entry("../../etc/passwd", journal))},
		{"scrypt work factor 21", withWorkFactor(t, cheap, 21)},
		{"scrypt work factor 22", withWorkFactor(t, cheap, 22)},
		{"a manifest nested 200,000 deep", sealed(t, entry("manifest.json", []byte(deep)))},
		{"one JSON line of 4 MiB", sealed(t, entry("manifest.json", lineManifest), entry("journal.jsonl", line))},
		{"a manifest claiming 2^62 records and bytes", sealed(t, entry("manifest.json", hugeCounts), entry("journal.jsonl", journal))},
		{"a gzip stream where the tar should be (64 MiB inflated)", sealed(t, gz.Bytes())},
	}
}
