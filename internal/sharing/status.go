package sharing

import (
	"context"
	"path/filepath"
	"time"

	"github.com/goldseam/goldseam/internal/exchange"
)

// Status is where sharing stands, from the stored state: what the Sharing settings show
// beside what the last pass found (Report).
type Status struct {
	Folder          string
	Space           string
	Paired          bool
	Partner         *Partner
	Left            time.Time
	PartnerLeft     time.Time
	LastFromPartner time.Time
	Unpublished     int // changes to write out that no file holds yet (see unpublished)
	Pairing         bool
}

// Look returns the status of c's sharing.
func Look(ctx context.Context, c Copy) (Status, error) {
	st, err := load(ctx, c.DB, c.Journal)
	if err != nil {
		return Status{}, err
	}
	s := Status{Folder: st.Folder, Space: st.Space, Paired: st.Paired(), Partner: st.Partner, Left: st.Left,
		PartnerLeft: st.PartnerLeft, LastFromPartner: st.LastFromPartner, Pairing: len(st.Pairing) > 0}
	if s.Paired {
		err = c.DB.SQL().QueryRowContext(ctx, `SELECT count(*) FROM shared_changes WHERE device != ?
			AND id NOT IN (SELECT change_id FROM exchange_published)`, st.Partner.Device.ID).Scan(&s.Unpublished)
	}
	return s, err
}

// SpaceDir is the folder the space's change files live under, one folder per device.
func SpaceDir(st Status) string { return filepath.Join(st.Folder, exchange.Dir, st.Space) }
