package backup_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// changeCanary is a word written only inside the change log's values.
const changeCanary = "lanternchangecanary"

var (
	partner1 = space.Person{Role: "partner-1", Name: "Sam"}
	partner2 = space.Person{Role: "partner-2", Name: "Alex"}
)

// fillChanges gives the store's change log what two people on two devices wrote: each their
// own changes, an edit that sent a value to the history, and a true tie on one field. Alex
// writes on a copy of their own (another data file, the same shared key), merged in after.
func (r rig) fillChanges(t testing.TB) {
	t.Helper()
	sk := r.u.Key(vault.Shared)
	sam := space.NewLog(r.db, sk, space.Author{Signer: mergesim.NewSigner(), Person: partner1})
	alex := space.NewLog(testvault.OpenStore(t, t.TempDir()), sk, space.Author{Signer: mergesim.NewSigner(), Person: partner2})
	appendTo := func(l *space.Log, drafts ...space.Draft) {
		t.Helper()
		if _, err := l.Append(ctx, drafts...); err != nil {
			t.Fatal(err)
		}
	}
	merge := func(into, from *space.Log) {
		t.Helper()
		all, err := from.All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := into.Merge(ctx, all); err != nil || n.Refused != 0 {
			t.Fatalf("merge %+v %v", n, err)
		}
	}
	const ag = "5b7d5a4e-1111-4c1e-9a51-0f0d4a3c2b10"
	appendTo(sam, space.Draft{Record: ag, Kind: "agreement", Value: map[string]string{"what": "We say where we are going, " + changeCanary}},
		space.Draft{Record: ag, Kind: "agreement", Field: "reviewOn", Value: "2027-03-01"})
	merge(alex, sam)
	appendTo(alex, space.Draft{Record: ag, Kind: "agreement", Field: "title", Value: "Where we are"})
	appendTo(alex, space.Draft{Record: ag, Kind: "agreement", Field: "reviewOn", Value: "2027-04-01"},
		space.Draft{Record: space.PersonalRecordID("checkin-answer", "c1", partner2), Kind: "checkin-answer", Parent: "c1", Field: "rating", Value: 4})
	appendTo(sam, space.Draft{Record: ag, Kind: "agreement", Field: "title", Value: "Saying where we go"}) // clock 3, as Alex's title: a tie
	merge(sam, alex)
}

// sameChanges reports the first difference between two change logs, or "".
func sameChanges(a, b []space.Portable) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%d shared changes, then %d", len(a), len(b))
	}
	for i := range a {
		// As a backup carries them: what a Portable remembers of its own checks is not carried.
		x, _ := json.Marshal(a[i])
		y, _ := json.Marshal(b[i])
		if !bytes.Equal(x, y) {
			return fmt.Sprintf("shared change %s differs:\n%s\n%s", a[i].ID, x, y)
		}
	}
	return ""
}

func logOf(r rig) *space.Log { return space.NewLog(r.db, r.u.Key(vault.Shared), space.Author{}) }

func TestTheChangeLogOfTwoAuthorsSurvivesABackupWithItsTiesAndHistory(t *testing.T) {
	from := newRig(t)
	from.fill(t, 5)
	want, err := logOf(from).State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rec := want.Records["5b7d5a4e-1111-4c1e-9a51-0f0d4a3c2b10"]
	if !rec.Fields["title"].Conflict || len(rec.Fields["reviewOn"].History) != 1 {
		t.Fatalf("the space to back up has no tie or no history: %+v", rec)
	}
	s, m, err := backup.Decode(bytes.NewReader(export(t, from)), backupPassphrase)
	if err != nil || m.Format != 2 || m.Count("shared_changes.jsonl") != 6 {
		t.Fatalf("manifest %+v, %v", m, err)
	}
	dir := t.TempDir()
	to := newRigIn(t, dir) // another vault: another shared key, so every change is sealed again
	if res, err := backup.Apply(ctx, to.db, to.u, s, backup.Replace); err != nil || res.ChangesAdded != 6 {
		t.Fatalf("restore %+v %v", res, err)
	}
	// What the changes say is sealed as it is written: never in the data folder's files.
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) == 0 {
		t.Fatal("no data file to look in")
	}
	for _, f := range files {
		if data, _ := os.ReadFile(f); bytes.Contains(data, []byte(changeCanary)) {
			t.Fatalf("%s holds a change's words in the clear", filepath.Base(f))
		}
	}
	got, err := logOf(to).State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("the fold differs after the restore:\n%+v\n%+v", got, want)
	}
	before, _ := logOf(from).All(ctx)
	after, _ := logOf(to).All(ctx)
	for i := range before {
		x, y := before[i], after[i]
		if x.ID != y.ID || x.Header != y.Header || !bytes.Equal(x.Sig, y.Sig) || !bytes.Equal(x.Pub, y.Pub) || bytes.Equal(x.Sealed, y.Sealed) {
			t.Fatalf("change %d: %v, then %v (sealed again: %v)", i, x, y, !bytes.Equal(x.Sealed, y.Sealed))
		}
	}
}

func TestReplacingGivesExactlyTheBackupsChangeLog(t *testing.T) {
	from := newRig(t)
	from.fillChanges(t)
	s, _, err := backup.Decode(bytes.NewReader(export(t, from)), backupPassphrase)
	if err != nil {
		t.Fatal(err)
	}
	to := newRig(t)
	to.fillChanges(t) // six changes of its own, none of them the backup's
	if _, err := backup.Apply(ctx, to.db, to.u, s, backup.Merge); err != nil {
		t.Fatal(err)
	}
	if all, _ := logOf(to).All(ctx); len(all) != 12 {
		t.Fatalf("merging: %d changes, want the union of 12", len(all))
	}
	if _, err := backup.Apply(ctx, to.db, to.u, s, backup.Replace); err != nil {
		t.Fatal(err)
	}
	if diff := sameChanges(to.gather(t).Changes, s.Changes); diff != "" {
		t.Fatalf("after replacing: %s", diff)
	}
}

// TestAnAlteredChangeRefusesTheWholeBackup: a backup whose digests are right (made by someone
// holding its passphrase) but one of whose changes says other words, names another person or
// carries another clock is refused whole, with its own reason, and nothing is restored.
func TestAnAlteredChangeRefusesTheWholeBackup(t *testing.T) {
	from := newRig(t)
	from.fill(t, 5)
	good := from.gather(t)
	to := newRig(t)
	to.fill(t, 3)
	before := to.gather(t)
	for name, alter := range map[string]func(*space.Portable){
		"words":  func(p *space.Portable) { p.Value = strings.Replace(p.Value, "going", "staying", 1) },
		"person": func(p *space.Portable) { p.Person = partner2 },
		"clock":  func(p *space.Portable) { p.Clock, p.Header = p.Clock+1, good.Changes[1].Header },
	} {
		t.Run(name, func(t *testing.T) {
			s := good
			s.Changes = append([]space.Portable{}, good.Changes...)
			alter(&s.Changes[0])
			var buf bytes.Buffer
			if _, err := backup.Encode(&buf, s, backupPassphrase, "test", time.Now(), nil); err != nil {
				t.Fatal(err)
			}
			_, _, err := backup.Decode(bytes.NewReader(buf.Bytes()), backupPassphrase)
			if !errors.Is(err, backup.ErrAltered) || errors.Is(err, backup.ErrDamaged) {
				t.Fatalf("got %v, want only ErrAltered", err)
			}
			if _, err := backup.Apply(ctx, to.db, to.u, s, backup.Replace); !errors.Is(err, vault.ErrTampered) {
				t.Fatalf("applied anyway: %v", err)
			}
			if diff := same(before, to.gather(t)); diff != "" {
				t.Fatalf("the store changed: %s", diff)
			}
		})
	}
}
