package api

import (
	"context"
	"database/sql"
	"os"
	"sync"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/exchange"
	"github.com/goldseam/goldseam/internal/host"
	"github.com/goldseam/goldseam/internal/people"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/sharing"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Sharing is the service behind Settings > Sharing: the exchange folder, pairing with the
// partner's computer, what the folder holds, and leaving. While Goldseam is unlocked and the
// space is shared, it watches the folder (watch.go) and runs a pass (sharing.Sync) when files
// arrive or this copy writes something; it opens no network connection.
type Sharing struct {
	k       sharedKey
	host    host.Host
	dataDir string

	// one runs one call on the exchange at a time: two passes at once (the watch's and a
	// button's) would each number a new file of this device from the same state, and the
	// second file would look like a copy's.
	one sync.Mutex

	mu      sync.Mutex
	last    sharing.Report // what the last pass found, for the status
	at      time.Time      // when it ran
	problem string         // why the last pass failed, if it did, as a person reads it
	kick    chan struct{}  // a pass is wanted soon (something was written here)
}

// NewSharing returns the Sharing service over db (nil when the data file is unusable).
func NewSharing(h host.Host, db *store.DB, s *session.Session, dataDir string) *Sharing {
	sh := &Sharing{k: newSharedKey(db, s), host: h, dataDir: dataDir, kick: make(chan struct{}, 1)}
	if s != nil {
		// The last pass's report names the files of one person's folder: not the next one's.
		s.OnLock(func(session.Reason) {
			sh.mu.Lock()
			sh.last, sh.at, sh.problem = sharing.Report{}, time.Time{}, ""
			sh.mu.Unlock()
		})
	}
	return sh
}

// FolderNote is one file of the exchange folder that was not taken in, and why.
type FolderNote struct {
	Path string `json:"path"`
	Why  string `json:"why"`
}

// SharingView is where sharing stands, as the window shows it.
type SharingView struct {
	// State is "off" (no folder), "folder" (a folder, not paired), "paired" or "ended".
	State           string       `json:"state"`
	Folder          string       `json:"folder"`
	PartnerName     string       `json:"partnerName"`
	PairedOn        string       `json:"pairedOn"`        // the day they paired, YYYY-MM-DD
	LastFromPartner string       `json:"lastFromPartner"` // RFC 3339, or "" when nothing came yet
	Waiting         int          `json:"waiting"`         // the partner's change files known to exist that have not arrived
	ToSend          int          `json:"toSend"`          // changes made here that no file holds yet
	Checked         string       `json:"checked"`         // when the folder was last read, RFC 3339
	Foreign         []FolderNote `json:"foreign"`         // files that are not Goldseam's change files, never opened
	Problems        []FolderNote `json:"problems"`        // change files not taken (still arriving, or failing a check)
	Copied          bool         `json:"copied"`          // files signed with this computer's key that it did not write
	EndedBy         string       `json:"endedBy"`         // "you" or "partner" once the space has ended
	Ended           string       `json:"ended"`           // when, RFC 3339
	Pairing         bool         `json:"pairing"`         // a pairing is under way (Pairing says where)
	Revoked         string       `json:"revoked"`         // when the partner's computer was said lost, RFC 3339
	Problem         string       `json:"problem"`         // why the last look at the folder failed, until one works
	// Local says the folder is the local exchange folder of people who use this computer in
	// turns (InviteOnThisComputer): the screens then say "lock, and let … unlock".
	Local bool `json:"local"`
}

// withCopy runs fn with this data file's side of the exchange while Goldseam is unlocked.
func (s *Sharing) withCopy(fn func(ctx context.Context, c sharing.Copy) error) error {
	return s.withKeysAndCopy(func(ctx context.Context, _ *vault.Unlocked, c sharing.Copy) error { return fn(ctx, c) })
}

// withKeysAndCopy is withCopy for a call that also needs the vault's keys themselves.
func (s *Sharing) withKeysAndCopy(fn func(ctx context.Context, u *vault.Unlocked, c sharing.Copy) error) error {
	if !s.k.usable {
		return session.ErrLocked
	}
	s.one.Lock()
	defer s.one.Unlock()
	return coded(s.k.session.WithKeys(func(u *vault.Unlocked) error {
		ctx := context.Background()
		id, err := u.Device(ctx, s.k.db)
		if err != nil {
			return err
		}
		defer id.Wipe()
		return fn(ctx, u, sharing.Copy{DB: s.k.db, Journal: u.Key(vault.Journal), Shared: u.Key(vault.Shared), Device: id})
	}))
}

// Status returns where sharing stands.
func (s *Sharing) Status() (SharingView, error) {
	var v SharingView
	err := s.withCopy(func(ctx context.Context, c sharing.Copy) error {
		st, err := sharing.Look(ctx, c)
		if err != nil {
			return err
		}
		v = s.view(st)
		return nil
	})
	return v, err
}

func (s *Sharing) view(st sharing.Status) SharingView {
	v := SharingView{State: "off", Folder: st.Folder, ToSend: st.Unpublished, Foreign: []FolderNote{}, Problems: []FolderNote{},
		Local: st.Folder != "" && st.Folder == sharing.LocalExchange(s.dataDir)}
	switch {
	case !st.Left.IsZero():
		v.State, v.EndedBy, v.Ended = "ended", "you", st.Left.Format(time.RFC3339)
	case !st.PartnerLeft.IsZero():
		v.State, v.EndedBy, v.Ended = "ended", "partner", st.PartnerLeft.Format(time.RFC3339)
	case st.Paired:
		v.State = "paired"
	case st.Folder != "":
		v.State = "folder"
	}
	v.Pairing = st.Pairing
	if st.Partner != nil {
		v.PartnerName, v.PairedOn = st.Partner.Name, st.Partner.PairedAt.Local().Format(time.DateOnly)
		if !st.Partner.Revoked.IsZero() {
			v.Revoked = st.Partner.Revoked.Format(time.RFC3339)
		}
	}
	if !st.LastFromPartner.IsZero() {
		v.LastFromPartner = st.LastFromPartner.Format(time.RFC3339)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v.Problem = s.problem
	if !s.at.IsZero() {
		v.Checked = s.at.Format(time.RFC3339)
		v.Waiting, v.Foreign, v.Problems, v.Copied = folderNotes(s.last.Result)
	}
	return v
}

// folderNotes is what a pass's result says to a person.
func folderNotes(r exchange.Result) (waiting int, foreign, problems []FolderNote, copied bool) {
	foreign, problems = []FolderNote{}, []FolderNote{}
	for _, n := range r.Missing {
		waiting += n
	}
	for _, f := range r.Foreign {
		foreign = append(foreign, FolderNote{Path: f.Path, Why: f.Reason})
	}
	for _, list := range [][]exchange.Problem{r.Retry, r.Refused} {
		for _, p := range list {
			problems = append(problems, FolderNote{Path: p.Path, Why: p.Reason})
		}
	}
	return waiting, foreign, problems, len(r.CopiedSelf) > 0
}

// ChooseFolder asks for the exchange folder with the folder dialog and keeps it, after
// checking it (sharing.CheckFolder); a cancelled dialog changes nothing.
func (s *Sharing) ChooseFolder() (SharingView, error) {
	folder, err := s.host.ChooseFolder("Choose the folder your sync program keeps the same on both computers")
	if err != nil {
		return SharingView{}, coded(err)
	}
	if folder != "" {
		err := s.withCopy(func(ctx context.Context, c sharing.Copy) error {
			return sharing.SetFolder(ctx, c, folder, s.dataDir)
		})
		if err != nil {
			return SharingView{}, err
		}
	}
	return s.Status()
}

// SyncNow reads the folder and writes out what is new, at once, and returns the status.
func (s *Sharing) SyncNow() (SharingView, error) {
	if _, err := s.pass(); err != nil {
		return SharingView{}, err
	}
	return s.Status()
}

// pass runs one sharing.Sync and keeps its report for the status.
func (s *Sharing) pass() (sharing.Report, error) {
	var r sharing.Report
	err := s.withCopy(func(ctx context.Context, c sharing.Copy) error {
		var err error
		r, err = sharing.Sync(ctx, c)
		return err
	})
	s.mu.Lock()
	if err == nil {
		s.last, s.at, s.problem = r, time.Now(), ""
	} else if !session.IsLocked(err) {
		s.problem = apperr.MessageOf(err) // a folder on a drive not plugged in, say: shown until a pass works
	}
	s.mu.Unlock()
	return r, err
}

// Leave ends the sharing for both of you, from this side alone (sharing.Leave).
func (s *Sharing) Leave() (SharingView, error) {
	err := s.withCopy(func(ctx context.Context, c sharing.Copy) error {
		me, err := s.k.me(ctx, c.Shared)
		if err != nil {
			return err
		}
		return sharing.Leave(ctx, c, me)
	})
	if err != nil {
		return SharingView{}, err
	}
	s.host.Emit("space:changed", nil)
	return s.Status()
}

// Revoke stops trusting the partner's computer, which they lost (sharing.Revoke); their new
// computer can then pair again.
func (s *Sharing) Revoke() (SharingView, error) {
	if err := s.withCopy(sharing.Revoke); err != nil {
		return SharingView{}, err
	}
	return s.Status()
}

// SplitCopy is the person saying this computer is a copy of a data folder that goes on
// sharing from another computer (the folder showed files signed with this computer's key that
// it did not write): this copy gets its own device identity and stops sharing
// (sharing.SplitCopy), keeping everything to read and write on its own.
func (s *Sharing) SplitCopy() (SharingView, error) {
	err := s.withKeysAndCopy(func(ctx context.Context, u *vault.Unlocked, c sharing.Copy) error {
		return sharing.SplitCopy(ctx, c, func(tx *sql.Tx) error { return u.ReplaceDeviceTx(ctx, tx, store.Timestamp(s.k.db.Now())) })
	})
	if err != nil {
		return SharingView{}, err
	}
	s.mu.Lock()
	s.last, s.at = sharing.Report{}, time.Time{}
	s.mu.Unlock()
	return s.Status()
}

// PairingView is where a pairing stands, as the window shows it.
type PairingView struct {
	Side      string `json:"side"`      // "inviter" (started here) or "joiner"
	State     string `json:"state"`     // waiting, compare, ready, confirmed, done
	Code      string `json:"code"`      // the six digits both screens show, once they can
	TypedCode string `json:"typedCode"` // USB stick: the code to type on the other computer
	Partner   string `json:"partner"`   // the other person's name, when known
}

// Invitation is an invitation found in the exchange folder, made by another computer.
type Invitation struct {
	ID    string `json:"id"`
	Name  string `json:"name"`  // how the person who made it asked to be shown
	Made  string `json:"made"`  // RFC 3339
	Typed bool   `json:"typed"` // it asks for the code shown on the other computer
}

// pairingCall runs fn on this copy and turns its step into the view; a finished pairing
// runs a pass at once, so the first changes go out (or come in) without waiting.
func (s *Sharing) pairingCall(fn func(ctx context.Context, c sharing.Copy) (sharing.PairingStep, error)) (PairingView, error) {
	var step sharing.PairingStep
	err := s.withCopy(func(ctx context.Context, c sharing.Copy) error {
		var err error
		step, err = fn(ctx, c)
		return err
	})
	if err != nil {
		return PairingView{}, err
	}
	if step.State == "done" {
		if r, err := s.pass(); err == nil && r.Added > 0 {
			s.host.Emit("space:changed", nil)
		}
	}
	return PairingView(step), nil
}

// Invite starts pairing from this computer, as the person here; typed asks for a code to
// type on the other computer instead of two codes to compare (a USB stick carried by hand).
func (s *Sharing) Invite(typed bool) (PairingView, error) {
	return s.pairingCall(func(ctx context.Context, c sharing.Copy) (sharing.PairingStep, error) {
		me, err := s.k.me(ctx, c.Shared)
		if err != nil {
			return sharing.PairingStep{}, err
		}
		return sharing.Invite(ctx, c, me, typed)
	})
}

// Invitations lists the invitations waiting in the exchange folder.
func (s *Sharing) Invitations() ([]Invitation, error) {
	out := []Invitation{}
	err := s.withCopy(func(ctx context.Context, c sharing.Copy) error {
		offers, err := sharing.Offers(ctx, c)
		for _, o := range offers {
			out = append(out, Invitation{ID: o.Pairing, Name: o.Name, Made: o.Made.Format(time.RFC3339), Typed: o.Typed})
		}
		return err
	})
	return out, err
}

// Join answers invitation id as the person here; code is the typed code when it asks for one.
func (s *Sharing) Join(id, code string) (PairingView, error) {
	return s.pairingCall(func(ctx context.Context, c sharing.Copy) (sharing.PairingStep, error) {
		me, err := s.k.me(ctx, c.Shared)
		if err != nil {
			return sharing.PairingStep{}, err
		}
		return sharing.Join(ctx, c, id, me.Name, code)
	})
}

// Pairing reads the folder again and says where the pairing under way stands.
func (s *Sharing) Pairing() (PairingView, error) { return s.pairingCall(sharing.Step) }

// ConfirmCode is the person here saying both screens show the same code.
func (s *Sharing) ConfirmCode() (PairingView, error) { return s.pairingCall(sharing.Confirm) }

// CancelPairing stops the pairing under way; differ says it is because the codes differ.
func (s *Sharing) CancelPairing(differ bool) error {
	return s.withCopy(func(ctx context.Context, c sharing.Copy) error { return sharing.Cancel(ctx, c, differ) })
}

// InviteOnThisComputer is "Someone else uses this computer": it makes the place where the
// other person will set up (package people), makes the local exchange folder inside the data
// folder this copy's exchange folder, and starts the invitation there. After the lock, the
// other person chooses the new place, sets up, and finds the invitation waiting.
func (s *Sharing) InviteOnThisComputer() (PairingView, error) {
	if !s.k.session.Unlocked() {
		return PairingView{}, session.ErrLocked
	}
	if _, err := people.Add(s.dataDir, isSetUp); err != nil {
		return PairingView{}, coded(err)
	}
	if err := s.useLocalExchange(); err != nil {
		return PairingView{}, err
	}
	return s.Invite(false)
}

// useLocalExchange makes the local exchange folder, if need be, this copy's exchange folder.
func (s *Sharing) useLocalExchange() error {
	folder := sharing.LocalExchange(s.dataDir)
	if err := os.MkdirAll(folder, 0o700); err != nil {
		return coded(err)
	}
	return s.withCopy(func(ctx context.Context, c sharing.Copy) error {
		return sharing.SetFolder(ctx, c, folder, s.dataDir)
	})
}

// useLocalExchangeWhenShared gives a data file made in a data folder someone else already
// uses the local exchange folder, unless it has a folder already. A failure leaves sharing
// off, to be chosen in Settings as usual.
func (s *Sharing) useLocalExchangeWhenShared() {
	places, err := people.List(s.dataDir)
	if err != nil || len(places) < 2 {
		return
	}
	_ = s.useLocalExchange()
}

// publishLocally runs a pass now when the exchange folder is the local one: the other person
// uses this computer next, and what was written since the watch last looked (it looks every
// two seconds) must be in the folder for their turn. Another folder is left to the watch.
func (s *Sharing) publishLocally() {
	local := false
	_ = s.withCopy(func(ctx context.Context, c sharing.Copy) error {
		st, err := sharing.Look(ctx, c)
		local = err == nil && st.Paired && st.Folder == sharing.LocalExchange(s.dataDir)
		return err
	})
	if local {
		_, _ = s.pass()
	}
}
