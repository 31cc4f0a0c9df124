package agreements

// The old table: before issue 17 an agreement was a whole record in space.Space (the
// shared_records table) with numbered versions, a stored status and signatures naming a
// version by its number. Nothing writes there any more; it is read once, by the move onto the
// change log (move.go), and left in place untouched.

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// tableAgreement is an agreement's state as the old table kept it.
type tableAgreement struct {
	Status     string    `json:"status"`
	Version    int       `json:"version"` // the current version's number
	ProposedBy string    `json:"proposedBy"`
	ReviewOn   string    `json:"reviewOn"`
	CreatedAt  time.Time `json:"createdAt"`
}

// tableVersion is one numbered wording. It names its agreement inside the sealed record.
type tableVersion struct {
	Agreement string    `json:"agreement,omitempty"` // empty only in versions written before it was kept
	Number    int       `json:"number"`
	Wording   Wording   `json:"wording"`
	ChangedBy string    `json:"changedBy"`
	At        time.Time `json:"at"`
}

// tableSignature is one name's "I agree to this" to a version number.
type tableSignature struct {
	Agreement string    `json:"agreement,omitempty"`
	Version   int       `json:"version"`
	Name      string    `json:"name"`
	At        time.Time `json:"at"`
}

// Event is one line of an agreement's history as the old table kept it. The move carries the
// lines over (field "before") so the history reads as it did.
type Event struct {
	What    string    `json:"what"` // wrote, revised, proposed, signed, agreed, began, reviewed and kept, retired
	By      string    `json:"by"`
	Version int       `json:"version"`
	Note    string    `json:"note"`
	At      time.Time `json:"at"`
}

// tableDetail is one old agreement with everything it had.
type tableDetail struct {
	tableAgreement
	ID         string
	Versions   []tableVersion   // by number
	Signatures []tableSignature // on every version
	History    []Event          // oldest first
}

// An agreement's parts were separate rows; someone with the data file could try to put one
// agreement's wording or signatures under another. Each part's parent is bound into its
// sealed value (package space), and reading checks what the parts say of themselves too: a
// mismatch is refused like a tampered value (vault.ErrTampered), so the move never carries a
// forged part onto the log.

// tableSignatureID is the row of one name's signature on one version number.
func tableSignatureID(agreement string, version int, name string) string {
	return uuid.NewSHA1(uuid.NameSpaceOID, fmt.Appendf(nil, "goldseam-signature:%s:%d:%s", agreement, version, strings.ToLower(name))).String()
}

// belongs reports whether a part naming agreement inside its sealed record may be read as
// part of id; parts written before they named their agreement carry "".
func belongs(agreement, id string) bool { return agreement == id || agreement == "" }

// readTable reads every agreement of the old table, its parts checked.
func readTable(ctx context.Context, sp *space.Space, key *vault.ContentKey) ([]tableDetail, error) {
	recs, err := sp.List(ctx, key, kindAgreement, "")
	if err != nil {
		return nil, err
	}
	out := make([]tableDetail, 0, len(recs))
	for _, r := range recs {
		d := tableDetail{ID: r.ID}
		if err := r.Decode(&d.tableAgreement); err != nil {
			return nil, err
		}
		if err := readTableParts(ctx, sp, key, &d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].CreatedAt.Before(out[j].CreatedAt) }) // sort, not slices: see docs/architecture.md, binary size
	return out, nil
}

func readTableParts(ctx context.Context, sp *space.Space, key *vault.ContentKey, d *tableDetail) error {
	var err error
	if d.Versions, err = space.ListOf[tableVersion](ctx, sp, key, kindVersion, d.ID, nil); err != nil {
		return err
	}
	sort.Slice(d.Versions, func(i, j int) bool { return d.Versions[i].Number < d.Versions[j].Number })
	found := false
	for _, v := range d.Versions {
		if !belongs(v.Agreement, d.ID) {
			return fmt.Errorf("version %d of %s: %w", v.Number, d.ID, vault.ErrTampered)
		}
		found = found || v.Number == d.Version
	}
	if !found {
		return fmt.Errorf("version %d of %s is missing: %w", d.Version, d.ID, vault.ErrTampered)
	}
	var rows []string
	d.Signatures, err = space.ListOf(ctx, sp, key, kindSignature, d.ID, func(_ *tableSignature, id string) { rows = append(rows, id) })
	if err != nil {
		return err
	}
	for i, s := range d.Signatures {
		if !belongs(s.Agreement, d.ID) || rows[i] != tableSignatureID(d.ID, s.Version, s.Name) {
			return fmt.Errorf("signature on %s: %w", d.ID, vault.ErrTampered)
		}
	}
	if d.History, err = space.ListOf[Event](ctx, sp, key, kindEvent, d.ID, nil); err != nil {
		return err
	}
	sort.SliceStable(d.History, func(i, j int) bool { return d.History[i].At.Before(d.History[j].At) })
	return nil
}
