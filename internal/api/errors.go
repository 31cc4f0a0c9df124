package api

import (
	"errors"
	"regexp"
	"runtime"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/progress"
	"github.com/goldseam/goldseam/internal/settings"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// sentinel gives one of the domain packages' sentinel errors its code and sentence. The
// domain packages refuse input with apperr errors themselves; these are the errors that
// mean something only once a person asked for something (a row that is gone, a passphrase
// that did not open), so their sentences are written here.
type sentinel struct {
	err     error
	code    apperr.Code
	message string
}

var sentinels = []sentinel{
	{journal.ErrNotFound, apperr.NotFound, "That entry is not in your journal any more."},
	{progress.ErrNotFound, apperr.NotFound, "That answer is no longer there."},
	{agreements.ErrNotFound, apperr.NotFound, "That is no longer there."},
	{space.ErrNotFound, apperr.NotFound, "That is no longer there."},
	{space.ErrNotACandidate, apperr.Conflict, "This was already settled, or changed since you looked. Please look again to see what it says now."},
	{agreements.ErrChanged, apperr.Conflict, "This agreement was changed since you opened it. Please read the new version before signing."},
	{vault.ErrWrongPassphrase, apperr.WrongPassphrase, "That passphrase did not open Goldseam. Nothing has changed. Check that Caps Lock is off and try again."},
	{vault.ErrNoVault, apperr.NotFound, "Goldseam has not been set up in this data folder yet."},
	{vault.ErrParams, apperr.Unavailable, "The lock settings in Goldseam's data file are outside what Goldseam accepts, so the file was left untouched. The file may have been changed by something other than Goldseam."},
	{settings.ErrNotAChoice, apperr.Invalid, "Please choose one of the times offered."},
	{backup.ErrBusy, apperr.Conflict, "Goldseam is already opening a backup. Please wait for it to finish, then try again."},
	{backup.ErrWrongPassphrase, apperr.WrongPassphrase, "That passphrase does not open this backup. It is the backup passphrase chosen when the backup was made, which may differ from the one you unlock Goldseam with."},
	{backup.ErrNotABackup, apperr.Invalid, "This file is not a Goldseam backup. Nothing was changed."},
	{backup.ErrNewerFormat, apperr.Invalid, "This backup was made by a newer Goldseam. Please install the newest Goldseam to restore it. Nothing was changed."},
	{backup.ErrAltered, apperr.Invalid, "Part of what you and your partner wrote together in this backup was changed after it was signed, so Goldseam will not use the backup. Nothing was changed. If you have another copy, try that one."},
	{backup.ErrDamaged, apperr.Invalid, "This backup is damaged or incomplete, so Goldseam will not use it. Nothing was changed. If you have another copy, try that one."},
}

// coded is the bound layer's one translation: a coded error stays as it is, a sentinel
// gets its code and sentence, a full disk says so, and anything else is Internal (its
// cause is kept for the fault log, never shown).
func coded(err error) error {
	var c *apperr.Error
	if err == nil || errors.As(err, &c) {
		return err
	}
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return &apperr.Error{Code: s.code, Message: s.message, Err: err, Op: boundCall()}
		}
	}
	if store.IsDiskFull(err) {
		return &apperr.Error{Code: apperr.Unavailable, Message: diskFullMessage, Err: err, Op: boundCall()}
	}
	return &apperr.Error{Code: apperr.Internal, Err: err, Op: boundCall()}
}

// boundMethod matches a bound method's name as the runtime gives it, for example
// "github.com/goldseam/goldseam/internal/api.(*Journal).Save", and not its closures.
var boundMethod = regexp.MustCompile(`/internal/api\.\(\*([A-Z]\w*)\)\.([A-Z]\w*)$`)

// boundCall names the bound method that is returning an error (Journal.Save): the
// outermost exported method of this package on the stack. Wails' error formatter is not
// told which call failed, so the fault log learns it here. Only code names, never values.
func boundCall() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(2, pcs)])
	call := ""
	for {
		f, more := frames.Next()
		if m := boundMethod.FindStringSubmatch(f.Function); m != nil {
			call = m[1] + "." + m[2]
		}
		if !more {
			return call
		}
	}
}

const diskFullMessage = "There is no space left on this computer's disk, so this could not be saved. " +
	"Everything you saved before is safe. Please free some space and try again."

// storageProblem says, for people, why the data file cannot be used.
func storageProblem(err error) string {
	switch {
	case errors.Is(err, store.ErrNewerSchema):
		return "This data was saved by a newer version of Goldseam. To keep it safe, this version will not open or change it. Please install the newest Goldseam."
	case errors.Is(err, store.ErrDamaged):
		return "Goldseam found damage in its data file and stopped before changing anything; the file is exactly as it was. You can restore a backup, or keep the file for someone who can help."
	}
	return "Goldseam could not open its data file. It has not been changed. Check that the disk is connected and has space, then start Goldseam again."
}
