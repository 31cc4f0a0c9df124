package api

import (
	"context"

	"github.com/goldseam/goldseam/internal/profile"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Profile is the service behind the first-run questions, the safety check and the
// support contacts.
type Profile struct {
	db *store.DB
	k  keyed
}

// NewProfile returns the Profile service over db (nil when the data file is unusable).
func NewProfile(db *store.DB, s *session.Session) *Profile {
	return &Profile{db: db, k: keyed{session: s, purpose: vault.Journal, usable: db != nil}}
}

// ProfileView is the profile as the interface shows it.
type ProfileView struct {
	Exists         bool              `json:"exists"`
	Role           string            `json:"role"`
	MyName         string            `json:"myName"`
	PartnerName    string            `json:"partnerName"`
	Safety         map[string]string `json:"safety"`
	SafetyAnswered bool              `json:"safetyAnswered"`
	SafetyConcern  bool              `json:"safetyConcern"`
	// Concern is profile.Concern: "none", "gentle" or "concern"; the interface shapes
	// Home, the steps, the couple's tools and the Safety page by it.
	Concern  string            `json:"concern"`
	Contacts []profile.Contact `json:"contacts"`
}

// ProfileInput is what the first-run screens and Settings save.
type ProfileInput struct {
	Role        string            `json:"role"`
	MyName      string            `json:"myName"`
	PartnerName string            `json:"partnerName"`
	Safety      map[string]string `json:"safety"`
	Contacts    []profile.Contact `json:"contacts"`
}

// Get returns the profile; Exists is false until the first-run questions are saved.
func (p *Profile) Get() (ProfileView, error) {
	return withKey(p.k, func(ctx context.Context, key *vault.ContentKey) (ProfileView, error) {
		got, exists, err := profile.Load(ctx, p.db, key)
		return profileView(got, exists), err
	})
}

// Save replaces the profile.
func (p *Profile) Save(in ProfileInput) (ProfileView, error) {
	return withKey(p.k, func(ctx context.Context, key *vault.ContentKey) (ProfileView, error) {
		saved, err := profile.Save(ctx, p.db, key, profile.Profile(in))
		return profileView(saved, true), err
	})
}

func profileView(p profile.Profile, exists bool) ProfileView {
	if p.Safety == nil {
		p.Safety = map[string]string{}
	}
	if p.Contacts == nil {
		p.Contacts = []profile.Contact{}
	}
	return ProfileView{Exists: exists, Role: p.Role, MyName: p.MyName, PartnerName: p.PartnerName, Safety: p.Safety,
		SafetyAnswered: p.SafetyAnswered(), SafetyConcern: p.SafetyConcern(), Concern: p.Concern(), Contacts: p.Contacts}
}
