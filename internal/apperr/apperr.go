// Package apperr owns Goldseam's coded errors: each carries a code the frontend can act on
// and a sentence fit for a person to read.
//
// Errors are made once, where Goldseam knows what went wrong: a domain package refuses
// input with New(Invalid, sentence) or Errorf, and the bound layer (internal/api) maps a
// few sentinel errors (a wrong passphrase, a missing row) to their codes. Anything else is
// Internal. Where an error leaves Go (the window's error formatter, the browser-test
// server) only the code and the sentence cross into JavaScript, and an Internal or
// Unavailable failure is written once to the fault log (internal/faultlog) as its code,
// the call's name and the Go types of its cause: never its text, which may hold a path
// or what a person wrote. The shape follows benbjohnson/wtf.
package apperr

import (
	"encoding/json"
	"errors"
	"fmt"
)

// Code says what kind of failure happened, so the interface can react (for example by
// showing the unlock screen on Locked).
type Code string

// The codes bound methods may return.
const (
	Locked          Code = "locked"           // the vault is locked; unlock first
	WrongPassphrase Code = "wrong_passphrase" // the passphrase or recovery key did not open the vault
	NotFound        Code = "not_found"        // the thing asked for does not exist
	Invalid         Code = "invalid"          // the input was refused; the message says why
	Conflict        Code = "conflict"         // the thing changed or exists already
	Unavailable     Code = "unavailable"      // the data file cannot be used; the message says why
	Internal        Code = "internal"         // anything else: a bug or a failing disk
)

// internalMessage is what a person sees for an error we did not expect. It must stay true
// for every such error: Goldseam never reports failure after losing something silently.
const internalMessage = "Something went wrong inside Goldseam. Nothing you saved before this was lost. Please try again."

// Error is an error with a code and a message for people. Err, when set, is the cause,
// kept for errors.Is and for the fault log's list of its types; it is never shown. Op,
// when set, names the bound call that failed (Journal.Save), for the fault log.
type Error struct {
	Code    Code
	Message string
	Err     error
	Op      string
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error with the given code and person-facing message.
func New(code Code, message string) *Error {
	return &Error{Code: code, Message: message}
}

// Errorf returns an error with the given code and a message formatted from format and
// args: a refusal whose sentence names a limit, for example.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an error with the given code and message that keeps err as its cause.
func Wrap(code Code, message string, err error) *Error {
	return &Error{Code: code, Message: message, Err: err}
}

// CodeOf returns the code of the first *Error in err's chain, or Internal.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// OpOf returns the call named on the first *Error in err's chain that names one, or "".
func OpOf(err error) string {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if c, ok := e.(*Error); ok && c.Op != "" {
			return c.Op
		}
	}
	return ""
}

// MessageOf returns the person-facing message of err; errors without one get the
// general internal message, never their Go text.
func MessageOf(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != Internal && e.Message != "" {
		return e.Message
	}
	return internalMessage
}

// Payload is what reaches the frontend for a failed call.
type Payload struct {
	Code    Code   `json:"code"`
	Message string `json:"message"`
}

// Format turns err into the JSON text the frontend parses. Wails rejects the
// call's promise with new Error(text), so the payload travels as the error message.
func Format(err error) string {
	b, _ := json.Marshal(Payload{Code: CodeOf(err), Message: MessageOf(err)})
	return string(b)
}
