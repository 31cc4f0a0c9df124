package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// quietHost is a window that is not there: the vault suite runs the services without one.
type quietHost struct{}

func (quietHost) OpenURL(string)                          {}
func (quietHost) Emit(string, any)                        {}
func (quietHost) SaveFile(string, string) (string, error) { return "", nil }
func (quietHost) SetTitle(string)                         {}
func (quietHost) Hide()                                   {}
func (quietHost) Print()                                  {}
func (quietHost) OpenFile(string) (string, error)         { return "", nil }
func (quietHost) ChooseFolder(string) (string, error)     { return "", nil }

const benchPassphrase = "measured walnut evening harbour"

// benchVault is a real vault in a temp folder, made through the service the interface
// calls, with the KDF calibrated on this machine, unlocked and with its kit confirmed.
type benchVault struct {
	db      *store.DB
	session *session.Session
	vault   *api.Vault
	journal *api.Journal
}

func newBenchVault(dir string) (*benchVault, error) {
	path := filepath.Join(dir, store.FileName)
	db, err := store.Open(context.Background(), path)
	if err != nil {
		return nil, err
	}
	sess := session.New(db, nil)
	b := &benchVault{db: db, session: sess, vault: api.NewVault(quietHost{}, path, db, nil, sess), journal: api.NewJournal(db, sess, nil)}
	kit, err := b.vault.Create(benchPassphrase)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("create vault: %w", err)
	}
	if err := b.vault.ConfirmRecoveryKit(kit.Groups[kit.Check[0]-1], kit.Groups[kit.Check[1]-1]); err != nil {
		db.Close()
		return nil, fmt.Errorf("confirm kit: %w", err)
	}
	return b, nil
}

// tempBenchVault is newBenchVault in a new temporary folder; done closes the vault and
// removes the folder.
func tempBenchVault(prefix string) (b *benchVault, done func(), err error) {
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return nil, nil, err
	}
	if b, err = newBenchVault(dir); err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return b, func() { b.close(); os.RemoveAll(dir) }, nil
}

// fillJournal saves entries into b's journal in one transaction, as an import would.
func (b *benchVault) fillJournal(entries []journal.Entry) error {
	err := b.session.WithKeys(func(u *vault.Unlocked) error {
		return journal.NewEntries(b.db).SaveMany(context.Background(), u.Key(vault.Journal), entries)
	})
	if err != nil {
		return fmt.Errorf("fill journal: %w", err)
	}
	return nil
}

func (b *benchVault) close() {
	b.vault.Lock()
	b.db.Close()
}

// vaultSuite makes a real vault with the KDF calibrated on this machine, through the same
// service the interface calls, then measures unlocking it (passphrase in, to the first
// answer read from the unlocked data) and sealing fields with its journal key.
func vaultSuite(cfg config) ([]figure, error) {
	dir, err := os.MkdirTemp("", "goldseam-bench-vault-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	b, err := newBenchVault(dir)
	if err != nil {
		return nil, err
	}
	defer b.close()
	db, sess, svc := b.db, b.session, b.vault
	status, err := vault.ReadStatus(ctx, db)
	if err != nil {
		return nil, err
	}

	var unlocks []float64
	for i := 0; i < cfg.runs; i++ {
		svc.Lock()
		start := time.Now()
		if err := svc.Unlock(benchPassphrase); err != nil {
			return nil, fmt.Errorf("unlock: %w", err)
		}
		if st, err := svc.Status(); err != nil || st.State != "unlocked" {
			return nil, fmt.Errorf("after unlock: %+v %v", st, err)
		}
		unlocks = append(unlocks, float64(time.Since(start).Microseconds())/1000)
	}
	sort.Float64s(unlocks)

	var key *vault.ContentKey
	if err := sess.WithKeys(func(u *vault.Unlocked) error { key = u.Key(vault.Journal); return nil }); err != nil {
		return nil, err
	}
	const size = 64 << 10
	plain := make([]byte, size)
	field := vault.Field{Table: "entries", Row: "0b5e2a1c-bench", Column: "body"}
	seal := testing.Benchmark(func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			key.Seal(field, plain)
		}
	})
	sealMBs := float64(seal.Bytes) * float64(seal.N) / seal.T.Seconds() / 1e6

	p := status.Params
	kdf := fmt.Sprintf("Argon2id t=%d, m=%d MiB, p=%d as calibrated on this machine", p.Time, p.MemoryKiB/1024, p.Threads)
	return []figure{
		{"unlock_ms", unlocks[len(unlocks)/2], "ms", "<= 1000", "",
			fmt.Sprintf("Vault.Unlock with the passphrase until Vault.Status answers from the open vault; %s; median of %d", kdf, cfg.runs)},
		{"kdf_memory_mib", float64(p.MemoryKiB) / 1024, "MiB", ">= 64", "", "the Argon2id memory chosen at vault creation (largest of 256/128/64 MiB taking at most 1 s)"},
		{"seal_mb_s", sealMBs, "MB/s", "", "", "XChaCha20-Poly1305 sealing of 64 KiB fields with the journal key, one goroutine (one core), testing.Benchmark"},
	}, nil
}
