package api

import (
	"context"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/sharing"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// sharedKey is the shared space and its key, which the services of the shared space work
// with; they never see the journal's key.
type sharedKey struct {
	keyed
	db    *store.DB
	space *space.Space // nil when the data file is unusable
}

func newSharedKey(db *store.DB, s *session.Session) sharedKey {
	k := sharedKey{keyed: keyed{session: s, purpose: vault.Shared, usable: db != nil}, db: db}
	if db != nil {
		k.space = space.New(db)
	}
	return k
}

// withLog runs fn with the shared space's change log while Goldseam is unlocked, appended to
// by this computer's device identity on behalf of person, and returns what fn made, its
// error coded for the interface. The identity is opened for this call alone and wiped when
// fn returns, so no signing key outlives the call that needed it. A space that has ended
// (one of the couple left it) is kept to read and refuses every write (sharing.ErrEnded).
func withLog[T any](k sharedKey, person space.Person, fn func(ctx context.Context, log *space.Log) (T, error)) (T, error) {
	return withLogAs(k, func(context.Context, *vault.ContentKey) (space.Person, error) { return person, nil }, fn)
}

// withMyLog is withLog on behalf of the person at this computer (personHere).
func withMyLog[T any](k sharedKey, fn func(ctx context.Context, log *space.Log) (T, error)) (T, error) {
	return withLogAs(k, k.me, fn)
}

func withLogAs[T any](k sharedKey, who func(context.Context, *vault.ContentKey) (space.Person, error), fn func(ctx context.Context, log *space.Log) (T, error)) (T, error) {
	var out T
	if !k.usable {
		return out, session.ErrLocked
	}
	err := k.session.WithKeys(func(u *vault.Unlocked) error {
		ctx := context.Background()
		key := u.Key(vault.Shared)
		if place, _, err := sharing.Here(ctx, k.db.SQL(), key); err != nil {
			return err
		} else if !place.Ended.IsZero() {
			return sharing.ErrEnded
		}
		person, err := who(ctx, key)
		if err != nil {
			return err
		}
		id, err := u.Device(ctx, k.db)
		if err != nil {
			return err
		}
		defer id.Wipe()
		out, err = fn(ctx, space.NewLog(k.db, key, space.Author{Signer: id, Person: person}))
		return err
	})
	return out, coded(err)
}

// readLog runs fn with the change log for reading only: it needs the shared key but no
// signing key.
func readLog[T any](k sharedKey, fn func(ctx context.Context, log *space.Log) (T, error)) (T, error) {
	return withLogKey(k, func(ctx context.Context, log *space.Log, _ *vault.ContentKey) (T, error) { return fn(ctx, log) })
}

// readMyLog is readLog with this computer's device identity as the log's signer, so the
// answers this device sealed (internal/reveal) open here; it reads after sharing ended too.
func readMyLog[T any](k sharedKey, fn func(ctx context.Context, log *space.Log) (T, error)) (T, error) {
	var out T
	if !k.usable {
		return out, session.ErrLocked
	}
	err := k.session.WithKeys(func(u *vault.Unlocked) error {
		ctx := context.Background()
		id, err := u.Device(ctx, k.db)
		if err != nil {
			return err
		}
		defer id.Wipe()
		out, err = fn(ctx, space.NewLog(k.db, u.Key(vault.Shared), space.Author{Signer: id}))
		return err
	})
	return out, coded(err)
}

// withLogKey is readLog that also hands fn the shared key, for what sits beside the log.
func withLogKey[T any](k sharedKey, fn func(ctx context.Context, log *space.Log, key *vault.ContentKey) (T, error)) (T, error) {
	return withKey(k.keyed, func(ctx context.Context, key *vault.ContentKey) (T, error) {
		return fn(ctx, space.NewLog(k.db, key, space.Author{}), key)
	})
}

// today is the person's local date, the day reviews and check-ins fall due against.
func (k sharedKey) today() string { return k.space.Now().Local().Format(time.DateOnly) }

// Space is the service behind the shared space's own settings (the two names, the rhythm of
// check-ins) and what is due when the app opens.
type Space struct{ k sharedKey }

// NewSpace returns the Space service over db (nil when the data file is unusable).
func NewSpace(db *store.DB, s *session.Session) *Space { return &Space{newSharedKey(db, s)} }

// SpaceSettings are the couple's settings (space.CoupleSettings) as the window sends and
// receives them: their names and how often they check in, and which name is the person at
// this computer.
type SpaceSettings struct {
	Names  [2]string `json:"names"`
	Rhythm string    `json:"rhythm"` // weekly, fortnightly or monthly
	// Here is the place in Names of the person at this computer (personHere): 0 until this
	// copy is paired, when it may be 1. Read only: saving ignores it.
	Here int `json:"here"`
	// Paired says this computer was paired with the partner's: each then acts on their own
	// computer only (actingAs). Read only.
	Paired bool `json:"paired"`
}

// settingsView is set as the window reads it.
func (k sharedKey) settingsView(ctx context.Context, key *vault.ContentKey, set space.CoupleSettings) (SpaceSettings, error) {
	me, err := k.personHere(ctx, key, set)
	if err != nil {
		return SpaceSettings{}, err
	}
	_, paired, err := sharing.Here(ctx, k.db.SQL(), key)
	out := SpaceSettings{Names: set.Names, Rhythm: set.Rhythm, Paired: paired}
	if me.Role == set.Partner(1).Role {
		out.Here = 1
	}
	return out, err
}

// Settings returns the space's settings.
func (s *Space) Settings() (SpaceSettings, error) {
	return withKey(s.k.keyed, func(ctx context.Context, key *vault.ContentKey) (SpaceSettings, error) {
		got, err := s.k.space.Settings(ctx, key)
		if err != nil {
			return SpaceSettings{}, err
		}
		return s.k.settingsView(ctx, key, got)
	})
}

// SaveSettings keeps the space's settings, written as the person at this computer
// (personHere), as the settings being saved name them.
func (s *Space) SaveSettings(in SpaceSettings) (SpaceSettings, error) {
	set := space.CoupleSettings{Names: in.Names, Rhythm: in.Rhythm}
	me := func(ctx context.Context, key *vault.ContentKey) (space.Person, error) {
		p, err := s.k.personHere(ctx, key, set)
		p.Name = strings.TrimSpace(p.Name)
		return p, err
	}
	return withLogAs(s.k, me, func(ctx context.Context, log *space.Log) (SpaceSettings, error) {
		got, err := log.SaveSettings(ctx, set)
		if err != nil {
			return SpaceSettings{}, err
		}
		return s.k.settingsView(ctx, log.Key(), got)
	})
}

// SettingsTies returns the couple's settings' fields left tied by two changes made at once
// on two computers (a name, or the rhythm), each with both values and who wrote them, for the
// two of them to settle with Choose; empty when there is none.
func (s *Space) SettingsTies() ([]Tie, error) {
	return readLog(s.k, func(ctx context.Context, log *space.Log) ([]Tie, error) {
		rec, ok, err := log.Record(ctx, space.SettingsID())
		if err != nil || !ok {
			return []Tie{}, err
		}
		here, err := s.k.here(ctx)
		if err != nil {
			return nil, err
		}
		return writtenOf(rec, here).Ties, nil
	})
}

// DueItem is an agreement whose review date has come.
type DueItem struct {
	ID   string `json:"id"`
	What string `json:"what"`
}

// Due is what the shared space gently brings up when the app opens.
type Due struct {
	Today       string    `json:"today"`
	NextCheckIn string    `json:"nextCheckIn"` // the day the next check-in falls due
	CheckInDue  bool      `json:"checkInDue"`
	Reviews     []DueItem `json:"reviews"`
}

// Due returns the reviews and the check-in that have come due.
func (s *Space) Due() (Due, error) {
	out := Due{Today: s.k.today(), Reviews: []DueItem{}}
	all, err := readLog(s.k, func(ctx context.Context, log *space.Log) ([]agreements.Detail, error) {
		return agreements.New(log).List(ctx)
	})
	if err != nil {
		return out, err
	}
	keeping := false
	for _, a := range all {
		keeping = keeping || a.Status == agreements.Active
		if a.Shown(out.Today) == agreements.UpForReview {
			out.Reviews = append(out.Reviews, DueItem{ID: a.ID, What: a.Current.Wording.What})
		}
	}
	err = s.k.do(func(ctx context.Context, key *vault.ContentKey) error {
		set, err := s.k.space.Settings(ctx, key)
		if err != nil {
			return err
		}
		list, err := checkins.Read(ctx, space.NewLog(s.k.db, key, space.Author{}), set)
		if err != nil {
			return err
		}
		latest := ""
		if len(list) > 0 {
			latest = list[0].CheckIn.On
		}
		out.NextCheckIn = checkins.NextDue(latest, set.Rhythm, out.Today)
		// Before the first agreement is kept or the first check-in made, nothing is "due".
		out.CheckInDue = (keeping || latest != "") && out.NextCheckIn <= out.Today
		return nil
	})
	return out, err
}
