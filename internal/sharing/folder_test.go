package sharing_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/sharing"
)

// TestOnlyTheLocalExchangeFolderInsideTheDataFolderIsAllowed: the local exchange folder of
// people who share one computer is the one folder inside the data folder CheckFolder takes;
// the data folder itself, any other folder in it, and a folder merely named like it
// elsewhere inside are still refused.
func TestOnlyTheLocalExchangeFolderInsideTheDataFolderIsAllowed(t *testing.T) {
	dataDir := t.TempDir()
	local := sharing.LocalExchange(dataDir)
	other := filepath.Join(dataDir, "elsewhere")
	nested := filepath.Join(dataDir, "people", "2", sharing.LocalExchangeFolder)
	for _, dir := range []string{local, other, nested} {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := sharing.CheckFolder(local, dataDir); err != nil || got != local {
		t.Fatalf("the local exchange folder: got %q, %v; want it taken", got, err)
	}
	for _, refused := range []string{dataDir, other, nested} {
		_, err := sharing.CheckFolder(refused, dataDir)
		if apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("%s inside the data folder: got %v, want it refused", refused, err)
		}
	}
	outside := t.TempDir()
	if _, err := sharing.CheckFolder(outside, dataDir); err != nil {
		t.Errorf("a folder outside the data folder: %v", err)
	}
}
