package space

import "github.com/goldseam/goldseam/internal/vault"

// As returns the same log appended to by the same device on behalf of p: one computer where
// both partners sit writes each partner's own input as that partner (a check-in's two
// answers, a moved record's named parts), signed by the one device identity it has.
func (l *Log) As(p Person) *Log {
	out := *l
	out.author.Person = p
	return &out
}

// Person is who the log appends as.
func (l *Log) Person() Person { return l.author.Person }

// Key is the shared key the log seals with, for a caller that reads other sealed values of
// the space (package sharing's place) inside the same call.
func (l *Log) Key() *vault.ContentKey { return l.key }

// Signer is the device that signs what the log appends; nil for a log that only reads.
func (l *Log) Signer() Signer { return l.author.Signer }
