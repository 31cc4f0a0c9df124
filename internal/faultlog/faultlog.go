// Package faultlog owns goldseam.log, the record in the data folder of the failures
// Goldseam did not expect, written once, where an error leaves Go for the interface.
//
// A line holds the time, the error's code (internal or unavailable), the name of the call
// that failed and the Go types of the errors in its chain, with the numbers a system or
// SQLite error carries. It never holds an error's text: that text can name a file a person
// chose, or quote what they wrote. Refusals (a wrong passphrase, an empty entry) are not
// faults and are not written. The file is readable by its owner only (0600) and capped:
// past MaxBytes it becomes goldseam.log.1, replacing the one before, and a new file begins.
package faultlog

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/privatefile"
)

// FileName is the log's name in the data folder; the previous part has ".1" added.
const FileName = "goldseam.log"

// MaxBytes is the most one part of the log holds; with the previous part, the log never
// takes more than twice this on the disk.
const MaxBytes = 256 << 10

// Log appends fault lines to the log in one data folder. A nil *Log records nothing.
type Log struct {
	mu   sync.Mutex
	path string
	now  func() time.Time
}

// New returns the log for dataDir; the file is made at the first fault.
func New(dataDir string) *Log {
	return &Log{path: filepath.Join(dataDir, FileName), now: time.Now}
}

// Record writes err to the log when it is a fault (code internal or unavailable). call
// names the bound method that failed; when empty, the name the bound layer put on the
// error is used. A log that cannot be written is left alone: the person still gets their
// sentence, and nothing else depends on the log.
func (l *Log) Record(call string, err error) {
	if l == nil || err == nil {
		return
	}
	code := apperr.CodeOf(err)
	if code != apperr.Internal && code != apperr.Unavailable {
		return
	}
	if call == "" {
		call = apperr.OpOf(err)
	}
	line := fmt.Sprintf("%s %s call=%s cause=%s\n",
		l.now().UTC().Format(time.RFC3339), code, name(call), causes(err))
	l.mu.Lock()
	defer l.mu.Unlock()
	_ = l.append(line)
}

func (l *Log) append(line string) error {
	if info, err := os.Lstat(l.path); err == nil && info.Size()+int64(len(line)) > MaxBytes {
		if err := os.Rename(l.path, l.path+".1"); err != nil {
			return err
		}
	}
	f, err := privatefile.Append(l.path)
	if err != nil {
		return err
	}
	_, err = f.WriteString(line)
	return errors.Join(err, f.Close())
}

// name keeps only the letters, digits and dots of a call's name (api.Journal.Save), so a
// name can never carry anything else into the log.
func name(call string) string {
	clean := strings.Map(func(r rune) rune {
		if r == '.' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, call)
	if clean == "" {
		return "-"
	}
	return clean
}

// coder is an error that carries a number for its kind, as SQLite's errors do.
type coder interface{ Code() int }

// causes lists the type of each error in err's chain, with the number a system or SQLite
// error carries: "*fmt.wrapError>*os.PathError>syscall.Errno(28)". Text never appears.
func causes(err error) string {
	var parts []string
	for e := err; e != nil && len(parts) < 12; e = errors.Unwrap(e) {
		part := reflect.TypeOf(e).String()
		var errno syscall.Errno
		if c, ok := e.(coder); ok {
			part += fmt.Sprintf("(%d)", c.Code())
		} else if errors.As(e, &errno) && reflect.TypeOf(e) == reflect.TypeOf(errno) {
			part += fmt.Sprintf("(%d)", uintptr(errno))
		}
		parts = append(parts, part)
	}
	return strings.Join(parts, ">")
}
