package api

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/privatefile"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/vault"
)

// kitText is the recovery kit as a text file: the key, what it is for, and how to keep it.
func kitText(kit vault.RecoveryKit) string {
	groups := make([]string, vault.Groups)
	for i := range groups {
		groups[i] = kit.Key.Group(i + 1)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Goldseam recovery kit %s, made %s\n\n", kit.KitID, kit.CreatedAt.Format("2 January 2006"))
	fmt.Fprintf(&b, "Recovery key:\n\n    %s\n\n", strings.Join(groups, " "))
	b.WriteString(`This key opens your Goldseam if you ever forget your passphrase. Anyone who has
it, and your data file, can read what you wrote, so keep it as you would a house key:
printed and put away somewhere private, or in a password manager you trust.

If you make a new recovery kit in Goldseam, this one stops working.
`)
	return b.String()
}

// kitFileName is the name the save dialog suggests. It says nothing of Goldseam or of a
// key, because a name is seen without opening the file: in folder listings, search, and
// any "Recent files" list Goldseam cannot keep it out of. The kit id ties it to the screen.
func kitFileName(kit vault.RecoveryKit) string {
	return "kit-" + strings.ToLower(kit.KitID) + ".txt"
}

// errKitNotSaved: Goldseam locked (or the kit was replaced) while the save dialog was open,
// so its key is gone from memory and nothing was written.
var errKitNotSaved = apperr.New(apperr.Locked, "Your recovery kit was not saved: Goldseam locked while the save window was open, and that kit was put away for safety. After you unlock, make a new recovery kit in Settings and save that one.")

// kitTextIfStillPending gives the kit's text only while p is still the kit waiting and the
// session is unlocked: the dialog may have been open for minutes, and a lock in the meantime
// wiped p's key. Holding mu keeps dropPending from wiping it while the text is made.
func (v *Vault) kitTextIfStillPending(p *pendingKit) (string, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.pending != p || !v.session.Unlocked() {
		return "", false
	}
	return kitText(p.kit), true
}

type pendingKit struct {
	kit   vault.RecoveryKit
	check [2]int // the group numbers (1-based) the person types back
}

// RecoveryKitView is the recovery kit as the interface shows it, once.
type RecoveryKitView struct {
	Groups    []string `json:"groups"`
	KitID     string   `json:"kitId"`
	CreatedAt string   `json:"createdAt"`
	// Check holds the two group numbers (counting from 1) the person types back.
	Check [2]int `json:"check"`
}

// NewRecoveryKit makes a new kit after checking the passphrase, with a new master key and
// new content keys (every row is resealed); the old kit stops working at once. The new one
// is shown like the first, and confirmed the same way.
func (v *Vault) NewRecoveryKit(passphrase string) (RecoveryKitView, error) {
	if err := v.usable(); err != nil {
		return RecoveryKitView{}, err
	}
	// The passphrase is checked by the rotation itself: it wraps the new master key.
	v.kdf.Lock()
	kit, err := rotation(v.session, passphrase, func(u *vault.Unlocked, p []byte) (vault.RecoveryKit, error) {
		return u.NewRecoveryKit(context.Background(), v.db, p)
	})
	v.kdf.Unlock()
	if err != nil {
		return RecoveryKitView{}, err
	}
	// The old kit's wrap must not stay in the -wal; a failure is logged and retried at lock.
	v.session.Scrub()
	return v.hold(kit), nil
}

// RecoveryKit shows the kit still waiting to be confirmed again, for example after the
// window was reloaded. It is only there while unlocked and until confirmed.
func (v *Vault) RecoveryKit() (RecoveryKitView, error) {
	if !v.session.Unlocked() {
		return RecoveryKitView{}, session.ErrLocked
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.pending == nil {
		return RecoveryKitView{}, errNoPendingKit
	}
	return view(v.pending), nil
}

var errNoPendingKit = apperr.New(apperr.NotFound, "There is no recovery kit waiting here. You can make a new one in Settings.")

// SaveRecoveryKit writes the waiting kit as a text file where the person chooses. It
// returns the path, or "" when they cancelled the dialog.
func (v *Vault) SaveRecoveryKit() (string, error) {
	if !v.session.Unlocked() {
		return "", session.ErrLocked
	}
	v.mu.Lock()
	p := v.pending
	v.mu.Unlock()
	if p == nil {
		return "", errNoPendingKit
	}
	path, err := v.host.SaveFile("Save your recovery kit", kitFileName(p.kit))
	if err != nil {
		return "", apperr.Wrap(apperr.Internal, "", err)
	}
	if path == "" {
		return "", nil
	}
	text, ok := v.kitTextIfStillPending(p)
	if !ok {
		return "", errKitNotSaved
	}
	if err := privatefile.Write(path, []byte(text)); err != nil {
		return "", apperr.Wrap(apperr.Invalid, "Goldseam could not save the kit there. Choose another place, or print it instead.", err)
	}
	return path, nil
}

// ConfirmRecoveryKit checks the two groups typed back from the kit. Once they match, the
// kit is finished and its key leaves Goldseam's memory for good.
func (v *Vault) ConfirmRecoveryKit(first, second string) error {
	if !v.session.Unlocked() {
		return session.ErrLocked
	}
	v.mu.Lock()
	p := v.pending
	v.mu.Unlock()
	if p == nil {
		return errNoPendingKit
	}
	for i, typed := range []string{first, second} {
		n := p.check[i]
		if normalizeGroup(typed) != p.kit.Key.Group(n) {
			return apperr.New(apperr.Invalid, fmt.Sprintf("Group %d does not match your kit. Look at it once more; it is the %s group of four.", n, ordinal(n)))
		}
	}
	if err := vault.ConfirmRecoveryKit(context.Background(), v.db, p.kit.KitID); err != nil {
		return coded(err)
	}
	v.dropPending()
	return nil
}

// hold keeps kit in memory until it is confirmed or Goldseam locks, and returns its view.
func (v *Vault) hold(kit vault.RecoveryKit) RecoveryKitView {
	first := 1 + rand.IntN(vault.Groups)
	second := 1 + rand.IntN(vault.Groups-1)
	if second >= first {
		second++
	}
	if second < first {
		first, second = second, first
	}
	p := &pendingKit{kit: kit, check: [2]int{first, second}}
	v.replacePending(p)
	return view(p)
}

func (v *Vault) hasPending() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.pending != nil
}

func (v *Vault) dropPending() { v.replacePending(nil) }

// replacePending makes p the kit waiting to be confirmed (nil: none) and wipes the key of
// the one it replaces.
func (v *Vault) replacePending(p *pendingKit) {
	v.mu.Lock()
	old := v.pending
	v.pending = p
	v.mu.Unlock()
	if old != nil {
		old.kit.Key.Wipe()
	}
}

func view(p *pendingKit) RecoveryKitView {
	groups := make([]string, vault.Groups)
	for i := range groups {
		groups[i] = p.kit.Key.Group(i + 1)
	}
	return RecoveryKitView{
		Groups:    groups,
		KitID:     p.kit.KitID,
		CreatedAt: p.kit.CreatedAt.Format("2 January 2006"),
		Check:     p.check,
	}
}

// normalizeGroup reads a typed group the way recovery keys are read: case, spaces and
// dashes do not matter, and I, L and O mean 1, 1 and 0.
func normalizeGroup(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '\t':
			return -1
		case 'i', 'I', 'l', 'L':
			return '1'
		case 'o', 'O':
			return '0'
		}
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

func ordinal(n int) string {
	words := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"}
	if n >= 1 && n <= len(words) {
		return words[n-1]
	}
	return fmt.Sprint(n)
}
