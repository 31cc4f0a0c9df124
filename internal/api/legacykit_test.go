package api_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/store"
)

// TestChangingTheLegacyPassphraseShowsANewKit runs the Settings path on the data file an
// older Goldseam wrote (internal/vault/testdata/legacy-v1.db): before the change the status
// says the kit would be replaced; the change returns the new kit, held like any new kit
// until confirmed; the old kit opens nothing and the new one opens the vault.
func TestChangingTheLegacyPassphraseShowsANewKit(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile("../vault/testdata/legacy-v1.db")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, store.FileName), b, 0o600); err != nil {
		t.Fatal(err)
	}
	oldKit, err := os.ReadFile("../vault/testdata/legacy-v1.kit")
	if err != nil {
		t.Fatal(err)
	}
	r := newVaultRigIn(t, dir)
	if err := r.svc.Unlock("legacy passphrase"); err != nil {
		t.Fatal(err)
	}
	if st := r.state(t); !st.PassphraseChangeReplacesKit || st.KitReplaced {
		t.Fatalf("before the change: %+v", st)
	}
	kit, err := r.svc.ChangePassphrase("legacy passphrase", "a whole new sentence")
	if err != nil {
		t.Fatal(err)
	}
	if kit == nil {
		t.Fatal("the kit was replaced and no new one was shown")
	}
	st := r.state(t)
	if st.PassphraseChangeReplacesKit || !st.KitReplaced || !st.KitPending || st.RecoveryConfirmed || st.KitID != kit.KitID {
		t.Fatalf("after the change: %+v", st)
	}
	if again, err := r.svc.RecoveryKit(); err != nil || again.KitID != kit.KitID {
		t.Fatalf("the new kit is not waiting to be confirmed: %+v %v", again, err)
	}
	if err := r.svc.ConfirmRecoveryKit(kit.Groups[kit.Check[0]-1], kit.Groups[kit.Check[1]-1]); err != nil {
		t.Fatal(err)
	}
	if st := r.state(t); st.KitReplaced || !st.RecoveryConfirmed {
		t.Fatalf("after confirming: %+v", st)
	}
	r.svc.Lock()
	wantCode(t, r.svc.UnlockWithRecoveryKey(strings.TrimSpace(string(oldKit))), apperr.WrongPassphrase)
	if err := r.svc.UnlockWithRecoveryKey(strings.Join(kit.Groups, "-")); err != nil {
		t.Fatalf("the new kit: %v", err)
	}
}

// TestAChangeThatKeepsTheKitShowsNone: a vault made today keeps its kit at a passphrase change.
func TestAChangeThatKeepsTheKitShowsNone(t *testing.T) {
	r := newVaultRig(t)
	r.create(t)
	if st := r.state(t); st.PassphraseChangeReplacesKit {
		t.Fatalf("a vault made today says its kit would be replaced: %+v", st)
	}
	kit, err := r.svc.ChangePassphrase(passphrase, "a whole new sentence")
	if err != nil || kit != nil {
		t.Fatalf("%+v %v", kit, err)
	}
	if st := r.state(t); st.KitReplaced || !st.RecoveryConfirmed || st.KitPending {
		t.Fatalf("after the change: %+v", st)
	}
}
