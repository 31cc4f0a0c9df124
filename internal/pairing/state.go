package pairing

import (
	"errors"
	"fmt"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/device"
)

// State is how far one side of a pairing has come.
type State int

const (
	// Waiting: the other computer's next file has not arrived (or not whole) yet.
	Waiting State = iota + 1
	// Compare: both screens can show the code (Code); the person says whether they match.
	Compare
	// Ready: typed-code variant, inviter: the answer carries the typed code; Confirm sends the key.
	Ready
	// Confirmed: this side's person confirmed; waiting for the other computer (the joiner for
	// the key, the inviter for the joiner's receipt).
	Confirmed
	// Done: the pairing is finished on this side.
	Done
)

func (s State) String() string {
	switch s {
	case Waiting:
		return "waiting"
	case Compare:
		return "compare"
	case Ready:
		return "ready"
	case Confirmed:
		return "confirmed"
	case Done:
		return "done"
	}
	return fmt.Sprintf("State(%d)", int(s))
}

// Partner is the other device, returned only after the person confirmed: its public keys,
// the name it asked to be shown by and its role in the space.
type Partner struct {
	Public device.Public
	Name   string
	Role   string
}

// ErrTampered is in the chain of every error that stops a pairing because a whole file
// failed a check (a signature, the commitment, a digest, a field); errors.Is finds it.
var ErrTampered = errors.New("pairing: a pairing file failed its checks")

const tamperedSentence = "A pairing file in the shared folder was changed, or written by a computer that is not part of this pairing, so Goldseam stopped. Cancel on both computers and start again; if it happens again, pair with a typed code on a USB stick instead."

// tampered makes the error for a file that failed a check; cause says which (for tests and
// the fault log's types, never shown).
func tampered(cause error) error {
	return apperr.Wrap(apperr.Invalid, tamperedSentence, fmt.Errorf("%w: %w", ErrTampered, cause))
}

// The causes tests tell apart.
var (
	errCommitment  = errors.New("the revealed keys do not match the offer's commitment")
	errSignature   = errors.New("a signature does not check")
	errOtherAnswer = errors.New("the reveal or key answers another answer")
	errOtherOffer  = errors.New("the answer answers another offer")
	errWrongPair   = errors.New("the file belongs to another pairing")
	errMalformed   = errors.New("the file is malformed")
	errTypedMAC    = errors.New("the typed code's MAC does not check")
)

// The errors a person reads for the other ways a pairing stops.
var (
	ErrWrongTypedCode = apperr.New(apperr.Invalid,
		"That code does not fit this invitation. Check the code on the other computer and type it again.")
	ErrManyAnswers = apperr.New(apperr.Conflict,
		"More than one computer answered this invitation, so Goldseam stopped. Cancel on both computers and start again, with only your partner's computer looking for the invitation.")
	ErrGone = apperr.New(apperr.NotFound,
		"The pairing files are no longer in the shared folder. Start pairing again on both computers.")
	ErrCodesDiffer = apperr.New(apperr.Invalid,
		"The codes on the two computers are different, so Goldseam did not pair them. Someone else may have written in the shared folder. Start again on both computers; if the codes differ again, pair with a typed code on a USB stick instead.")
	ErrNothingToConfirm = apperr.New(apperr.Conflict,
		"There is nothing to confirm yet. Wait until both computers show a code.")
	ErrNotFinished = apperr.New(apperr.Conflict,
		"Pairing is not finished yet. Keep both computers open on this screen.")
	ErrOwnInvitation = apperr.New(apperr.Invalid,
		"This invitation was made on this computer. Open it on your partner's computer instead.")
	ErrNeedsTypedCode = apperr.New(apperr.Invalid,
		"This invitation asks for the code shown on the other computer. Type it to continue.")
	ErrNoTypedCode = apperr.New(apperr.Invalid,
		"This invitation has no typed code: compare the codes on both screens instead.")
	ErrName = apperr.Errorf(apperr.Invalid,
		"A name to show can have up to %d letters, with no line breaks or hidden characters.", maxNameRunes)
	ErrRole  = apperr.New(apperr.Invalid, "The role must be partner-1 or partner-2.")
	ErrSpace = apperr.New(apperr.Invalid, "This invitation is damaged. Start pairing again on both computers.")
	ErrSaved = apperr.New(apperr.Invalid,
		"The saved pairing does not match the files in the shared folder. Start pairing again on both computers.")
)

// Saved is the small state one side keeps across a restart; everything else is read back
// from the folder. It holds a secret (the inviter's nA, the typed code), so the caller
// seals it (the vault) and throws it away once the pairing is done or cancelled.
type Saved struct {
	Version   int    `json:"version"`
	Side      string `json:"side"` // "inviter" or "joiner"
	Pairing   string `json:"pairing"`
	Nonce     []byte `json:"nonce,omitempty"`     // inviter, compared codes: the nA its commitment hides
	Typed     string `json:"typed,omitempty"`     // typed-code variant: the code, both sides
	Offer     []byte `json:"offer,omitempty"`     // joiner: digest of the offer it answered
	Confirmed bool   `json:"confirmed,omitempty"` // joiner: its person confirmed the codes match
}

const savedVersion = 1
