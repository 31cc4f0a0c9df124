package api

import (
	"fmt"
	"strings"

	"github.com/goldseam/goldseam/internal/apperr"
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
