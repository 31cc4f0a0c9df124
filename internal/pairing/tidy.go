package pairing

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/goldseam/goldseam/internal/device"
)

// Tidy removes this device's pairing files that no longer serve anything: a joiner's answer
// and receipt once the inviter's offer is gone (the inviter removes its files only after it
// saw the receipt, or when it cancelled), and an inviter's files for an offer older than a
// day. It touches no other device's files, and each pairing's folder goes once it is empty.
// Call it when the sharing screen opens; it is safe at any time.
func Tidy(root string, me *device.Identity) error {
	entries, err := os.ReadDir(pairingRoot(root))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fileErr(errCannotRead, err)
	}
	mine := answerName(me.ID())
	for _, e := range entries {
		if !e.IsDir() || !isHexID(e.Name(), pairingIDSize) {
			continue
		}
		dir := pairingDir(root, e.Name())
		data, found, _ := readFile(filepath.Join(dir, kindOffer))
		if !found {
			if _, err := os.Lstat(filepath.Join(dir, mine)); err == nil {
				if err := removeOwn(root, e.Name(), mine, kindDone); err != nil {
					return err
				}
			}
			continue
		}
		var b offerBody
		env, err := open(data, kindOffer, &b)
		if err != nil || b.check() != nil || b.From != me.ID() || !env.verify(me.Public()) {
			continue // not ours, or not whole: not ours to remove
		}
		if time.Since(time.Unix(b.Made, 0)) > offerMaxAge {
			if err := removeOwn(root, e.Name(), kindOffer, kindReveal, kindKey); err != nil {
				return err
			}
		}
	}
	return nil
}
