package backup_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/experiences"
	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/profile"
	"github.com/goldseam/goldseam/internal/progress"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/journalgen"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	backup.UseCheapWorkFactorForTests()
	os.Exit(m.Run())
}

var ctx = context.Background()

const backupPassphrase = "a different passphrase for the backup"

type rig struct {
	db *store.DB
	u  *vault.Unlocked
}

func newRig(t testing.TB) rig {
	t.Helper()
	return newRigIn(t, t.TempDir())
}

func newRigIn(t testing.TB, dir string) rig {
	t.Helper()
	db, u := testvault.OpenIn(t, dir)
	return rig{db, u}
}

// fill gives the store n generated entries plus the awkward ones, a profile, program
// progress, and a shared space with an agreement, a signature and a tombstone.
func (r rig) fill(t testing.TB, n int) {
	t.Helper()
	entries := journalgen.Make(journalgen.Options{Entries: n, Seed: 7, End: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), Years: 2})
	entries = append(entries,
		journal.Entry{Date: "2026-03-01", Title: "Ünïcödé — 日本語 — עברית", Body: "Emoji 🌱🪴, combining é, RTL ‏שלום‏, zero-width\u200bjoiner, tab\tand \"quotes\" and <b>tags</b>"},
		journal.Entry{Date: "2026-03-02", Title: "A very long entry", Body: strings.Repeat("All the words that would not stop coming. ", 20000)},
		journal.Entry{Date: "2026-03-03", Body: "Only a body", Mood: 2, Feelings: []string{"grief", "hope"}, Tags: []string{"evening"}},
	)
	if err := journal.NewEntries(r.db).SaveMany(ctx, r.u.Key(vault.Journal), entries); err != nil {
		t.Fatal(err)
	}
	jk := r.u.Key(vault.Journal)
	if _, err := profile.Save(ctx, r.db, jk, profile.Profile{Role: "hurt", MyName: "Sam", PartnerName: "Alex",
		Safety:   map[string]string{"hurt": "no", "afraid": "no", "control": "no", "pressured": "rather-not-say"},
		Contacts: []profile.Contact{{Name: "My sister", HowToReach: "her number"}}}); err != nil {
		t.Fatal(err)
	}
	pr := progress.New(r.db)
	if err := pr.SetState(ctx, jk, "safety-first", "done"); err != nil {
		t.Fatal(err)
	}
	if _, err := pr.SaveRecord(ctx, jk, "weigh-trust-honestly", "", map[string]string{"remorse": "Some, I think."}); err != nil {
		t.Fatal(err)
	}
	sk := r.u.Key(vault.Shared)
	sp := space.New(r.db)
	// An agreement and a signature in the shared table, as Goldseam wrote them before the change log.
	if err := sp.Write(ctx, sk, func(tx *space.Tx) error {
		id, err := tx.Put("agreement", "", "", map[string]any{"status": "proposed", "version": 1, "proposedBy": "Sam"})
		if err == nil {
			_, err = tx.Put("agreement-signature", "", id, map[string]any{"agreement": id, "version": 1, "name": "Sam"})
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// An experience as the old table of whole records kept it, then deleted: backups still
	// carry that table.
	walk, _ := sp.Put(ctx, sk, experiences.Kind, "", map[string]string{"title": "A walk", "status": "idea"})
	sp.Delete(ctx, sk, walk)
	r.fillChanges(t)
}

func (r rig) gather(t testing.TB) backup.Snapshot {
	t.Helper()
	s, err := backup.Gather(ctx, r.db, r.u)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(s.Entries, func(a, b journal.Entry) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(s.Exercises, func(a, b progress.Record) int { return strings.Compare(a.ID, b.ID) })
	return s
}

func export(t testing.TB, r rig) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := backup.Encode(&buf, r.gather(t), backupPassphrase, "test", time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// same reports the first difference between two snapshots, or "".
func same(a, b backup.Snapshot) string {
	if len(a.Entries) != len(b.Entries) {
		return fmt.Sprintf("%d entries, then %d", len(a.Entries), len(b.Entries))
	}
	for i := range a.Entries {
		x, y := a.Entries[i], b.Entries[i]
		if x.ID != y.ID || x.Date != y.Date || x.Title != y.Title || x.Body != y.Body || x.Mood != y.Mood ||
			!slices.Equal(x.Feelings, y.Feelings) || !slices.Equal(x.Tags, y.Tags) || x.Step != y.Step ||
			!x.CreatedAt.Equal(y.CreatedAt) || !x.UpdatedAt.Equal(y.UpdatedAt) {
			return fmt.Sprintf("entry %s differs:\n%+v\n%+v", x.ID, x, y)
		}
	}
	if (a.Profile == nil) != (b.Profile == nil) || (a.Profile != nil && fmt.Sprint(*a.Profile) != fmt.Sprint(*b.Profile)) {
		return fmt.Sprintf("profile %+v, then %+v", a.Profile, b.Profile)
	}
	if fmt.Sprint(a.States) != fmt.Sprint(b.States) || fmt.Sprint(a.Exercises) != fmt.Sprint(b.Exercises) {
		return "program progress differs"
	}
	if diff := sameChanges(a.Changes, b.Changes); diff != "" {
		return diff
	}
	if len(a.Shared) != len(b.Shared) {
		return fmt.Sprintf("%d shared records, then %d", len(a.Shared), len(b.Shared))
	}
	for i := range a.Shared {
		x, y := a.Shared[i], b.Shared[i]
		if x.ID != y.ID || x.Kind != y.Kind || x.Clock != y.Clock || x.DeviceID != y.DeviceID || x.Deleted != y.Deleted ||
			!bytes.Equal(x.Content, y.Content) || !x.UpdatedAt.Equal(y.UpdatedAt) {
			return fmt.Sprintf("shared record %s differs", x.ID)
		}
	}
	return ""
}

func TestARoundTripKeepsEverythingExactly(t *testing.T) {
	for _, n := range []int{0, 50, 10_000} {
		t.Run(fmt.Sprintf("%d entries", n), func(t *testing.T) {
			if n > 1000 && testing.Short() {
				t.Skip("short")
			}
			from := newRig(t)
			from.fill(t, n)
			file := export(t, from)
			if bytes.Contains(file, []byte("All the words that would not stop coming")) || bytes.Contains(file, []byte("My sister")) ||
				bytes.Contains(file, []byte(changeCanary)) {
				t.Fatal("the backup holds plain text")
			}
			s, m, err := backup.Decode(bytes.NewReader(file), backupPassphrase)
			if err != nil {
				t.Fatal(err)
			}
			if m.Count("journal.jsonl") != n+3 || m.Format != backup.FormatVersion {
				t.Fatalf("manifest %+v", m)
			}
			to := newRig(t)
			if _, err := backup.Apply(ctx, to.db, to.u, s, backup.Replace); err != nil {
				t.Fatal(err)
			}
			if diff := same(from.gather(t), to.gather(t)); diff != "" {
				t.Fatal(diff)
			}
		})
	}
}

func TestMergingTheSameBackupTwiceAddsNothing(t *testing.T) {
	from := newRig(t)
	from.fill(t, 20)
	s, _, err := backup.Decode(bytes.NewReader(export(t, from)), backupPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	to := newRig(t)
	journal.NewEntries(to.db).SaveMany(ctx, to.u.Key(vault.Journal), []journal.Entry{{Date: "2027-02-02", Body: "written here before the merge"}})
	first, err := backup.Apply(ctx, to.db, to.u, s, backup.Merge)
	if err != nil || first.EntriesAdded != 23 || first.ChangesAdded != 6 {
		t.Fatalf("first merge %+v %v", first, err)
	}
	second, err := backup.Apply(ctx, to.db, to.u, s, backup.Merge)
	if err != nil || second.EntriesAdded+second.EntriesUpdated+second.ProgressChanged+second.SharedAdded+second.SharedUpdated+second.ChangesAdded != 0 || second.ProfileRestored {
		t.Fatalf("second merge changed %+v %v", second, err)
	}
	got := to.gather(t)
	if len(got.Entries) != 24 {
		t.Fatalf("%d entries after merging, want 24 (23 + the one written here)", len(got.Entries))
	}
}

func TestBadBackupsAreRefusedWithTheirReason(t *testing.T) {
	r := newRig(t)
	r.fill(t, 5)
	file := export(t, r)
	for name, tc := range map[string]struct {
		data []byte
		pass string
		want error
	}{
		"wrong passphrase": {file, "not the passphrase", backup.ErrWrongPassphrase},
		"not an age file":  {[]byte("hello, this is a text file\n"), backupPassphrase, backup.ErrNotABackup},
		"empty":            {nil, backupPassphrase, backup.ErrNotABackup},
		"cut short":        {file[:len(file)/2], backupPassphrase, backup.ErrDamaged},
		"last byte gone":   {file[:len(file)-1], backupPassphrase, backup.ErrDamaged},
	} {
		t.Run(name, func(t *testing.T) {
			if _, _, err := backup.Decode(bytes.NewReader(tc.data), tc.pass); !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func TestTheOpenExportHoldsEveryEntryAsMarkdownAndEverythingAsJSON(t *testing.T) {
	r := newRig(t)
	r.fill(t, 40)
	s := r.gather(t)
	dir, err := backup.WriteOpen(t.TempDir(), s, "test", time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "journal", "*.md"))
	if len(files) != len(s.Entries) {
		t.Fatalf("%d Markdown files for %d entries", len(files), len(s.Entries))
	}
	all := ""
	for _, f := range files {
		data, _ := os.ReadFile(f)
		all += string(data)
	}
	for _, e := range s.Entries {
		if !strings.Contains(all, "id: "+e.ID+"\n") || !strings.Contains(all, e.Body) {
			t.Fatalf("entry %s is not in the Markdown files", e.ID)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "goldseam.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Journal []struct{ ID, Body string }
		Profile struct{ MyName string }
		Shared  []json.RawMessage
		// The change log, as a backup's shared_changes.jsonl holds it.
		SharedChanges []space.Portable
	}
	if err := json.Unmarshal(data, &doc); err != nil || len(doc.Journal) != len(s.Entries) || doc.Profile.MyName != "Sam" || len(doc.Shared) != len(s.Shared) {
		t.Fatalf("goldseam.json: %d entries, profile %q, %d shared, %v", len(doc.Journal), doc.Profile.MyName, len(doc.Shared), err)
	}
	if diff := sameChanges(doc.SharedChanges, s.Changes); diff != "" || len(s.Changes) != 6 {
		t.Fatalf("goldseam.json's changes: %s", diff)
	}
}
