package agreements

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/vault"
)

// An agreement's parts are separate rows; someone with the data file could try to put one
// agreement's wording or signatures under another. Each part's parent is bound into its
// sealed value (package space), and reading checks what the parts say of themselves too:
// a mismatch is refused like a tampered value (vault.ErrTampered).

// signatureID is the same on every device for one name on one version, so a signature made
// twice, or on two devices, is one signature once the copies are merged.
func signatureID(agreement string, version int, name string) string {
	return uuid.NewSHA1(uuid.NameSpaceOID, fmt.Appendf(nil, "goldseam-signature:%s:%d:%s", agreement, version, strings.ToLower(name))).String()
}

// belongs reports whether a version or signature naming agreement inside its sealed record
// may be read as part of id. Records written before they named their agreement carry ""
// and are held to their bound parent alone.
func belongs(agreement, id string) bool { return agreement == id || agreement == "" }

// readVersions reads d's versions, oldest first, checks that each names d, and finds the
// current one, which must be there: every change writes the agreement and its new version
// together, so one without the other was taken apart in the file.
func (a *Agreements) readVersions(ctx context.Context, key *vault.ContentKey, d *Detail) error {
	var err error
	if d.Versions, err = space.ListOf[Version](ctx, a.space, key, kindVersion, d.ID, nil); err != nil {
		return err
	}
	sort.Slice(d.Versions, func(i, j int) bool { return d.Versions[i].Number < d.Versions[j].Number }) // sort, not slices: see docs/architecture.md, binary size
	found := false
	for _, v := range d.Versions {
		if !belongs(v.Agreement, d.ID) {
			return fmt.Errorf("version %d of %s: %w", v.Number, d.ID, vault.ErrTampered)
		}
		if v.Number == d.Version {
			d.Current, found = v, true
		}
	}
	if !found {
		return fmt.Errorf("version %d of %s is missing: %w", d.Version, d.ID, vault.ErrTampered)
	}
	return nil
}

// readSignatures reads the signatures on d's current version, checking that every
// signature of d names d and sits in the row its agreement, version and name give.
func (a *Agreements) readSignatures(ctx context.Context, key *vault.ContentKey, d *Detail) error {
	var rows []string
	all, err := space.ListOf(ctx, a.space, key, kindSignature, d.ID, func(_ *Signature, id string) { rows = append(rows, id) })
	if err != nil {
		return err
	}
	for i, s := range all {
		if !belongs(s.Agreement, d.ID) || rows[i] != signatureID(d.ID, s.Version, s.Name) {
			return fmt.Errorf("signature on %s: %w", d.ID, vault.ErrTampered)
		}
		if s.Version == d.Version {
			d.Signatures = append(d.Signatures, s)
		}
	}
	return nil
}
