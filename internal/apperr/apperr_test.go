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
