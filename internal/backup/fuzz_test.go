package backup_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/goldseam/goldseam/internal/backup"
)

// FuzzDecode reads arbitrary bytes as a backup, as a damaged disk or a crafted file would
// present them: no panic, and every refusal is one of the reasons a person can be told.
// testdata/fuzz/FuzzDecode holds the committed seeds: a real backup (passphrase "fuzz") and
// pieces of one.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("age-encryption.org/v1\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _, err := backup.Decode(bytes.NewReader(data), "fuzz")
		if err != nil && !errors.Is(err, backup.ErrDamaged) && !errors.Is(err, backup.ErrWrongPassphrase) &&
			!errors.Is(err, backup.ErrNotABackup) && !errors.Is(err, backup.ErrNewerFormat) {
			t.Fatalf("refused without a reason for people: %v", err)
		}
	})
}
