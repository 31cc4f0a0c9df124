package main

import (
	"bufio"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/creack/pty"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/testkit/journalgen"
)

const benchBackupPassphrase = "bench backup passphrase"

// backupSuite exports a 10,000-entry journal through the Backup service at the real work
// factor (gather, encrypt, sync, read back and verify), restores it into a new vault, and
// times the stock `age -e -p` on a payload of the same size in the same run.
func backupSuite(cfg config) ([]figure, error) {
	dir, err := os.MkdirTemp("", "goldseam-bench-backup-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	from, err := newBenchVault(mkdir(dir, "from"))
	if err != nil {
		return nil, err
	}
	defer from.close()
	generated := journalgen.Make(journalgen.Options{Entries: 10_000, Seed: 10})
	if err := from.fillJournal(generated); err != nil {
		return nil, err
	}
	exporter := api.NewBackupFiles(quietHost{}, from.db, from.session)
	file := filepath.Join(dir, "backup.age")
	var exports, imports, ages []time.Duration
	for i := 0; i < cfg.runs; i++ {
		start := time.Now()
		if _, err := exporter.ExportTo(file, benchBackupPassphrase); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		exports = append(exports, time.Since(start))

		to, err := newBenchVault(mkdir(dir, fmt.Sprint("to-", i)))
		if err != nil {
			return nil, err
		}
		importer := api.NewBackupFiles(quietHost{}, to.db, to.session)
		start = time.Now()
		_, err = importer.Restore(file, benchBackupPassphrase, "replace")
		imports = append(imports, time.Since(start))
		to.close()
		if err != nil {
			return nil, fmt.Errorf("restore: %w", err)
		}

		took, err := stockAgeEncrypt(dir, file)
		if err != nil {
			return nil, fmt.Errorf("stock age: %w", err)
		}
		ages = append(ages, took)
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	exportMs, importMs, ageMs := median(exports, ms), median(imports, ms), median(ages, ms)
	info, _ := os.Stat(file)
	size := fmt.Sprintf("%.1f MB", float64(info.Size())/1e6)
	return []figure{
		{"export_10k_ms", exportMs, "ms", "", "",
			"Backup service, 10,000 generated entries (" + size + "): gather and decrypt, build the tar, encrypt with age at work factor 18, fsync, read back, decrypt and verify every part, rename, fsync the folder; median of the runs."},
		{"import_10k_ms", importMs, "ms", "", "",
			"Restoring that backup into a new, empty vault (replace): scrypt, decrypt, verify every part, re-seal and write every record in one transaction; median."},
		{"export_age_ratio", exportMs / ageMs, "ratio", "<= 1.5", fmt.Sprintf("stock `age -e -p` (Debian), same payload size, work factor 18: %.0f ms", ageMs),
			"export_10k_ms over the time the stock age command takes to encrypt a file of the same size with a passphrase (typed into its prompt through a pseudo-terminal), same run."},
	}, nil
}

// stockAgeEncrypt times Debian's age encrypting random bytes the size of like with a
// passphrase, answering its two prompts through a pseudo-terminal.
func stockAgeEncrypt(dir, like string) (time.Duration, error) {
	info, err := os.Stat(like)
	if err != nil {
		return 0, err
	}
	in, out := filepath.Join(dir, "payload.bin"), filepath.Join(dir, "payload.age")
	f, err := os.Create(in)
	if err != nil {
		return 0, err
	}
	if _, err := io.CopyN(f, rand.Reader, info.Size()); err != nil {
		f.Close()
		return 0, err
	}
	f.Close()
	os.Remove(out)
	cmd := exec.Command("age", "--encrypt", "--passphrase", "--output", out, in)
	start := time.Now()
	tty, err := pty.Start(cmd)
	if err != nil {
		return 0, err
	}
	defer tty.Close()
	go func() {
		br := bufio.NewReader(tty)
		var seen strings.Builder
		answered := 0
		for answered < 2 {
			b, err := br.ReadByte()
			if err != nil {
				return
			}
			seen.WriteByte(b)
			if strings.HasSuffix(strings.ToLower(seen.String()), "passphrase:") || strings.HasSuffix(seen.String(), "one):") {
				io.WriteString(tty, benchBackupPassphrase+"\n")
				answered++
				seen.Reset()
			}
		}
		io.Copy(io.Discard, br)
	}()
	if err := cmd.Wait(); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

func mkdir(parent, name string) string {
	dir := filepath.Join(parent, name)
	os.MkdirAll(dir, 0o700)
	return dir
}
