package apperr_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/apperr"
)

func decode(t *testing.T, s string) apperr.Payload {
	t.Helper()
	var p apperr.Payload
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		t.Fatalf("format produced invalid JSON %q: %v", s, err)
	}
	return p
}

func TestFormatKeepsCodeAndMessageThroughWrapping(t *testing.T) {
	err := fmt.Errorf("save entry: %w", apperr.New(apperr.Locked, "Goldseam is locked."))
	p := decode(t, apperr.Format(err))
	if p.Code != apperr.Locked || p.Message != "Goldseam is locked." {
		t.Fatalf("got %+v", p)
	}
}

func TestFormatHidesInternalDetail(t *testing.T) {
	secret := "/home/ann/.local/share/goldseam/goldseam.db: disk I/O error"
	for _, err := range []error{
		errors.New(secret),
		apperr.Wrap(apperr.Internal, secret, errors.New("cause")),
	} {
		p := decode(t, apperr.Format(err))
		if p.Code != apperr.Internal {
			t.Errorf("code: got %q", p.Code)
		}
		if strings.Contains(p.Message, "goldseam.db") || p.Message == "" {
			t.Errorf("internal detail reached the message: %q", p.Message)
		}
	}
}

func TestWrapKeepsCauseForErrorsIs(t *testing.T) {
	cause := errors.New("cause")
	err := apperr.Wrap(apperr.Conflict, "It changed.", cause)
	if !errors.Is(err, cause) {
		t.Fatal("cause lost")
	}
	if apperr.CodeOf(err) != apperr.Conflict {
		t.Fatal("code lost")
	}
}

func TestErrorfFormatsTheSentenceAndOpOfFindsTheCall(t *testing.T) {
	err := apperr.Errorf(apperr.Invalid, "A list can hold up to %d people.", 12)
	if apperr.CodeOf(err) != apperr.Invalid || apperr.MessageOf(err) != "A list can hold up to 12 people." {
		t.Fatalf("got %q %q", apperr.CodeOf(err), apperr.MessageOf(err))
	}
	named := &apperr.Error{Code: apperr.Internal, Op: "Journal.Save", Err: errors.New("cause")}
	for _, e := range []error{named, fmt.Errorf("outer: %w", named), apperr.Wrap(apperr.Internal, "", named)} {
		if got := apperr.OpOf(e); got != "Journal.Save" {
			t.Errorf("OpOf(%v) = %q", e, got)
		}
	}
	if got := apperr.OpOf(errors.New("plain")); got != "" {
		t.Errorf("a plain error names %q", got)
	}
}
