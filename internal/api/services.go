package api

import (
	"github.com/goldseam/goldseam/internal/host"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
)

// Services holds every bound service. main.go binds its fields; the browser-test server
// exposes the same ones by reflection, so both see exactly the same methods.
type Services struct {
	System  *System
	Vault   *Vault
	Journal *Journal
	Program *Program
	Profile *Profile
	Backup  *Backup
	// The shared space, under its own key.
	Space       *Space
	Agreements  *Agreements
	CheckIns    *CheckIns
	Experiences *Experiences
	Sharing     *Sharing
	// Who uses Goldseam on this computer, taking turns (people.go).
	People *People
}

// Storage is the opened data file the services work on, or why it could not be opened.
type Storage struct {
	DataDir  string
	DataFile string
	DB       *store.DB // nil when OpenErr is set
	OpenErr  error
	Session  *session.Session
}

// NewServices builds the services over storage, talking to the window through h.
func NewServices(h host.Host, storage Storage) *Services {
	prog := NewProgram(storage.DB, storage.Session)
	journal := NewJournal(storage.DB, storage.Session, prog.knows)
	journal.emit = h.Emit
	backups := NewBackup(h, storage.DB, storage.Session, journal.unlocked)
	backups.watchOnUnlock()
	sharingService := NewSharing(h, storage.DB, storage.Session, storage.DataDir)
	sharingService.watchOnUnlock()
	vaultService := NewVault(h, storage.DataFile, storage.DB, storage.OpenErr, storage.Session)
	// Someone who sets up in a data folder another person uses shares through the local
	// exchange folder from the start, so the other's invitation is there to answer.
	vaultService.created = func() { sharingService.useLocalExchangeWhenShared() }
	vaultService.beforeLock = sharingService.publishLocally
	return &Services{
		System:  NewSystem(h, storage.DataDir),
		Vault:   vaultService,
		Journal: journal,
		Backup:  backups,
		Program: prog,
		Profile: NewProfile(storage.DB, storage.Session),

		Space:       NewSpace(storage.DB, storage.Session),
		Agreements:  NewAgreements(storage.DB, storage.Session),
		CheckIns:    NewCheckIns(storage.DB, storage.Session),
		Experiences: NewExperiences(storage.DB, storage.Session),
		Sharing:     sharingService,
		People:      NewPeople(storage.DataDir, storage.DB, storage.Session, vaultService),
	}
}

// Bind lists the services for Wails' Bind option.
func (s *Services) Bind() []any {
	return []any{s.System, s.Vault, s.Journal, s.Program, s.Profile, s.Backup, s.Space, s.Agreements, s.CheckIns, s.Experiences, s.Sharing, s.People}
}
