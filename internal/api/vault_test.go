package api_test

import (
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	os.Exit(m.Run())
}

const passphrase = "lantern orchard quietly 42"

type vaultRig struct {
	svc     *api.Vault
	host    *recordingHost
	session *session.Session
	db      *store.DB
	path    string
}

// newVaultRig opens a real data file in a temp dir, the way App does.
func newVaultRig(t *testing.T) *vaultRig {
	t.Helper()
	return newVaultRigIn(t, t.TempDir())
}

// newVaultRigIn is newVaultRig with the data file in dir.
func newVaultRigIn(t *testing.T, dir string) *vaultRig {
	t.Helper()
	path, db := testvault.Path(dir), testvault.OpenStore(t, dir)
	h := &recordingHost{}
	s := session.New(db, nil)
	s.OnLock(func(r session.Reason) { h.Emit("vault:locked", string(r)) })
	return &vaultRig{svc: api.NewVault(h, path, db, nil, s), host: h, session: s, db: db, path: path}
}

func (r *vaultRig) state(t *testing.T) api.VaultStatus {
	t.Helper()
	st, err := r.svc.Status()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// create makes the vault and finishes its kit, returning the recovery key.
func (r *vaultRig) create(t *testing.T) string {
	t.Helper()
	kit, err := r.svc.Create(passphrase)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.svc.ConfirmRecoveryKit(kit.Groups[kit.Check[0]-1], kit.Groups[kit.Check[1]-1]); err != nil {
		t.Fatal(err)
	}
	return strings.Join(kit.Groups, "-")
}

func wantCode(t *testing.T, err error, code apperr.Code) {
	t.Helper()
	if apperr.CodeOf(err) != code {
		t.Fatalf("got %v, want code %s", err, code)
	}
	if apperr.MessageOf(err) == "" {
		t.Fatalf("%v has no message for people", err)
	}
}

func TestFirstRunMakesTheVaultAndAsksForTheKitBack(t *testing.T) {
	r := newVaultRig(t)
	if st := r.state(t); st.State != "new" || st.AutoLockMinutes != 5 {
		t.Fatalf("fresh folder: %+v", st)
	}
	kit, err := r.svc.Create(passphrase)
	if err != nil {
		t.Fatal(err)
	}
	if len(kit.Groups) != vault.Groups || kit.KitID == "" || kit.Check[0] == kit.Check[1] ||
		kit.Check[0] < 1 || kit.Check[1] > vault.Groups {
		t.Fatalf("kit view: %+v", kit)
	}
	st := r.state(t)
	if st.State != "unlocked" || st.RecoveryConfirmed || !st.KitPending || st.KitID != kit.KitID {
		t.Fatalf("after create: %+v", st)
	}
	if _, err := r.svc.Create(passphrase); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("second create: %v", err)
	}

	a, b := kit.Groups[kit.Check[0]-1], kit.Groups[kit.Check[1]-1]
	wantCode(t, r.svc.ConfirmRecoveryKit(b, a), apperr.Invalid)
	wantCode(t, r.svc.ConfirmRecoveryKit(a, ""), apperr.Invalid)
	// Typed as a person might: lower case, with an O for a zero and a stray space.
	sloppy := func(g string) string { return strings.ToLower(strings.ReplaceAll(g, "0", "O")) + " " }
	if err := r.svc.ConfirmRecoveryKit(sloppy(a), sloppy(b)); err != nil {
		t.Fatal(err)
	}
	if st := r.state(t); !st.RecoveryConfirmed || st.KitPending {
		t.Fatalf("after confirming: %+v", st)
	}
	if _, err := r.svc.RecoveryKit(); apperr.CodeOf(err) != apperr.NotFound {
		t.Fatalf("kit still shown after confirming: %v", err)
	}
}

func TestWeakOrOddPassphrasesAreRefusedWithAReason(t *testing.T) {
	r := newVaultRig(t)
	for name, p := range map[string]string{
		"empty": "", "short": "short", "a short word in spaces": "        spaces  ",
		"over 1,024 bytes": strings.Repeat("x", 1025), "not UTF-8": "bad\xffbytes and more",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := r.svc.Create(p)
			wantCode(t, err, apperr.Invalid)
		})
	}
	if st := r.state(t); st.State != "new" {
		t.Fatalf("a refused passphrase made a vault: %+v", st)
	}
}

func TestLockDropsTheKitAndRefusesDataUntilUnlocked(t *testing.T) {
	r := newVaultRig(t)
	if _, err := r.svc.Create(passphrase); err != nil {
		t.Fatal(err)
	}
	if err := r.svc.Lock(); err != nil {
		t.Fatal(err)
	}
	if st := r.state(t); st.State != "locked" || st.KitPending {
		t.Fatalf("after lock: %+v", st)
	}
	if !slices.Contains(r.host.Events(), "vault:locked") {
		t.Fatalf("the interface was not told: %v", r.host.Events())
	}
	_, err := r.svc.RecoveryKit()
	wantCode(t, err, apperr.Locked)
	_, err = r.svc.SaveRecoveryKit()
	wantCode(t, err, apperr.Locked)
	wantCode(t, r.svc.SetAutoLock(10), apperr.Locked)
	wantCode(t, errOnly(r.svc.ChangePassphrase(passphrase, "a whole new sentence")), apperr.Locked)

	if err := r.svc.Unlock(passphrase); err != nil {
		t.Fatal(err)
	}
	if st := r.state(t); st.State != "unlocked" || st.RecoveryConfirmed {
		t.Fatalf("after unlock: %+v", st)
	}
}

func fileDigests(t *testing.T, base string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(base + suffix)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		out[suffix] = sha256.Sum256(b)
	}
	return out
}

func TestWrongPassphraseSaysSoAndChangesNothing(t *testing.T) {
	r := newVaultRig(t)
	r.create(t)
	r.svc.Lock()
	before := fileDigests(t, r.path)
	for range 25 {
		err := r.svc.Unlock("not the passphrase at all")
		wantCode(t, err, apperr.WrongPassphrase)
		if !strings.Contains(apperr.MessageOf(err), "Nothing has changed") {
			t.Fatalf("message: %q", apperr.MessageOf(err))
		}
	}
	if after := fileDigests(t, r.path); !sameDigests(before, after) {
		t.Fatal("the data file changed after wrong passphrases")
	}
	if st := r.state(t); st.State != "locked" {
		t.Fatalf("state %+v", st)
	}
	if err := r.svc.Unlock(passphrase); err != nil {
		t.Fatalf("right passphrase after many wrong ones: %v", err)
	}
}

func sameDigests(a, b map[string][32]byte) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}

func TestRecoveryKeyOpensThenANewPassphraseIsRequired(t *testing.T) {
	r := newVaultRig(t)
	key := r.create(t)
	r.svc.Lock()

	typo := []byte(key)
	typo[3] = map[bool]byte{true: 'A', false: 'B'}[typo[3] != 'A']
	wantCode(t, r.svc.UnlockWithRecoveryKey(string(typo)), apperr.Invalid)

	other := newVaultRig(t)
	otherKey := other.create(t)
	wantCode(t, r.svc.UnlockWithRecoveryKey(otherKey), apperr.WrongPassphrase)

	wantCode(t, r.svc.SetNewPassphrase("the next chapter begins"), apperr.Invalid)
	if err := r.svc.UnlockWithRecoveryKey(strings.ToLower(strings.ReplaceAll(key, "-", " "))); err != nil {
		t.Fatal(err)
	}
	if st := r.state(t); st.State != "recovering" {
		t.Fatalf("after recovery unlock: %+v", st)
	}
	wantCode(t, r.svc.SetNewPassphrase("tiny"), apperr.Invalid)
	if err := r.svc.SetNewPassphrase("the next chapter begins"); err != nil {
		t.Fatal(err)
	}
	if st := r.state(t); st.State != "unlocked" {
		t.Fatalf("after the new passphrase: %+v", st)
	}
	r.svc.Lock()
	wantCode(t, r.svc.Unlock(passphrase), apperr.WrongPassphrase)
	if err := r.svc.Unlock("the next chapter begins"); err != nil {
		t.Fatal(err)
	}
}

func TestChangePassphraseChecksTheCurrentOne(t *testing.T) {
	r := newVaultRig(t)
	r.create(t)
	wantCode(t, errOnly(r.svc.ChangePassphrase("not it at all", "a whole new sentence")), apperr.WrongPassphrase)
	wantCode(t, errOnly(r.svc.ChangePassphrase(passphrase, "short")), apperr.Invalid)
	if _, err := r.svc.ChangePassphrase(passphrase, "a whole new sentence"); err != nil {
		t.Fatal(err)
	}
	r.svc.Lock()
	wantCode(t, r.svc.Unlock(passphrase), apperr.WrongPassphrase)
	if err := r.svc.Unlock("a whole new sentence"); err != nil {
		t.Fatal(err)
	}
}

func TestANewKitRetiresTheOldKey(t *testing.T) {
	r := newVaultRig(t)
	oldKey := r.create(t)
	_, err := r.svc.NewRecoveryKit("wrong passphrase here")
	wantCode(t, err, apperr.WrongPassphrase)
	kit, err := r.svc.NewRecoveryKit(passphrase)
	if err != nil {
		t.Fatal(err)
	}
	if st := r.state(t); st.RecoveryConfirmed || !st.KitPending {
		t.Fatalf("a new kit starts unconfirmed: %+v", st)
	}
	again, err := r.svc.RecoveryKit()
	if err != nil || !slices.Equal(again.Groups, kit.Groups) {
		t.Fatalf("the waiting kit: %v %+v", err, again)
	}
	r.svc.Lock()
	wantCode(t, r.svc.UnlockWithRecoveryKey(oldKey), apperr.WrongPassphrase)
	if err := r.svc.UnlockWithRecoveryKey(strings.Join(kit.Groups, "")); err != nil {
		t.Fatal(err)
	}
}

func TestSavedKitIsPrivateAndHoldsTheKey(t *testing.T) {
	r := newVaultRig(t)
	kit, err := r.svc.Create(passphrase)
	if err != nil {
		t.Fatal(err)
	}
	if path, err := r.svc.SaveRecoveryKit(); err != nil || path != "" {
		t.Fatalf("cancelled dialog: %q %v", path, err)
	}
	r.host.savePath = filepath.Join(t.TempDir(), "kit.txt")
	path, err := r.svc.SaveRecoveryKit()
	if err != nil || path != r.host.savePath {
		t.Fatalf("save: %q %v", path, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("kit file mode %v, want 0600", info.Mode().Perm())
	}
	text, _ := os.ReadFile(path)
	if !strings.Contains(string(text), strings.Join(kit.Groups, " ")) || !strings.Contains(string(text), kit.KitID) {
		t.Fatalf("kit file lacks the key or its id:\n%s", text)
	}
	r.host.savePath = filepath.Join(t.TempDir(), "no-such-folder", "kit.txt")
	_, err = r.svc.SaveRecoveryKit()
	wantCode(t, err, apperr.Invalid)
}

func TestQuickExitLocksAndHidesTheName(t *testing.T) {
	r := newVaultRig(t)
	r.create(t)
	if err := r.svc.QuickExit(); err != nil {
		t.Fatal(err)
	}
	if r.session.Unlocked() || r.host.title != "Untitled" || r.host.hidden != 1 {
		t.Fatalf("after quick exit: unlocked=%v title=%q hidden %d times", r.session.Unlocked(), r.host.title, r.host.hidden)
	}
	r.svc.LeaveQuickExit()
	if r.host.title != "Goldseam" {
		t.Fatalf("title %q", r.host.title)
	}
}

func TestAutoLockSettingReachesTheSession(t *testing.T) {
	r := newVaultRig(t)
	r.create(t)
	wantCode(t, r.svc.SetAutoLock(7), apperr.Invalid)
	if err := r.svc.SetAutoLock(1); err != nil {
		t.Fatal(err)
	}
	if r.session.Idle() != time.Minute || r.state(t).AutoLockMinutes != 1 {
		t.Fatalf("idle %v", r.session.Idle())
	}
	if err := r.svc.SetAutoLock(0); err != nil {
		t.Fatal(err)
	}
	r.svc.Lock()
	r.session.SetIdle(time.Hour) // as after a restart: unlock must read the stored choice
	if err := r.svc.Unlock(passphrase); err != nil {
		t.Fatal(err)
	}
	if r.session.Idle() != 0 {
		t.Fatalf("after unlock idle is %v, want 0 (never)", r.session.Idle())
	}
}

func TestAnUnusableDataFileIsExplainedNotCrashedOn(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, store.FileName)
	if err := os.WriteFile(path, []byte(strings.Repeat("this is not a database ", 400)), 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), path)
	if err == nil {
		db.Close()
		t.Fatal("a non-database opened")
	}
	svc := api.NewVault(&recordingHost{}, path, nil, err, session.New(nil, nil))
	st, serr := svc.Status()
	if serr != nil || st.State != "problem" || st.DataFile != path || !strings.Contains(st.Problem, "damage") {
		t.Fatalf("status: %+v %v", st, serr)
	}
	wantCode(t, svc.Unlock(passphrase), apperr.Unavailable)
	_, cerr := svc.Create(passphrase)
	wantCode(t, cerr, apperr.Unavailable)
}

// errOnly keeps the error of a call that also returns a value.
func errOnly[T any](_ T, err error) error { return err }
