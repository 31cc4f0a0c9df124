package api_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/backup"
	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/vault"
)

// format1Backup is the format 1 backup internal/backup keeps (made before backups carried the
// change log), with its passphrase.
var format1Backup = filepath.Join("..", "backup", "testdata", "format1.age")

const format1Passphrase = "an old backup from before the change log"

// TestAFormat1BackupsRecordsMoveOntoTheLogAsAnOldFilesDo restores the format 1 backup through
// the service and finds its shared records on the change log: the move that runs at unlock
// ran after the restore too. A stand-in move (good experiences, as the old table has them)
// is used, so the test holds whichever kinds have moved; restoring again adds nothing. The
// format 1 backup's check-ins, agreements and experiences go through their kinds' own moves,
// the same code.
func TestAFormat1BackupsRecordsMoveOntoTheLogAsAnOldFilesDo(t *testing.T) {
	backup.UseCheapWorkFactorForTests()
	moves := 0
	defer api.AddSpaceMoveForTest(func(ctx context.Context, old *space.Space, key *vault.ContentKey, log *space.Log, _ space.CoupleSettings) error {
		moves++
		recs, err := old.List(ctx, key, "experience", "")
		if err != nil {
			return err
		}
		for _, r := range recs {
			// A record id of its own, so the real moves (experiences' among them, once it has
			// moved) and this one never meet.
			id := "test-moved-" + r.ID
			if _, on, err := log.Record(ctx, id); err != nil || on {
				continue
			}
			if _, err := log.Append(ctx, space.Draft{Record: id, Kind: "test-moved-experience", Value: json.RawMessage(r.Content)}); err != nil {
				return err
			}
		}
		return nil
	})()
	r := newVaultRig(t)
	r.create(t)
	b := api.NewBackup(r.host, r.db, r.session, nil)
	r.host.savePath = format1Backup
	seen, err := b.Inspect(format1Passphrase)
	if err != nil || seen.Shared != 9 || seen.SharedChanges != 0 {
		t.Fatalf("inspect %+v %v", seen, err)
	}
	before := moves
	for i, mode := range []string{"replace", "merge"} {
		res, err := b.Restore(format1Passphrase, mode)
		if err != nil || res.SharedChangesAdded != 0 {
			t.Fatalf("restore %d: %+v %v", i, res, err)
		}
		if moves != before+i+1 {
			t.Fatalf("after restore %d the move ran %d times", i, moves-before)
		}
		n := 0
		r.session.WithKeys(func(u *vault.Unlocked) error {
			all, err := space.NewLog(r.db, u.Key(vault.Shared), space.Author{}).Kind(context.Background(), "test-moved-experience")
			n = len(all.Records)
			return err
		})
		if n != 1 {
			t.Fatalf("after restore %d, %d experiences on the log, want the backup's 1", i, n)
		}
	}
}

// TestABackupWithAnAlteredChangeIsRefusedInPlainWords: a backup whose change says other words
// than its device signed is refused at the preview, with its own sentence, before anything
// could be restored.
func TestABackupWithAnAlteredChangeIsRefusedInPlainWords(t *testing.T) {
	backup.UseCheapWorkFactorForTests()
	r := newVaultRig(t)
	r.create(t)
	var s backup.Snapshot
	err := r.session.WithKeys(func(u *vault.Unlocked) error {
		ctx := context.Background()
		l := space.NewLog(r.db, u.Key(vault.Shared), space.Author{Signer: mergesim.NewSigner(), Person: space.Person{Role: "partner-1", Name: "Sam"}})
		if _, err := l.Append(ctx, space.Draft{Record: "r", Kind: "agreement", Value: "We walk on Sundays."}); err != nil {
			return err
		}
		var err error
		s, err = backup.Gather(ctx, r.db, u)
		return err
	})
	if err != nil || len(s.Changes) != 1 {
		t.Fatalf("%d changes: %v", len(s.Changes), err)
	}
	s.Changes[0].Value = `"We walk on Mondays."`
	path := filepath.Join(t.TempDir(), "altered.age")
	if _, err := backup.WriteFile(path, s, "backup passphrase", "test", time.Now(), nil); err != nil {
		t.Fatal(err)
	}
	r.host.savePath = path
	_, err = api.NewBackup(r.host, r.db, r.session, nil).Inspect("backup passphrase")
	wantCode(t, err, apperr.Invalid)
	if msg := apperr.MessageOf(err); !strings.Contains(msg, "was changed after it was signed") || !strings.Contains(msg, "Nothing was changed") {
		t.Fatalf("the sentence is %q", msg)
	}
}

// TestCheckInsTravelInABackupWithWhoWroteThem backs up a computer whose old check-in was moved
// onto the change log and restores it into another Goldseam: the check-in, each partner's
// answer and who wrote it are there, as changes made on another computer; restoring again
// adds nothing. A backup whose check-in is still in the old table (made before the move)
// reaches the log by the move that runs after the restore.
func TestCheckInsTravelInABackupWithWhoWroteThem(t *testing.T) {
	backup.UseCheapWorkFactorForTests()
	six := 6
	oldCheckIn := func(r *vaultRig) {
		sp := api.NewSpace(r.db, r.session)
		if _, err := sp.SaveSettings(api.SpaceSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}); err != nil {
			t.Fatal(err)
		}
		withShared(t, r, func(ctx context.Context, key *vault.ContentKey) error {
			_, err := checkins.Old(space.New(r.db)).Save(ctx, key, checkins.OldCheckIn{On: "2026-11-20", Hard: "Sunday evening felt quiet.",
				Ratings: []checkins.Rating{{Name: "Sam", Safety: &six}, {Name: "Alex", Trust: &six}}})
			return err
		})
	}
	from := newVaultRig(t)
	from.create(t)
	oldCheckIn(from)
	notMoved := filepath.Join(t.TempDir(), "before the move.age")
	if _, err := api.NewBackupFiles(from.host, from.db, from.session).ExportTo(notMoved, "backup passphrase"); err != nil {
		t.Fatal(err)
	}
	if err := from.svc.Lock(); err != nil {
		t.Fatal(err)
	}
	if err := from.svc.Unlock(passphrase); err != nil { // the check-in moves onto the log
		t.Fatal(err)
	}
	moved := filepath.Join(t.TempDir(), "after the move.age")
	if c, err := api.NewBackupFiles(from.host, from.db, from.session).ExportTo(moved, "backup passphrase"); err != nil || c.SharedChanges == 0 {
		t.Fatalf("export %+v %v", c, err)
	}
	for _, file := range []string{moved, notMoved} {
		to := newVaultRig(t)
		to.create(t)
		files := api.NewBackupFiles(to.host, to.db, to.session)
		for i, mode := range []string{"replace", "merge"} {
			res, err := files.Restore(file, "backup passphrase", mode)
			if err != nil || i == 1 && res.SharedChangesAdded != 0 {
				t.Fatalf("%s, restore %d: %+v %v", filepath.Base(file), i, res, err)
			}
			list, err := api.NewCheckIns(to.db, to.session).List()
			if err != nil || len(list) != 1 || len(list[0].Answers) != 2 || list[0].Together == nil || list[0].Together.Hard != "Sunday evening felt quiet." {
				t.Fatalf("%s, restore %d: %+v %v", filepath.Base(file), i, list, err)
			}
			a := list[0].Answers[1]
			if a.Answer.Name != "Alex" || *a.Answer.Ratings.Trust != 6 || a.Written.By.Name != "Alex" || a.Written.By.Here != (file == notMoved) {
				t.Fatalf("%s, restore %d: Alex's answer %+v", filepath.Base(file), i, a)
			}
		}
	}
}
