package api

import (
	"context"

	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/vault"
)

// keyed is the one content key a service works with and the session that holds it while
// Goldseam is unlocked. The journal, program and profile use the journal key; the shared
// space's services use the shared key and never see the journal's.
type keyed struct {
	session *session.Session
	purpose vault.Purpose
	usable  bool // false when the data file is unusable: every call then answers locked
}

// withKey runs fn with k's content key while Goldseam is unlocked and returns what fn
// made, its error coded for the interface. It is a function because Go methods cannot
// take type parameters.
func withKey[T any](k keyed, fn func(ctx context.Context, key *vault.ContentKey) (T, error)) (T, error) {
	var out T
	if !k.usable {
		return out, session.ErrLocked
	}
	err := k.session.WithKeys(func(u *vault.Unlocked) error {
		var err error
		out, err = fn(context.Background(), u.Key(k.purpose))
		return err
	})
	return out, coded(err)
}

// rotation runs fn, which replaces the vault's keys and reseals every row, with the
// passphrase as bytes (cleared after) while no other call holds the keys, and returns what
// fn made, its error coded for the interface.
func rotation[T any](s *session.Session, passphrase string, fn func(u *vault.Unlocked, p []byte) (T, error)) (T, error) {
	var out T
	err := withPassphraseBytes(passphrase, func(p []byte) error {
		return s.WithKeysAlone(func(u *vault.Unlocked) error {
			var err error
			out, err = fn(u, p)
			return err
		})
	})
	return out, coded(err)
}

// do is withKey for work that makes nothing but an error.
func (k keyed) do(fn func(ctx context.Context, key *vault.ContentKey) error) error {
	_, err := withKey(k, func(ctx context.Context, key *vault.ContentKey) (struct{}, error) {
		return struct{}{}, fn(ctx, key)
	})
	return err
}
