package api

import (
	"context"
	"errors"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/people"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// People is the service behind "Who is using Goldseam?": the people who use Goldseam on
// this computer, each with a data file of their own in the one data folder (package people),
// taking turns. Only one person's data file is open at a time: choosing someone points the
// one store every service holds at their file (store.DB.Repoint) while everything is locked
// (session.Switch), so the services bound once to the window serve whoever's turn it is.
type People struct {
	dataDir string
	db      *store.DB // nil when the first data file could not be opened
	session *session.Session
	vault   *Vault
}

// NewPeople returns the People service for dataDir, whose store db the session and vault share.
func NewPeople(dataDir string, db *store.DB, s *session.Session, v *Vault) *People {
	return &People{dataDir: dataDir, db: db, session: s, vault: v}
}

// Person is one person who uses Goldseam here, as "Who is using Goldseam?" shows them.
type Person struct {
	ID      string `json:"id"`
	Name    string `json:"name"`    // the name they chose to show, or "" (hidden)
	New     bool   `json:"new"`     // a place made for someone who has not set up yet
	Current bool   `json:"current"` // whose data file is open (or chosen to unlock) now
}

// PeopleView lists the people, the first first.
type PeopleView struct {
	People []Person `json:"people"`
}

// List returns who uses Goldseam in this data folder; one entry when only one person does.
func (p *People) List() (PeopleView, error) {
	if p.db == nil {
		return PeopleView{People: []Person{}}, nil
	}
	places, err := people.List(p.dataDir)
	if err != nil {
		return PeopleView{}, coded(err)
	}
	out := PeopleView{People: []Person{}}
	current := p.db.Path()
	for _, pl := range places {
		out.People = append(out.People, Person{ID: pl.ID, Name: pl.ShownName(), New: !isSetUp(pl), Current: pl.DataFile() == current})
	}
	return out, nil
}

// Choose turns Goldseam to person id's data file, to unlock or set up next. Only while
// locked: it never takes the screen from someone in the middle of their turn.
func (p *People) Choose(id string) error {
	if err := p.vault.usable(); err != nil {
		return err
	}
	place, err := people.ByID(p.dataDir, id)
	if err != nil {
		return err
	}
	return p.turnTo(place)
}

// turnTo points the store at place's data file, with no unlock or setup running meanwhile.
func (p *People) turnTo(place people.Place) error {
	p.vault.kdf.Lock()
	defer p.vault.kdf.Unlock()
	if p.db.Path() == place.DataFile() {
		return nil
	}
	var opened error
	err := p.session.Switch(func() error {
		opened = p.db.Repoint(context.Background(), place.DataFile())
		return opened
	})
	if opened != nil {
		return apperr.Wrap(apperr.Unavailable, storageProblem(opened), opened)
	}
	if err != nil {
		return coded(err)
	}
	// The auto-lock time is read at each unlock; until then, not the last person's choice.
	p.session.SetIdle(session.DefaultIdle)
	return nil
}

// AddSomeone makes the place for someone new to set up Goldseam on this computer and turns to
// it; the next screen is the first-run one.
func (p *People) AddSomeone() error {
	if err := p.vault.usable(); err != nil {
		return err
	}
	if p.session.Unlocked() {
		return session.ErrNotLocked
	}
	place, err := people.Add(p.dataDir, isSetUp)
	if err != nil {
		return coded(err)
	}
	return p.turnTo(place)
}

// UnlockAnyone is the one passphrase field shown when no one shows a name: it tries the
// passphrase on each person's data file in turn (one Argon2id derivation each) and opens
// the one it fits. A passphrase that fits none changes nothing on disk.
func (p *People) UnlockAnyone(passphrase string) error {
	if err := p.vault.usable(); err != nil {
		return err
	}
	places, err := people.List(p.dataDir)
	if err != nil {
		return coded(err)
	}
	var wrong error
	for _, place := range places {
		if !isSetUp(place) {
			continue
		}
		if err := p.turnTo(place); err != nil {
			return err
		}
		err := p.vault.Unlock(passphrase)
		var c *apperr.Error
		if errors.As(err, &c) && c.Code == apperr.WrongPassphrase {
			wrong = err
			continue
		}
		return err
	}
	if wrong == nil {
		wrong = apperr.New(apperr.NotFound, "No one has set up Goldseam on this computer yet.")
	}
	return wrong
}

// ShownName is the name the person unlocked now shows before unlocking ("" when hidden).
func (p *People) ShownName() (string, error) {
	place, err := p.current()
	if err != nil {
		return "", err
	}
	return place.ShownName(), nil
}

// SetShownName shows name on "Who is using Goldseam?" for the person unlocked now, or hides
// it when name is empty. The name is kept in the clear: it is read while everything is locked.
func (p *People) SetShownName(name string) error {
	place, err := p.current()
	if err != nil {
		return err
	}
	return coded(place.SetShownName(name))
}

// current is the place of the person unlocked now.
func (p *People) current() (people.Place, error) {
	if p.db == nil || !p.session.Unlocked() {
		return people.Place{}, session.ErrLocked
	}
	place, err := people.Of(p.dataDir, p.db.Path())
	return place, coded(err)
}

// isSetUp reports whether place's data file holds a vault: a place chosen by someone who then
// did not set up has a data file, but no one's.
func isSetUp(place people.Place) bool {
	exists, err := vault.ExistsAt(context.Background(), place.DataFile())
	return err == nil && exists
}
