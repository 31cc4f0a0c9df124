package backup

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/journal"
)

// The read-back check after an export uses the file key it just wrapped: it must open that
// file, and refuse any other file or a damaged copy of it.
func TestTheRememberedFileKeyOpensOnlyTheFileItWrote(t *testing.T) {
	workFactor = 10
	at := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	snap := Snapshot{Entries: []journal.Entry{{ID: "0b1e7e8e-5a8b-4c1c-9a55-3f1f8f8f0001", Date: "2027-01-01", Body: "x", CreatedAt: at, UpdatedAt: at}}}
	write := func() ([]byte, *rememberingRecipient) {
		r, err := newRecipient("passphrase")
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := encode(&buf, snap, r, "test", at, nil); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes(), r
	}
	mine, r := write()
	other, _ := write()
	if _, _, err := decode(bytes.NewReader(mine), r.identity(), true, int64(len(mine))); err != nil {
		t.Fatalf("the file it wrote: %v", err)
	}
	if _, _, err := decode(bytes.NewReader(other), r.identity(), true, int64(len(other))); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("another file: %v", err)
	}
	bad := bytes.Clone(mine)
	bad[len(bad)-10] ^= 1
	if _, _, err := decode(bytes.NewReader(bad), r.identity(), true, int64(len(bad))); !errors.Is(err, ErrDamaged) {
		t.Fatalf("a damaged copy: %v", err)
	}
	r.wipe()
	if _, _, err := decode(bytes.NewReader(mine), r.identity(), true, int64(len(mine))); err == nil {
		t.Fatal("a wiped key still opened the file")
	}
}
