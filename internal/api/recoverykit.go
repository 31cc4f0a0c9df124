package api

import (
	"fmt"
	"os"
	"strings"

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

// writePrivateFile writes data to path readable by its owner only, and makes sure it is on
// the disk before saying so.
func writePrivateFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sync %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", path, err)
	}
	return nil
}
