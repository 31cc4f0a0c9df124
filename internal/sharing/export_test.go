package sharing

import (
	"context"
	"database/sql"
	"errors"

	"github.com/goldseam/goldseam/internal/exchange"
)

// PairedForTest records a and b as paired through folder, with one space key, as a finished
// pairing would (pairing_test.go pairs through the real files): the sync tests start here.
func PairedForTest(ctx context.Context, a, b Copy, aName, bName, folder, spaceID string) error {
	key, err := exchange.NewKey(1)
	if err != nil {
		return err
	}
	write := func(c Copy, role string, partner Copy, partnerName, partnerRole string) error {
		st := State{Folder: folder, Space: spaceID, Keys: []exchange.Key{key}, Progress: *exchange.NewProgress(),
			Partner: &Partner{Device: partner.Device.Public(), Name: partnerName, Role: partnerRole, PairedAt: c.DB.Now()}}
		if err := save(ctx, c.DB, c.Journal, st); err != nil {
			return err
		}
		return c.DB.Write(ctx, func(tx *sql.Tx) error { return setHereTx(ctx, tx, c.Shared, Place{Role: role}) })
	}
	if err := write(a, "partner-1", b, bName, "partner-2"); err != nil {
		return err
	}
	return write(b, "partner-2", a, aName, "partner-1")
}

// LoadForTest is the stored state.
func LoadForTest(ctx context.Context, c Copy) (State, error) { return load(ctx, c.DB, c.Journal) }

// SaveForTest stores s as the state.
func SaveForTest(ctx context.Context, c Copy, s State) error { return save(ctx, c.DB, c.Journal, s) }

// StopBeforePlacing makes every pass stop, failing, between keeping a file and placing it,
// until the returned function is called.
func StopBeforePlacing() (restore func()) {
	before := beforePlace
	beforePlace = func() error { return errors.New("stopped before placing the file") }
	return func() { beforePlace = before }
}
