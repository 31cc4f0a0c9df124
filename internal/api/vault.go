package api

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/host"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/settings"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Vault is the service behind the first-run, unlock, lock and recovery screens.
//
// It is the one place passphrases and recovery keys arrive from the interface. The
// recovery key travels to the interface once, to be shown on the kit; no other key ever
// does.
type Vault struct {
	host     host.Host
	dataFile string
	db       *store.DB // nil when the data file could not be opened
	openErr  error
	session  *session.Session

	// kdf lets only one Argon2id derivation run at a time: each may take a quarter of a
	// gigabyte, and a second click must not double that.
	kdf sync.Mutex

	mu      sync.Mutex
	pending *pendingKit // the kit being shown, until confirmed or locked

	// created, when set, runs after a new vault is made and unlocked (NewServices: the local
	// exchange folder when someone else uses this data folder too).
	created func()
	// beforeLock, when set, runs before a lock the person asks for (Lock, QuickExit) while
	// still unlocked (NewServices: what was just written goes out to the local exchange
	// folder, for the other person's turn that comes next).
	beforeLock func()
}

// NewVault returns the Vault service over db, the data file at dataFile, or over the
// error that kept that file from opening.
func NewVault(h host.Host, dataFile string, db *store.DB, openErr error, s *session.Session) *Vault {
	v := &Vault{host: h, dataFile: dataFile, db: db, openErr: openErr, session: s}
	if s != nil {
		s.OnLock(func(session.Reason) { v.dropPending() })
	}
	return v
}

// VaultStatus is what the interface needs to choose its first screen.
type VaultStatus struct {
	// State is "problem" (the data file cannot be used), "new" (no vault yet), "locked",
	// "recovering" (opened with the recovery key, a new passphrase is needed) or "unlocked".
	State string `json:"state"`
	// Problem says, for people, what is wrong with the data file.
	Problem  string `json:"problem,omitempty"`
	DataFile string `json:"dataFile,omitempty"`
	// RecoveryConfirmed is false until the person has typed part of the current kit back.
	RecoveryConfirmed bool   `json:"recoveryConfirmed"`
	KitID             string `json:"kitId,omitempty"`
	// KitReplaced is true when the kit before the current one no longer works and the
	// current one is not confirmed yet: the interface says the old kit no longer works.
	KitReplaced bool `json:"kitReplaced"`
	// PassphraseChangeReplacesKit is true, while unlocked, when changing the passphrase would
	// replace the recovery kit (a vault made before key format 2, opened with the
	// passphrase): the interface says so before the person confirms.
	PassphraseChangeReplacesKit bool `json:"passphraseChangeReplacesKit"`
	// KitPending is true while a new kit is waiting to be saved and confirmed.
	KitPending      bool `json:"kitPending"`
	AutoLockMinutes int  `json:"autoLockMinutes"`
}

// Status reports the vault's state. It never fails for a missing or unusable data file;
// that is a state to show.
func (v *Vault) Status() (VaultStatus, error) {
	if v.openErr != nil {
		return VaultStatus{State: "problem", Problem: storageProblem(v.openErr), DataFile: v.dataFile}, nil
	}
	// The file open now: on a computer several people use, whoever's turn it is (People).
	dataFile := v.db.Path()
	ctx := context.Background()
	st, err := vault.ReadStatus(ctx, v.db)
	if err != nil {
		return VaultStatus{}, apperr.Wrap(apperr.Internal, "", err)
	}
	// The auto-lock time is sealed; the session holds the one read at the last unlock.
	idle := v.session.Idle()
	out := VaultStatus{
		State:             "locked",
		DataFile:          dataFile,
		RecoveryConfirmed: st.RecoveryConfirmed,
		KitID:             st.RecoveryKitID,
		KitReplaced:       st.KitReplaced,
		KitPending:        v.hasPending(),
		AutoLockMinutes:   int(idle / time.Minute),
	}
	switch {
	case !st.Exists:
		out.State = "new"
	case v.session.ViaRecovery():
		out.State = "recovering"
	case v.session.Unlocked():
		out.State = "unlocked"
		out.PassphraseChangeReplacesKit = v.passphraseChangeReplacesKit()
	}
	return out, nil
}

// Create makes the vault with passphrase and unlocks it. It returns the recovery kit to
// show; the vault counts as finished once ConfirmRecoveryKit succeeds.
func (v *Vault) Create(passphrase string) (RecoveryKitView, error) {
	if err := v.usable(); err != nil {
		return RecoveryKitView{}, err
	}
	if err := checkNewPassphrase(passphrase); err != nil {
		return RecoveryKitView{}, err
	}
	v.kdf.Lock()
	defer v.kdf.Unlock()
	ctx := context.Background()
	var u *vault.Unlocked
	var kit vault.RecoveryKit
	err := withPassphraseBytes(passphrase, func(p []byte) (err error) {
		u, kit, err = vault.Create(ctx, v.db, p, vault.Calibrate())
		return err
	})
	if errors.Is(err, vault.ErrExists) {
		return RecoveryKitView{}, apperr.Wrap(apperr.Conflict, "Goldseam has already been set up in this data folder. Unlock it with your passphrase instead.", err)
	}
	if err != nil {
		return RecoveryKitView{}, apperr.Wrap(apperr.Internal, "", err)
	}
	if err := v.open(ctx, u); err != nil {
		kit.Key.Wipe()
		return RecoveryKitView{}, err
	}
	if v.created != nil {
		v.created()
	}
	return v.hold(kit), nil
}

// Unlock opens the vault with passphrase. A wrong passphrase changes nothing on disk.
func (v *Vault) Unlock(passphrase string) error {
	if err := v.usable(); err != nil {
		return err
	}
	v.kdf.Lock()
	defer v.kdf.Unlock()
	ctx := context.Background()
	var u *vault.Unlocked
	err := withPassphraseBytes(passphrase, func(p []byte) (err error) {
		u, err = vault.Unlock(ctx, v.db, p)
		return err
	})
	if err != nil {
		return coded(err)
	}
	return v.open(ctx, u)
}

// UnlockWithRecoveryKey opens the vault with the key from the recovery kit. The person
// must then choose a new passphrase (SetNewPassphrase) before anything else.
func (v *Vault) UnlockWithRecoveryKey(typed string) error {
	if err := v.usable(); err != nil {
		return err
	}
	key, err := vault.ParseRecoveryKey(typed)
	if err != nil {
		return apperr.Wrap(apperr.Invalid, "That recovery key has a typo somewhere: it has 9 groups of 4 letters and digits, and the last group checks the others. Compare each group with your kit.", err)
	}
	defer key.Wipe()
	ctx := context.Background()
	u, err := vault.UnlockWithRecovery(ctx, v.db, key)
	if errors.Is(err, vault.ErrWrongPassphrase) {
		return apperr.Wrap(apperr.WrongPassphrase, "That recovery key does not open this Goldseam. If you ever made a new recovery kit, only the newest one works.", err)
	}
	if err != nil {
		return coded(err)
	}
	return v.open(ctx, u)
}

// SetNewPassphrase chooses a new passphrase after unlocking with the recovery key.
func (v *Vault) SetNewPassphrase(passphrase string) error {
	if !v.session.ViaRecovery() {
		return apperr.New(apperr.Invalid, "A new passphrase can be set here only after opening Goldseam with the recovery key. To change it otherwise, go to Settings.")
	}
	if err := checkNewPassphrase(passphrase); err != nil {
		return err
	}
	// Opened with the kit, the vault knows the kit's public key: the kit is kept.
	if _, err := v.setPassphrase(passphrase); err != nil {
		return err
	}
	v.session.RecoveryFinished()
	return nil
}

// ChangePassphrase replaces the passphrase after checking the current one. The change is
// one transaction: if anything stops it half way, the current passphrase still works.
// When the change has to replace the recovery kit (Status's PassphraseChangeReplacesKit),
// the new kit is made in the same transaction and returned to be shown and confirmed like
// any new kit; otherwise the result is nil.
func (v *Vault) ChangePassphrase(current, next string) (*RecoveryKitView, error) {
	if err := v.usable(); err != nil {
		return nil, err
	}
	if !v.session.Unlocked() {
		return nil, session.ErrLocked
	}
	if err := checkNewPassphrase(next); err != nil {
		return nil, err
	}
	if err := v.verify(current); err != nil {
		return nil, err
	}
	kit, err := v.setPassphrase(next)
	if err != nil || kit == nil {
		return nil, err
	}
	shown := v.hold(*kit)
	return &shown, nil
}

// Lock locks Goldseam now (the Lock button, Ctrl/Cmd+L).
func (v *Vault) Lock() error {
	v.publishBeforeLock()
	if v.session != nil {
		v.session.Lock(session.ByRequest)
	}
	return nil
}

// QuickExit hides the window, gives it a title that says nothing and locks at once; the
// interface shows a neutral page in the current theme for when the window comes back
// (opening Goldseam again shows it). It never fails, so it can never leave anything on screen.
func (v *Vault) QuickExit() error {
	v.host.SetTitle("Untitled")
	v.host.Hide()
	v.publishBeforeLock()
	if v.session != nil {
		v.session.Lock(session.QuickExit)
	}
	return nil
}

func (v *Vault) publishBeforeLock() {
	if v.beforeLock != nil && v.session != nil && v.session.Unlocked() {
		v.beforeLock()
	}
}

// LeaveQuickExit gives the window its name back when the person returns from the blank page.
func (v *Vault) LeaveQuickExit() error {
	v.host.SetTitle("Goldseam")
	return nil
}

// Touch tells Goldseam the person is here (a key press, a click), postponing auto-lock.
func (v *Vault) Touch() {
	if v.session != nil {
		v.session.Touch()
	}
}

// AutoLockChoices lists the auto-lock times, in minutes, Settings offers; 0 is never.
func (v *Vault) AutoLockChoices() []int {
	return settings.AutoLockChoices
}

// SetAutoLock sets how many idle minutes pass before Goldseam locks itself; 0 is never.
func (v *Vault) SetAutoLock(minutes int) error {
	if err := v.usable(); err != nil {
		return err
	}
	if !v.session.Unlocked() {
		return session.ErrLocked
	}
	journalKey := keyed{session: v.session, purpose: vault.Journal, usable: true}
	idle, err := withKey(journalKey, func(ctx context.Context, key *vault.ContentKey) (time.Duration, error) {
		if err := settings.SetAutoLock(ctx, v.db, key, minutes); err != nil {
			return 0, err
		}
		return settings.AutoLock(ctx, v.db, key)
	})
	if err != nil {
		return err
	}
	// Outside WithKeys: SetIdle takes the session's lock that WithKeys holds for reading.
	v.session.SetIdle(idle)
	return nil
}

func (v *Vault) usable() error {
	if v.openErr != nil {
		return apperr.Wrap(apperr.Unavailable, storageProblem(v.openErr), v.openErr)
	}
	return nil
}

// open hands freshly unlocked keys to the session, with the stored auto-lock time (moved
// out of the clear first, when an earlier Goldseam left it there), once the shared space's
// records still in the old table are on the change log.
func (v *Vault) open(ctx context.Context, u *vault.Unlocked) error {
	key := u.Key(vault.Journal)
	err := settings.MoveOutOfTheClear(ctx, v.db, key)
	if err == nil {
		err = moveSpaceToLog(ctx, v.db, u)
	}
	var idle time.Duration
	if err == nil {
		idle, err = settings.AutoLock(ctx, v.db, key)
	}
	if err != nil {
		u.Wipe()
		return coded(err)
	}
	v.session.SetIdle(idle)
	v.session.Open(u)
	return nil
}

func (v *Vault) verify(passphrase string) error {
	v.kdf.Lock()
	defer v.kdf.Unlock()
	return coded(withPassphraseBytes(passphrase, func(p []byte) error {
		return vault.Verify(context.Background(), v.db, p)
	}))
}

// setPassphrase sets passphrase, returning the new recovery kit when the change had to
// replace the old one (see vault.SetPassphrase).
func (v *Vault) setPassphrase(passphrase string) (*vault.RecoveryKit, error) {
	v.kdf.Lock()
	defer v.kdf.Unlock()
	ctx := context.Background()
	st, err := vault.ReadStatus(ctx, v.db)
	if err != nil {
		return nil, coded(err)
	}
	// Measure again and keep the stronger of the vault's cost and today's: a vault made on
	// a busy moment gets stronger, and a busy moment now never weakens it.
	params := vault.Recalibrate(st.Params)
	// Alone: the rotation replaces the keys every other call uses.
	kit, err := rotation(v.session, passphrase, func(u *vault.Unlocked, p []byte) (*vault.RecoveryKit, error) {
		return u.SetPassphrase(ctx, v.db, p, params)
	})
	if err != nil {
		return nil, err
	}
	// The old passphrase's wrap must not stay in the -wal; a failure is logged and retried
	// at the next lock.
	v.session.Scrub()
	return kit, nil
}

// passphraseChangeReplacesKit reports whether a passphrase change now would replace the
// recovery kit; false when locked.
func (v *Vault) passphraseChangeReplacesKit() bool {
	replaces := false
	_ = v.session.WithKeys(func(u *vault.Unlocked) error {
		replaces = !u.KeepsKit()
		return nil
	})
	return replaces
}
