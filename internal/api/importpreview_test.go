package api_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/testkit/dayonegen"
)

// A Day One export of three journals is shown before anything is written (how many
// entries, the dates, the journals), then imported with progress, and the result adds up.
// The second time, everything is already here and nothing is added.
func TestPreviewThenImportADayOneExportOfThreeJournals(t *testing.T) {
	r := newVaultRig(t)
	b := api.NewBackup(r.host, r.db, r.session, nil)
	j := api.NewJournal(r.db, r.session, nil)
	r.create(t)
	zip := dayonegen.Zip(3, dayonegen.Journal{Name: "Journal", Entries: 1500},
		dayonegen.Journal{Name: "Travel", Entries: 40}, dayonegen.Journal{Name: "Work notes", Entries: 25})
	r.host.savePath = filepath.Join(t.TempDir(), "Export-All Journals.zip")
	os.WriteFile(r.host.savePath, zip, 0o600)

	p, err := b.PreviewImport("dayone")
	if err != nil {
		t.Fatal(err)
	}
	if p.Entries != 1565 || p.AlreadyHere != 0 || p.File != "Export-All Journals.zip" || p.First == "" || p.Last < p.First ||
		!reflect.DeepEqual(p.Journals, []string{"Journal", "Travel", "Work notes"}) {
		t.Fatalf("preview %+v", p)
	}
	if list, _ := j.List(0, 10); list.Total != 0 {
		t.Fatal("the preview wrote entries")
	}
	res, err := b.Import()
	if err != nil || res.Added != 1565 || res.Unchanged != 0 || res.Differ != 0 {
		t.Fatalf("import %+v %v", res, err)
	}
	told := r.host.Told("import:progress")
	if len(told) < 3 || told[len(told)-1] != (api.ImportProgress{Done: 1565, Total: 1565}) {
		t.Fatalf("progress %v", told)
	}
	if _, err := b.Import(); err == nil {
		t.Fatal("the same preview was imported twice")
	}
	again, err := b.PreviewImport("dayone")
	if err != nil || again.AlreadyHere != 1565 {
		t.Fatalf("preview again %+v %v", again, err)
	}
	res, err = b.Import()
	if err != nil || res.Added != 0 || res.Unchanged != 1565 {
		t.Fatalf("second import %+v %v", res, err)
	}
}

// What was previewed is dropped at lock: the next person to unlock cannot import it.
func TestAPreviewIsDroppedAtLock(t *testing.T) {
	r := newVaultRig(t)
	b := api.NewBackup(r.host, r.db, r.session, nil)
	r.create(t)
	r.host.savePath = "../importer/testdata/journal.txt"
	if _, err := b.PreviewImport("jrnl"); err != nil {
		t.Fatal(err)
	}
	r.svc.Lock()
	_, err := b.Import()
	wantCode(t, err, apperr.Invalid)
}

func TestImportFormatsSayWhatTheyKeep(t *testing.T) {
	r := newVaultRig(t)
	b := api.NewBackup(r.host, r.db, r.session, nil)
	for _, f := range b.ImportFormats() {
		if f.ID == "" || f.Name == "" || f.Keeps == "" {
			t.Fatalf("format %+v", f)
		}
	}
}

// lockOnProgress is the window, with a person who locks Goldseam as soon as the import has
// written its first batch.
type lockOnProgress struct {
	*recordingHost
	lock func()
	once bool
}

func (h *lockOnProgress) Emit(event string, data any) {
	h.recordingHost.Emit(event, data)
	if p, ok := data.(api.ImportProgress); ok && event == "import:progress" && p.Done > 0 && !h.once {
		h.once = true
		h.lock()
	}
}

// A lock stops an import between batches: what was written stays, the rest is not written,
// and importing the export again after unlocking adds only the rest.
func TestALockStopsAnImportBetweenBatches(t *testing.T) {
	r := newVaultRig(t)
	host := &lockOnProgress{recordingHost: r.host, lock: func() { r.svc.Lock() }}
	b := api.NewBackup(host, r.db, r.session, nil)
	r.create(t)
	r.host.savePath = filepath.Join(t.TempDir(), "export.zip")
	os.WriteFile(r.host.savePath, dayonegen.Zip(5, dayonegen.Journal{Name: "Journal", Entries: 1200}), 0o600)
	if _, err := b.PreviewImport("dayone"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Import(); err == nil {
		t.Fatal("the import went on after the lock")
	}
	if err := r.svc.Unlock(passphrase); err != nil {
		t.Fatal(err)
	}
	p, err := b.PreviewImport("dayone")
	if err != nil || p.AlreadyHere != 500 {
		t.Fatalf("after the lock %d were here, want the first batch of 500 (%v)", p.AlreadyHere, err)
	}
	res, err := b.Import()
	if err != nil || res.Added != 700 || res.Unchanged != 500 {
		t.Fatalf("importing again %+v %v", res, err)
	}
}
