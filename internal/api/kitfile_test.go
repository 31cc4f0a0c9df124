package api_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/session"
)

// lockingHost is the save dialog of a person who walked away: Goldseam locks (here, on
// idle) while the dialog is open, and then they choose a place and press Save.
type lockingHost struct {
	*recordingHost
	lock func()
}

func (h *lockingHost) SaveFile(title, name string) (string, error) {
	if h.lock != nil {
		h.lock()
	}
	return h.recordingHost.SaveFile(title, name)
}

// TestALockWhileTheKitDialogIsOpenSavesNoKit: before, the kit was written with its key
// already wiped (all zero groups) and the save reported success.
func TestALockWhileTheKitDialogIsOpenSavesNoKit(t *testing.T) {
	r := newVaultRig(t)
	locking := &lockingHost{recordingHost: r.host}
	svc := api.NewVault(locking, r.path, r.db, nil, r.session)
	r.svc = svc
	if _, err := svc.Create(passphrase); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "kit.txt")
	r.host.savePath = path
	locking.lock = func() { r.session.Lock(session.Idle) }
	got, err := svc.SaveRecoveryKit()
	if err == nil {
		text, _ := os.ReadFile(path)
		t.Fatalf("a lock during the dialog still saved %q and said so:\n%s", got, text)
	}
	wantCode(t, err, apperr.Locked)
	if !strings.Contains(apperr.MessageOf(err), "not saved") {
		t.Fatalf("the refusal does not say the kit was not saved: %q", apperr.MessageOf(err))
	}
	if _, statErr := os.Lstat(path); !os.IsNotExist(statErr) {
		t.Fatalf("a file was written at %s: %v", path, statErr)
	}
	if r.state(t).RecoveryConfirmed || r.state(t).KitPending {
		t.Fatal("the unsaved kit still counts as pending or confirmed")
	}
}

// TestTheKitFileReplacesWhatIsThereWithoutWritingThroughIt: the kit goes to a new 0600 file
// renamed into place, so a symlink planted at the chosen name is replaced rather than
// followed, and another hard link to an existing file keeps its old bytes.
func TestTheKitFileReplacesWhatIsThereWithoutWritingThroughIt(t *testing.T) {
	r := newVaultRig(t)
	kit, err := r.svc.Create(passphrase)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	elsewhere := filepath.Join(t.TempDir(), "shared-notes.txt")
	if err := os.WriteFile(elsewhere, []byte("someone else's file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "kit-link.txt")
	if err := os.Symlink(elsewhere, link); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "kit-old.txt")
	other := filepath.Join(dir, "other-name.txt")
	if err := os.WriteFile(old, []byte("an earlier file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(old, other); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{link, old} {
		r.host.savePath = target
		if _, err := r.svc.SaveRecoveryKit(); err != nil {
			t.Fatalf("save to %s: %v", filepath.Base(target), err)
		}
		info, err := os.Lstat(target)
		if err != nil {
			t.Fatal(err)
		}
		if !info.Mode().IsRegular() || info.Mode().Perm() != 0o600 {
			t.Fatalf("%s is %v after the save, want a regular file 0600", filepath.Base(target), info.Mode())
		}
		text, _ := os.ReadFile(target)
		if !strings.Contains(string(text), strings.Join(kit.Groups, " ")) {
			t.Fatalf("%s does not hold the key", filepath.Base(target))
		}
	}
	for path, want := range map[string]string{elsewhere: "someone else's file\n", other: "an earlier file\n"} {
		if got, _ := os.ReadFile(path); string(got) != want {
			t.Fatalf("the kit was written through to %s: %q", filepath.Base(path), got)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(leftovers) > 0 {
		t.Fatalf("temporary files were left: %v", leftovers)
	}
}
