package agreements

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/space"
)

// roles are the two partners as the log records them; their two signatures make an
// agreement agreed.
var roles = [2]string{space.CoupleSettings{}.Partner(0).Role, space.CoupleSettings{}.Partner(1).Role}

// Agreements reads and writes the agreements on one change log. Each change is written on
// behalf of the person given (space.Log.As), by the log's device.
type Agreements struct{ log *space.Log }

// New returns the agreements kept on log.
func New(log *space.Log) *Agreements { return &Agreements{log: log} }

// Read folds every agreement as it stands now.
func (a *Agreements) Read(ctx context.Context) (*Book, error) { return Read(ctx, a.log, roles) }

// Get returns one agreement.
func (a *Agreements) Get(ctx context.Context, id string) (Detail, error) {
	b, err := a.Read(ctx)
	if err != nil {
		return Detail{}, err
	}
	return b.Get(id)
}

// List returns every agreement, in the order they were made.
func (a *Agreements) List(ctx context.Context) ([]Detail, error) {
	b, err := a.Read(ctx)
	if err != nil {
		return nil, err
	}
	return b.List()
}

func (a *Agreements) write(ctx context.Context, by space.Person, drafts ...space.Draft) error {
	_, err := a.log.As(by).Append(ctx, drafts...)
	return err
}

func field(id, name string, v any) space.Draft {
	return space.Draft{Record: id, Kind: KindAgreement, Field: name, Value: v}
}

// Create writes the first draft of an agreement, by by, and returns its id.
func (a *Agreements) Create(ctx context.Context, w Wording, reviewOn string, by space.Person) (string, error) {
	w, err := w.clean()
	if err != nil {
		return "", err
	}
	if err := checkDate(reviewOn); err != nil {
		return "", err
	}
	id := uuid.NewString()
	vid, version, err := newVersion(id, "", w)
	if err != nil {
		return "", err
	}
	// The version goes first and current second, so two copies writing the same steps give
	// current the same clock: two revisions made at once are a tie, not a race.
	return id, a.write(ctx, by, version, field(id, FieldCurrent, vid), field(id, FieldPhase, Draft), field(id, FieldReviewOn, reviewOn))
}

// Revise writes a new version over the current one. An agreed or active agreement goes back
// to proposed: the signatures belong to the old words, so both sign again.
func (a *Agreements) Revise(ctx context.Context, id string, w Wording, reviewOn string, by space.Person) error {
	w, err := w.clean()
	if err != nil {
		return err
	}
	if err := checkDate(reviewOn); err != nil {
		return err
	}
	d, err := a.Get(ctx, id)
	if err != nil {
		return err
	}
	switch {
	case d.Status == Retired:
		return apperr.New(apperr.Invalid, "A retired agreement stays as it was. You can write a new one instead.")
	case len(d.Tied) > 0:
		return apperr.New(apperr.Invalid, "Two wordings were chosen at the same time. Please first keep one of them, then change it.")
	}
	var drafts []space.Draft
	if !w.same(d.Current.Wording) {
		vid, version, err := newVersion(id, d.Current.ID, w)
		if err != nil {
			return err
		}
		drafts = append(drafts, version, field(id, FieldCurrent, vid))
		if d.Phase == Active {
			drafts = append(drafts, field(id, FieldPhase, Proposed))
		}
	}
	if reviewOn != d.ReviewOn {
		drafts = append(drafts, field(id, FieldReviewOn, reviewOn))
	}
	if len(drafts) == 0 {
		return apperr.New(apperr.Invalid, "Nothing has changed yet.")
	}
	return a.write(ctx, by, drafts...)
}

// Propose asks the other partner to read a draft and sign it.
func (a *Agreements) Propose(ctx context.Context, id string, by space.Person) error {
	return a.step(ctx, id, by, []string{Draft}, "This agreement has already been put forward.", field(id, FieldPhase, Proposed))
}

// Begin makes an agreed agreement active: from now on, check-ins ask how it is going.
func (a *Agreements) Begin(ctx context.Context, id string, by space.Person) error {
	return a.step(ctx, id, by, []string{Agreed}, "Both of you need to sign this version before it begins.", field(id, FieldPhase, Active))
}

// Renew keeps an active agreement as it is after a review, until reviewOn.
func (a *Agreements) Renew(ctx context.Context, id string, by space.Person, reviewOn string) error {
	if err := checkDate(reviewOn); err != nil {
		return err
	}
	return a.step(ctx, id, by, []string{Active}, "Only an agreement you are keeping can be reviewed and kept.",
		field(id, FieldPhase, Active), field(id, FieldReviewOn, reviewOn))
}

// Retire ends an agreement; it stays in the list of past agreements with its history.
func (a *Agreements) Retire(ctx context.Context, id string, by space.Person, note string) error {
	if utf8.RuneCountInString(note) > maxText {
		return apperr.New(apperr.Invalid, "Please keep the note shorter.")
	}
	return a.step(ctx, id, by, []string{Draft, Proposed, Agreed, Active}, "This agreement is already retired.",
		field(id, FieldPhase, Retired), field(id, FieldNote, strings.TrimSpace(note)))
}

// Discard removes a draft that was never put forward: its record is marked deleted, which a
// copy of the space elsewhere learns from the change.
func (a *Agreements) Discard(ctx context.Context, id string, by space.Person) error {
	return a.step(ctx, id, by, []string{Draft}, "Only a draft can be thrown away. An agreement you have put forward can be retired instead, and keeps its history.",
		field(id, space.FieldDeleted, true))
}

// step writes drafts when the agreement's status is one of from.
func (a *Agreements) step(ctx context.Context, id string, by space.Person, from []string, refused string, drafts ...space.Draft) error {
	d, err := a.Get(ctx, id)
	if err != nil {
		return err
	}
	if !slices.Contains(from, d.Status) {
		return apperr.New(apperr.Invalid, refused)
	}
	return a.write(ctx, by, drafts...)
}

// Sign writes by's "I agree to these words" to version, which must be the current one. The
// signature is by's own record, so the other partner signing at the same moment elsewhere
// writes another and both count once the copies meet.
func (a *Agreements) Sign(ctx context.Context, id, version string, by space.Person) error {
	if !slices.Contains(roles[:], by.Role) {
		return apperr.New(apperr.Invalid, "Please sign with one of the two names your agreements carry.")
	}
	b, err := a.Read(ctx)
	if err != nil {
		return err
	}
	d, err := b.Get(id)
	if err != nil {
		return err
	}
	switch {
	case d.Status == Retired:
		return apperr.New(apperr.Invalid, "A retired agreement cannot be signed again.")
	case len(d.Tied) > 0 || version != d.Current.ID:
		return ErrChanged
	case d.SignedBy(version, by.Role):
		return apperr.New(apperr.Invalid, by.Name+" has already signed this version.")
	}
	drafts := []space.Draft{signatureDraft(id, signatureBody{Agreement: id, Version: version, Person: by})}
	if rec, ok := b.signatures.Records[signatureID(version, by)]; ok && rec.Deleted {
		drafts = append(drafts, space.Draft{Record: rec.ID, Kind: KindSignature, Parent: id, Field: space.FieldDeleted, Value: false})
	}
	if d.Phase == Draft {
		drafts = append(drafts, field(id, FieldPhase, Proposed))
	}
	return a.write(ctx, by, drafts...)
}

// Withdraw takes back by's signature on version, while the agreement has not begun.
func (a *Agreements) Withdraw(ctx context.Context, id, version string, by space.Person) error {
	d, err := a.Get(ctx, id)
	if err != nil {
		return err
	}
	if !d.SignedBy(version, by.Role) {
		return apperr.New(apperr.Invalid, by.Name+" has not signed this version.")
	}
	if d.Status == Active || d.Status == Retired {
		return apperr.New(apperr.Invalid, "This agreement has begun; you can change its wording or retire it instead.")
	}
	return a.write(ctx, by, space.Draft{Record: signatureID(version, by), Kind: KindSignature, Parent: id, Field: space.FieldDeleted, Value: true})
}
