package api_test

import (
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
)

func TestOpenExternalPassesOnlySafeLinks(t *testing.T) {
	h := &recordingHost{}
	sys := api.NewSystem(h, t.TempDir())
	if err := sys.OpenExternal("https://example.org/help"); err != nil {
		t.Fatal(err)
	}
	err := sys.OpenExternal("javascript:alert(1)")
	if apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("unsafe link: got %v, want invalid", err)
	}
	if len(h.opened) != 1 || h.opened[0] != "https://example.org/help" {
		t.Fatalf("opened %v", h.opened)
	}
}

func TestInfoReportsDataFolder(t *testing.T) {
	dir := t.TempDir()
	info, err := api.NewSystem(&recordingHost{}, dir).Info()
	if err != nil {
		t.Fatal(err)
	}
	if info.DataDir != dir || info.Name != "Goldseam" || info.Version == "" {
		t.Fatalf("got %+v", info)
	}
}
