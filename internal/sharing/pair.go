package sharing

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/exchange"
	"github.com/goldseam/goldseam/internal/pairing"
	"github.com/goldseam/goldseam/internal/space"
)

// Pairing, from this copy's side: the exchange of device keys through the folder (package
// pairing), its small saved state sealed in the sharing state between steps, and at the end
// the partner's device, the space key and this person's place in the couple kept.

// Refusals of a pairing, each said once here.
var (
	errNoFolder       = apperr.New(apperr.Conflict, "Choose the exchange folder first: pairing happens through it.")
	errAlreadyPaired  = apperr.New(apperr.Conflict, "Your space is already shared with your partner's computer.")
	errEnded          = apperr.New(apperr.Conflict, "One of you stopped sharing, so sharing has ended on this computer. Goldseam cannot yet start sharing again on a computer that shared before; what you shared stays here to read.")
	errNoPairing      = apperr.New(apperr.NotFound, "No pairing is under way. Start again from Settings.")
	errPairingBusy    = apperr.New(apperr.Conflict, "A pairing is already under way on this computer. Finish it or cancel it first.")
	errJoinerHasSpace = apperr.New(apperr.Conflict, "This computer already holds agreements, check-ins or good experiences of its own, and two sets of them cannot be joined into one. Let this computer start, and your partner's computer join, instead.")
)

// PairingStep is where a pairing stands, for the screen.
type PairingStep struct {
	Side      string // "inviter" or "joiner"
	State     string // waiting, compare, ready, confirmed, done (package pairing's State)
	Code      string // the six digits both screens show, once they can
	TypedCode string // the inviter's one-time code to type on the other computer (USB variant)
	Partner   string // the name the other side gave, when known
}

// Invite starts a pairing from this computer, as me: the space gets its id here. typed asks
// for the typed-code variant (a USB stick carried by hand).
func Invite(ctx context.Context, c Copy, me space.Person, typed bool) (PairingStep, error) {
	st, err := ready(ctx, c)
	if err != nil {
		return PairingStep{}, err
	}
	if st.Space == "" {
		st.Space = uuid.NewString()
	}
	start := pairing.Start
	if typed {
		start = pairing.StartTyped
	}
	in, err := start(st.Folder, st.Space, c.Device, me.Name, me.Role)
	if err != nil {
		return PairingStep{}, err
	}
	if err := keep(ctx, c, &st, in.Saved()); err != nil {
		return PairingStep{}, err
	}
	return inviterStep(in, pairing.Waiting), nil
}

// Offers lists the invitations in the folder made by another computer.
func Offers(ctx context.Context, c Copy) ([]pairing.Offer, error) {
	st, err := ready(ctx, c)
	if err != nil {
		return nil, err
	}
	return pairing.Find(st.Folder, c.Device)
}

// Join answers the invitation id as the person here, who gives name; code is the typed code
// when the invitation asks for one. A copy whose space holds records of its own cannot join
// another's (errJoinerHasSpace).
func Join(ctx context.Context, c Copy, id, name, code string) (PairingStep, error) {
	st, err := ready(ctx, c)
	if err != nil {
		return PairingStep{}, err
	}
	var n int
	if err := c.DB.SQL().QueryRowContext(ctx, `SELECT count(*) FROM shared_changes WHERE kind != ?`, space.KindSettings).Scan(&n); err != nil {
		return PairingStep{}, fmt.Errorf("look for records of this copy's own: %w", err)
	}
	if n > 0 {
		return PairingStep{}, errJoinerHasSpace
	}
	offers, err := pairing.Find(st.Folder, c.Device)
	if err != nil {
		return PairingStep{}, err
	}
	for _, o := range offers {
		if o.Pairing != id {
			continue
		}
		var j *pairing.Joiner
		if o.Typed {
			j, err = pairing.JoinTyped(st.Folder, o, c.Device, name, code)
		} else {
			j, err = pairing.Join(st.Folder, o, c.Device, name)
		}
		if err != nil {
			return PairingStep{}, err
		}
		if err := keep(ctx, c, &st, j.Saved()); err != nil {
			return PairingStep{}, err
		}
		return joinerStep(j, pairing.Waiting, o.Name), nil
	}
	return PairingStep{}, pairing.ErrGone
}

// Step reads the folder again and says where the pairing under way stands. A joiner whose
// key has arrived after its person confirmed finishes here.
func Step(ctx context.Context, c Copy) (PairingStep, error) {
	if st, err := load(ctx, c.DB, c.Journal); err == nil && len(st.Pairing) == 0 && st.Paired() {
		return PairingStep{State: pairing.Done.String(), Partner: st.Partner.Name}, nil // finished by Confirm
	}
	return withPairing(ctx, c, func(st *State, in *pairing.Inviter, j *pairing.Joiner) (PairingStep, error) {
		if in != nil {
			s, err := in.Poll()
			if err != nil {
				return PairingStep{}, err
			}
			return inviterStep(in, s), keep(ctx, c, st, in.Saved())
		}
		s, err := j.Poll()
		if err != nil {
			return PairingStep{}, err
		}
		if s == pairing.Done {
			return joinerStep(j, s, ""), finishJoiner(ctx, c, st, j)
		}
		return joinerStep(j, s, ""), keep(ctx, c, st, j.Saved())
	})
}

// Confirm is the person here saying the codes on both screens match (or, for the typed
// variant, sending the key). The inviter then wraps the space key to the partner's computer
// and the pairing is done here; the joiner waits for the key (Step finishes it).
func Confirm(ctx context.Context, c Copy) (PairingStep, error) {
	return withPairing(ctx, c, func(st *State, in *pairing.Inviter, j *pairing.Joiner) (PairingStep, error) {
		if in != nil {
			if _, err := in.Poll(); err != nil {
				return PairingStep{}, err
			}
			key, err := exchange.NewKey(nextEpoch(*st)) // after a revoke, past every key used before
			if err != nil {
				return PairingStep{}, err
			}
			p, err := in.Confirm(pairing.SpaceKey{Key: key.Bytes, Epoch: key.Epoch})
			if err != nil {
				return PairingStep{}, err
			}
			return PairingStep{Side: "inviter", State: pairing.Done.String(), Partner: p.Name}, finish(ctx, c, st, p, key, false)
		}
		if _, err := j.Poll(); err != nil {
			return PairingStep{}, err
		}
		s, err := j.Confirm()
		if err != nil {
			return PairingStep{}, err
		}
		if s == pairing.Done {
			return joinerStep(j, s, ""), finishJoiner(ctx, c, st, j)
		}
		return joinerStep(j, s, ""), keep(ctx, c, st, j.Saved())
	})
}

// Cancel stops the pairing under way; differ says the person stopped it because the codes
// were not the same, which the other computer is told.
func Cancel(ctx context.Context, c Copy, differ bool) error {
	_, err := withPairing(ctx, c, func(st *State, in *pairing.Inviter, j *pairing.Joiner) (PairingStep, error) {
		var err error
		switch {
		case in != nil && differ:
			err = in.Mismatch()
		case in != nil:
			err = in.Cancel()
		case differ:
			err = j.Mismatch()
		default:
			err = j.Cancel()
		}
		if err != nil && apperr.CodeOf(err) == apperr.Internal {
			return PairingStep{}, err
		}
		st.Pairing = nil
		return PairingStep{}, save(ctx, c.DB, c.Journal, *st)
	})
	return err
}

// ready loads the state of a copy that may start or answer a pairing.
func ready(ctx context.Context, c Copy) (State, error) {
	st, err := load(ctx, c.DB, c.Journal)
	switch {
	case err != nil:
		return st, err
	case !st.Left.IsZero() || !st.PartnerLeft.IsZero():
		return st, errEnded
	case st.Paired():
		return st, errAlreadyPaired
	case st.Folder == "":
		return st, errNoFolder
	case len(st.Pairing) > 0:
		return st, errPairingBusy
	}
	return st, nil
}

// keep stores the pairing's saved state (it holds a secret: the state is sealed).
func keep(ctx context.Context, c Copy, st *State, s pairing.Saved) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	st.Pairing = b
	return save(ctx, c.DB, c.Journal, *st)
}

// withPairing resumes the pairing under way, one side or the other, and runs fn with it.
func withPairing(ctx context.Context, c Copy, fn func(st *State, in *pairing.Inviter, j *pairing.Joiner) (PairingStep, error)) (PairingStep, error) {
	st, err := load(ctx, c.DB, c.Journal)
	if err != nil {
		return PairingStep{}, err
	}
	if len(st.Pairing) == 0 {
		return PairingStep{}, errNoPairing
	}
	var saved pairing.Saved
	if err := json.Unmarshal(st.Pairing, &saved); err != nil {
		return PairingStep{}, pairing.ErrSaved
	}
	if saved.Side == "inviter" {
		in, err := pairing.ResumeInviter(st.Folder, saved, c.Device)
		if err != nil {
			return PairingStep{}, err
		}
		return fn(&st, in, nil)
	}
	j, err := pairing.ResumeJoiner(st.Folder, saved, c.Device)
	if err != nil {
		return PairingStep{}, err
	}
	return fn(&st, nil, j)
}

func inviterStep(in *pairing.Inviter, s pairing.State) PairingStep {
	out := PairingStep{Side: "inviter", State: s.String()}
	out.Code, _ = in.Code()
	out.TypedCode, _ = in.TypedCode()
	return out
}

func joinerStep(j *pairing.Joiner, s pairing.State, partner string) PairingStep {
	out := PairingStep{Side: "joiner", State: s.String(), Partner: partner}
	out.Code, _ = j.Code()
	return out
}

// finishJoiner keeps what the pairing gave the joiner: the inviter's device, the space's id
// and key, and this person's place, the other one from the inviter's.
func finishJoiner(ctx context.Context, c Copy, st *State, j *pairing.Joiner) error {
	p, key, err := j.Result()
	if err != nil {
		return err
	}
	st.Space = j.Space()
	return finish(ctx, c, st, p, exchange.Key{Epoch: key.Epoch, Bytes: key.Key}, true)
}

// finish records the pairing: the partner, the key, this person's place (the other one from
// the partner's), the pairing's saved state gone. On the joiner, the couple's settings this
// copy wrote alone before it joined (only settings: Join refuses a copy with more) are taken
// out of its log, never having been shared, because they put this person's name in the first
// place, which is the inviter's; the two names are written again in the places the inviter's
// copy gives them (the inviter's name as its computer gave it, this person's own), and the
// inviter's settings arriving later agree or, where a name differs, are kept beside it.
func finish(ctx context.Context, c Copy, st *State, p pairing.Partner, key exchange.Key, joiner bool) error {
	st.Partner = &Partner{Device: p.Public, Name: p.Name, Role: p.Role, PairedAt: c.DB.Now().UTC()}
	st.Keys = []exchange.Key{key}
	st.Pairing = nil
	st.Progress = *exchange.NewProgress()
	st.Own, st.Outbox = OwnChain{}, nil
	me := space.Person{Role: otherRole(p.Role)}
	if joiner {
		before, err := space.New(c.DB).Settings(ctx, c.Shared)
		if err != nil {
			return err
		}
		me.Name = before.Names[0] // before joining, the person here was the first name
	}
	err := c.DB.Write(ctx, func(tx *sql.Tx) error {
		if joiner {
			if _, err := tx.ExecContext(ctx, `DELETE FROM shared_changes WHERE kind = ? AND device = ?`, space.KindSettings, c.Device.ID()); err != nil {
				return fmt.Errorf("set aside this copy's own settings: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM exchange_published`); err != nil {
			return fmt.Errorf("start the exchange afresh: %w", err)
		}
		if err := setHereTx(ctx, tx, c.Shared, Place{Role: me.Role}); err != nil {
			return err
		}
		return saveTx(ctx, tx, c.Journal, *st)
	})
	if err != nil || !joiner || me.Name == "" {
		return err
	}
	var names [2]string
	for i := range names {
		if (space.CoupleSettings{}).Partner(i).Role == me.Role {
			names[i] = me.Name
		} else {
			names[i] = p.Name
		}
	}
	log := space.NewLog(c.DB, c.Shared, space.Author{Signer: c.Device, Person: space.Person{Role: me.Role, Name: me.Name}})
	_, err = log.SaveSettings(ctx, space.CoupleSettings{Names: names, Rhythm: space.DefaultRhythm})
	return err
}

// nextEpoch is the epoch of the next key this copy makes.
func nextEpoch(st State) uint32 {
	if n := len(st.Keys); n > 0 {
		return st.Keys[n-1].Epoch + 1
	}
	return 1
}
