package space_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// twoLogs returns two copies of a space, each its own data file and device, holding one
// shared key: Alex's and Sam's.
func twoLogs(t *testing.T) (a, b *space.Log, key *vault.ContentKey) {
	t.Helper()
	_, key = testvault.OpenKey(t, vault.Shared)
	a = space.NewLog(testvault.OpenStore(t, t.TempDir()), key, space.Author{Signer: mergesim.NewSigner(), Person: alex})
	b = space.NewLog(testvault.OpenStore(t, t.TempDir()), key, space.Author{Signer: mergesim.NewSigner(), Person: sam})
	return a, b, key
}

func mustAppend(t *testing.T, l *space.Log, drafts ...space.Draft) []space.Change {
	t.Helper()
	out, err := l.Append(context.Background(), drafts...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustAll(t *testing.T, l *space.Log) []space.Change {
	t.Helper()
	out, err := l.All(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMergeAddsWhatIsNewOnceAndMovesTheClockPast(t *testing.T) {
	ctx := context.Background()
	a, b, _ := twoLogs(t)
	mustAppend(t, a, space.Draft{Record: "r", Kind: "agreement", Value: "we walk"},
		space.Draft{Record: "r", Kind: "agreement", Field: "title", Value: "Walks"})
	mustAppend(t, a, space.Draft{Record: "r", Kind: "agreement", Field: "title", Value: "Sunday walks"})
	fromA := mustAll(t, a)
	if len(fromA) != 3 || fromA[2].Clock != 3 {
		t.Fatalf("A's changes %v: want clocks 1, 2, 3", fromA)
	}
	if n, err := b.Merge(ctx, fromA); err != nil || n != (space.MergeCount{Added: 3}) {
		t.Fatalf("first merge %+v %v", n, err)
	}
	if n, _ := b.Merge(ctx, append(fromA, fromA[0])); n != (space.MergeCount{Duplicate: 4}) {
		t.Fatalf("merging again %+v: want only duplicates", n)
	}
	if got := mustAppend(t, b, space.Draft{Record: "r", Kind: "agreement", Field: "title", Value: "Walks together"}); got[0].Clock != 4 {
		t.Fatalf("B's next clock %d, want 4: past every clock merged", got[0].Clock)
	}
	rec, ok, err := b.Record(ctx, "r")
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	f := rec.Fields["title"]
	if v, _ := f.Value(); string(v) != `"Walks together"` || f.Current[0].Person != sam || len(f.History) != 2 || f.History[0].Person != alex {
		t.Fatalf("title %+v", f)
	}
	if st, _ := b.Kind(ctx, "checkin"); len(st.Records) != 0 {
		t.Fatalf("kind checkin holds %v", st.Records)
	}
}

// Two people change one field at the same clock; each copy shows both values until one of
// them chooses, and the choice travels like any change, leaving both in the history.
func TestATieIsChosenOnOneDeviceAndSettledOnBoth(t *testing.T) {
	ctx := context.Background()
	a, b, _ := twoLogs(t)
	mustAppend(t, a, space.Draft{Record: "r", Kind: "agreement", Field: "review", Value: "1 June"})
	mustAppend(t, b, space.Draft{Record: "r", Kind: "agreement", Field: "review", Value: "1 July"})
	a.Merge(ctx, mustAll(t, b))
	b.Merge(ctx, mustAll(t, a))
	rec, _, _ := a.Record(ctx, "r")
	f := rec.Fields["review"]
	if !f.Conflict || len(f.Current) != 2 {
		t.Fatalf("no tie: %+v", f)
	}
	if _, err := space.Choose(rec, "review", "no-such-change"); !errors.Is(err, space.ErrNotACandidate) {
		t.Fatalf("chose a change that is not a candidate: %v", err)
	}
	july := f.Current[0]
	if string(july.Value) != `"1 July"` {
		july = f.Current[1]
	}
	draft, err := space.Choose(rec, "review", july.Change)
	if err != nil {
		t.Fatal(err)
	}
	mustAppend(t, a, draft)
	b.Merge(ctx, mustAll(t, a))
	for _, l := range []*space.Log{a, b} {
		rec, _, _ := l.Record(ctx, "r")
		f := rec.Fields["review"]
		if v, ok := f.Value(); !ok || string(v) != `"1 July"` || len(f.History) != 2 {
			t.Fatalf("after the choice: %+v", f)
		}
	}
}

// The words of a change and the names of the people never reach the data file in the clear.
func TestChangesKeepTheirWordsAndNamesOffTheDisk(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	_, key := testvault.OpenKey(t, vault.Shared)
	db, err := store.Open(ctx, testvault.Path(dir))
	if err != nil {
		t.Fatal(err)
	}
	person := space.Person{Role: "a", Name: "Canaryname Quillfeather"}
	l := space.NewLog(db, key, space.Author{Signer: mergesim.NewSigner(), Person: person})
	words := []string{"canary-plum-violin", "canary-harbour-sleet", "canary-lantern-moss"}
	for i, w := range words {
		mustAppend(t, l, space.Draft{Record: "r", Kind: "agreement", Field: "title", Value: w + " and more"},
			space.Draft{Record: space.PersonalRecordID("checkin-answer", "r", person), Kind: "checkin-answer", Parent: "r",
				Field: "note", Value: map[string]any{"note": w, "n": i}})
	}
	if st, err := l.State(ctx); err != nil || len(st.Records) != 2 {
		t.Fatalf("state %v %v", st, err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	scanned := 0
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(path)
		scanned += len(data)
		for _, w := range append(words, person.Name) {
			if bytes.Contains(data, []byte(w)) {
				t.Errorf("%s holds %q in the clear", path, w)
			}
		}
		return nil
	})
	if scanned < 6*1024 {
		t.Fatalf("scanned only %d bytes: the changes never reached the disk", scanned)
	}
}

// A passphrase change reseals every payload under new keys; ids and signatures cover the
// commitment, not the ciphertext, so every change still checks and folds as before.
func TestAPassphraseChangeKeepsEveryChangeValid(t *testing.T) {
	ctx := context.Background()
	db, u := testvault.Open(t)
	author := space.Author{Signer: mergesim.NewSigner(), Person: alex}
	before := mustAppend(t, space.NewLog(db, u.Key(vault.Shared), author),
		space.Draft{Record: "r", Kind: "agreement", Field: "title", Value: "before the change"})
	if _, err := u.SetPassphrase(ctx, db, []byte("another passphrase, long enough"), vault.Calibrate()); err != nil {
		t.Fatal(err)
	}
	l := space.NewLog(db, u.Key(vault.Shared), author)
	after := mustAll(t, l)
	if len(after) != 1 || after[0].ID != before[0].ID || bytes.Equal(after[0].Sealed, before[0].Sealed) {
		t.Fatalf("after the rotation %v: want the same change, resealed", after)
	}
	rec, _, err := l.Record(ctx, "r")
	if v, _ := rec.Fields["title"].Value(); err != nil || string(v) != `"before the change"` {
		t.Fatalf("after the rotation: %s %v", v, err)
	}
}
