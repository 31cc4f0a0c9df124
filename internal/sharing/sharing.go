// Package sharing owns how one copy of Goldseam shares its space through an exchange folder
// (issue 18): the folder the couple chose, the pairing with the partner's computer, the space
// key both hold, and the sync pass that takes the partner's change files into the shared log
// and writes this device's new changes out as files of its own.
//
// Goldseam opens no network connection for it: a sync engine the couple already runs
// (Syncthing, a cloud folder, a USB stick carried by hand) moves the folder's files between
// their computers. Package exchange owns the files and their checks, package pairing the
// exchange of device keys; this package keeps what they need between runs, sealed in the
// data file, and joins them to the log (package space). The private journal is never read
// here: only the shared log's changes are written to the folder.
package sharing

import (
	"crypto/ed25519"
	"time"

	"github.com/goldseam/goldseam/internal/device"
	"github.com/goldseam/goldseam/internal/exchange"
)

// State is how this copy shares the space, kept sealed with the journal key (state.go).
type State struct {
	Folder string `json:"folder,omitempty"` // the exchange folder's root, as chosen
	Space  string `json:"space,omitempty"`  // the space's id, made by the inviter
	// Keys are the space keys this copy knows, oldest first; the last one seals what this
	// copy writes. A new key after leaving or revoking is the next epoch.
	Keys    []exchange.Key `json:"keys,omitempty"`
	Partner *Partner       `json:"partner,omitempty"`
	// Progress is what this copy has read of each device's files (exchange.Progress).
	Progress exchange.Progress `json:"progress"`
	// Own is this device's chain of files: the last sequence number and file hash.
	Own OwnChain `json:"own"`
	// Outbox is a file of this device's sealed and counted as written but maybe not in the
	// folder yet (publish, sync.go).
	Outbox *exchange.Sealed `json:"outbox,omitempty"`
	// Pairing is the pairing under way, if any (package pairing's saved state).
	Pairing []byte `json:"pairing,omitempty"`
	// Left is when this person left the space; PartnerLeft when the partner's leave record
	// arrived. Either stops the exchange; what each already has stays readable.
	Left        time.Time `json:"left,omitzero"`
	PartnerLeft time.Time `json:"partnerLeft,omitzero"`
	// LastFromPartner is when a file from the partner's computer was last taken in.
	LastFromPartner time.Time `json:"lastFromPartner,omitzero"`
}

// Partner is the partner's computer as it was confirmed in the room.
type Partner struct {
	Device   device.Public `json:"device"`
	Name     string        `json:"name"` // as they gave it when pairing
	Role     string        `json:"role"` // their place in the couple (space.Person.Role)
	PairedAt time.Time     `json:"pairedAt"`
	// Revoked is when this person said the partner's device was lost: nothing it writes
	// after that is read, and the space key changed.
	Revoked time.Time `json:"revoked,omitzero"`
}

// OwnChain is where this device's own files stand.
type OwnChain struct {
	Seq  uint64        `json:"seq"`
	Prev exchange.Hash `json:"prev"`
}

// Paired reports whether the exchange runs: a folder, a partner and a key, and neither
// person has left.
func (s State) Paired() bool {
	return s.Folder != "" && s.Partner != nil && s.Partner.Revoked.IsZero() && len(s.Keys) > 0 && s.Left.IsZero() && s.PartnerLeft.IsZero()
}

// trust is the devices whose files this copy reads, and its own, whose files it must tell
// from a copy's.
func (s State) trust(self *device.Identity) map[string]ed25519.PublicKey {
	out := map[string]ed25519.PublicKey{self.ID(): self.PublicKey()}
	if s.Partner != nil && s.Partner.Revoked.IsZero() {
		out[s.Partner.Device.ID] = s.Partner.Device.SignKey
	}
	return out
}
