package exchange_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/exchange"
	"github.com/goldseam/goldseam/internal/testkit/figures"
)

// What sync engines and people leave in the folder (conflict copies, cloud placeholders,
// partial downloads, folders and links named like change files, a file too large, another
// device's files) is listed with a reason and never opened or parsed, even when its bytes are
// a valid change file; the one real change file beside them is taken. make reliability
// reports foreign_files_parsed.
func TestForeignFilesAreListedAndNeverParsed(t *testing.T) {
	root := t.TempDir()
	alex, sam, mallory := newPeer(t, "Alex"), newPeer(t, "Sam"), newPeer(t, "Mallory")
	key := mustKey(t, 1)
	good := alex.write(t, root, key, alex.changes(t, 2))
	valid, err := os.ReadFile(good.Path)
	if err != nil {
		t.Fatal(err)
	}
	strange := mallory.write(t, root, key, mallory.changes(t, 1))

	dir := deviceDir(root, alex.id.ID())
	stem := strings.TrimSuffix(good.Name, exchange.Ext)
	want := map[string]string{ // path -> a word of its reason
		filepath.Join(dir, stem+".sync-conflict-20261202-031500-ABCDEFG"+exchange.Ext): "Syncthing",
		filepath.Join(dir, stem+" (Sam's conflicted copy 2026-12-02)"+exchange.Ext):    "Dropbox",
		filepath.Join(dir, "."+good.Name+".icloud"):                                    "iCloud",
		filepath.Join(dir, "~syncthing~"+good.Name+".tmp"):                             "Syncthing is still receiving",
		filepath.Join(dir, ".syncthing."+good.Name+".tmp"):                             "Syncthing is still receiving",
		filepath.Join(dir, ".goldseam-tmp-123"+exchange.Ext):                           "still being written",
		filepath.Join(dir, strings.ToUpper(stem)+exchange.Ext):                         "not a change file",
		filepath.Join(dir, "0"+good.Name):                                              "not a change file",
		filepath.Join(dir, "notes.txt"):                                                "not a change file",
		filepath.Join(dir, exchange.FileName(7, exchange.Hash{7})):                     "not a plain file",
		filepath.Join(dir, exchange.FileName(8, exchange.Hash{8})):                     "not a plain file",
		filepath.Join(dir, exchange.FileName(9, exchange.Hash{9})):                     "larger than",
		strange.Path: "not paired",
		filepath.Join(root, exchange.Dir, spaceID, "README.txt"):     "only devices' folders",
		filepath.Join(root, exchange.Dir, spaceID, "Backup of Alex"): "did not make",
	}
	for path, why := range want {
		switch {
		case path == strange.Path:
		case why == "did not make":
			copyFile(t, good.Path, filepath.Join(path, good.Name))
		case strings.HasSuffix(path, exchange.FileName(7, exchange.Hash{7})):
			copyFile(t, good.Path, filepath.Join(path, good.Name)) // a folder named like a change file
		case strings.HasSuffix(path, exchange.FileName(8, exchange.Hash{8})):
			if err := os.Symlink(good.Path, path); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
		case strings.HasSuffix(path, exchange.FileName(9, exchange.Hash{9})):
			writeFile(t, path, valid)
			if err := os.Truncate(path, exchange.MaxFileSize+1); err != nil {
				t.Fatal(err)
			}
		default:
			writeFile(t, path, valid) // the bytes of a real, valid change file
		}
	}

	opened := map[string]bool{}
	stop := exchange.WatchOpens(func(p string) { opened[p] = true })
	defer stop()
	before := exchange.Parses()
	res := mustScan(t, root, []exchange.Key{key}, trustOf(alex, sam), sam)
	parsed := exchange.Parses() - before - 1 // the one real change file is parsed
	stop()
	for p := range opened {
		if _, foreign := want[p]; foreign {
			parsed++
		}
	}
	figures.Record("foreign_files_parsed", parsed)
	if parsed != 0 {
		t.Fatalf("%d foreign files were parsed or opened: %v", parsed, opened)
	}
	if len(res.Changes) != 1 || res.Changes[0].Hash != good.Hash || len(res.Retry)+len(res.Refused) != 0 {
		t.Fatalf("the real file beside them: %+v", res)
	}
	got := map[string]string{}
	for _, f := range res.Foreign {
		got[f.Path] = f.Reason
	}
	for path, why := range want {
		if !strings.Contains(got[path], why) {
			t.Errorf("%s: reason %q, want one saying %q", filepath.Base(path), got[path], why)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d foreign entries listed, want %d: %v", len(got), len(want), got)
	}
}
