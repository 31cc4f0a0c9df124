package api_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/testkit/journalgen"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
)

type journalRig struct {
	*vaultRig
	journal *api.Journal
}

func newJournalRig(t *testing.T) *journalRig {
	t.Helper()
	r := newVaultRig(t)
	j := api.NewJournal(r.db, r.session, api.KnowsStep(api.NewProgram(nil, nil)))
	r.create(t)
	return &journalRig{vaultRig: r, journal: j}
}

func (r *journalRig) waitForIndex(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := api.WaitForSearch(ctx, r.journal); err != nil {
		t.Fatal(err)
	}
}

func TestJournalWriteFindEditDeleteUndo(t *testing.T) {
	r := newJournalRig(t)
	r.waitForIndex(t)
	e, err := r.journal.Save(api.EntryInput{Date: "2026-11-22", Title: "Kitchen talk", Body: "We talked about the **marigold** evening.", Mood: 3, Feelings: []string{"hope"}})
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.journal.Search("marig", 10)
	if err != nil || !res.Ready || res.Total != 1 || res.Hits[0].ID != e.ID {
		t.Fatalf("search after save: %+v %v", res, err)
	}
	e2, err := r.journal.Save(api.EntryInput{ID: e.ID, Date: e.Date, Title: e.Title, Body: "Now about the lighthouse."})
	if err != nil || e2.ID != e.ID {
		t.Fatalf("edit: %+v %v", e2, err)
	}
	if res, _ := r.journal.Search("marigold", 10); res.Total != 0 {
		t.Fatal("the old words are still found after an edit")
	}
	page, err := r.journal.List(0, 10)
	if err != nil || page.Total != 1 || page.Entries[0].Excerpt != "Now about the lighthouse." {
		t.Fatalf("list: %+v %v", page, err)
	}

	del, err := r.journal.Delete(e.ID)
	if err != nil || del.UndoSeconds != 10 {
		t.Fatalf("delete: %+v %v", del, err)
	}
	if res, _ := r.journal.Search("lighthouse", 10); res.Total != 0 {
		t.Fatal("a deleted entry is still found")
	}
	if _, err := r.journal.Undo(e.ID); err != nil {
		t.Fatal(err)
	}
	if res, _ := r.journal.Search("lighthouse", 10); res.Total != 1 {
		t.Fatal("undo did not bring it back to search")
	}
	_, err = r.journal.Save(api.EntryInput{Date: "someday", Body: "x"})
	wantCode(t, err, apperr.Invalid)
	_, err = r.journal.List(0, 1000)
	wantCode(t, err, apperr.Invalid)
}

func TestLockDropsTheIndexPurgesDeletionsAndRefusesEverything(t *testing.T) {
	r := newJournalRig(t)
	r.waitForIndex(t)
	keep, _ := r.journal.Save(api.EntryInput{Date: "2026-11-22", Body: "stays"})
	gone, _ := r.journal.Save(api.EntryInput{Date: "2026-11-22", Body: "goes"})
	if _, err := r.journal.Delete(gone.ID); err != nil {
		t.Fatal(err)
	}
	r.svc.Lock()

	_, err := r.journal.Search("stays", 10)
	wantCode(t, err, apperr.Locked)
	_, err = r.journal.Get(keep.ID)
	wantCode(t, err, apperr.Locked)
	_, err = r.journal.Save(api.EntryInput{Date: "2026-11-22", Body: "while locked"})
	wantCode(t, err, apperr.Locked)
	_, err = r.journal.EmotionLog("2026-01-01", "2026-12-31", "week")
	wantCode(t, err, apperr.Locked)
	var rows int
	r.db.SQL().QueryRow(`SELECT count(*) FROM journal_entries`).Scan(&rows)
	if rows != 1 {
		t.Fatalf("%d rows after lock; the deleted one must be gone for good", rows)
	}

	if err := r.svc.Unlock(passphrase); err != nil {
		t.Fatal(err)
	}
	_, err = r.journal.Undo(gone.ID)
	wantCode(t, err, apperr.NotFound)
	r.waitForIndex(t)
	if res, _ := r.journal.Search("stays", 10); res.Total != 1 {
		t.Fatalf("after unlock the index is rebuilt from the file: %+v", res)
	}
}

func TestIndexIsBuiltInTheBackgroundAndALockStopsIt(t *testing.T) {
	dir := t.TempDir()
	path, db := testvault.Path(dir), testvault.OpenStore(t, dir)
	h := &recordingHost{}
	s := session.New(db, nil)
	v := api.NewVault(h, path, db, nil, s)
	j := api.NewJournal(db, s, nil)
	if _, err := v.Create(passphrase); err != nil {
		t.Fatal(err)
	}
	for _, e := range journalgen.Make(journalgen.Options{Entries: 1500, Seed: 3}) {
		if _, err := j.Save(api.EntryInput{Date: e.Date, Title: e.Title, Body: e.Body, Mood: e.Mood, Feelings: e.Feelings, Tags: e.Tags}); err != nil {
			t.Fatal(err)
		}
	}
	v.Lock()
	if err := v.Unlock(passphrase); err != nil {
		t.Fatal(err)
	}
	v.Lock() // at once, while the index is being built: must not wait for it, nor leave it behind
	if _, err := j.Search("trust", 10); apperr.CodeOf(err) != apperr.Locked {
		t.Fatalf("search after lock: %v", err)
	}
	if err := v.Unlock(passphrase); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := api.WaitForSearch(ctx, j); err != nil {
		t.Fatal(err)
	}
	res, err := j.Search("trust", 5)
	if err != nil || !res.Ready || res.Total == 0 || len(res.Hits) != 5 {
		t.Fatalf("search: total %d hits %d %v", res.Total, len(res.Hits), err)
	}
	for _, hit := range res.Hits {
		found := false
		for _, p := range append(hit.Title, hit.Snippet...) {
			found = found || (p.Match && strings.HasPrefix(strings.ToLower(p.Text), "trust"))
		}
		if !found {
			t.Fatalf("hit %s has no marked word: %+v", hit.ID, hit)
		}
	}
	log, err := j.EmotionLog("2023-01-01", "2026-12-31", "month")
	if err != nil || !log.Ready || len(log.Periods) < 30 {
		t.Fatalf("emotion log: %d periods %v", len(log.Periods), err)
	}
	labels, err := j.Labels()
	if err != nil || len(labels.Tags) == 0 || labels.Feelings[0] != "anger" {
		t.Fatalf("labels: %+v %v", labels, err)
	}
	months, err := j.Months()
	if err != nil || len(months) < 30 {
		t.Fatalf("months: %d %v", len(months), err)
	}
	otd, err := j.OnThisDay("2026-11-22")
	if err != nil || len(otd) == 0 {
		t.Fatalf("on this day: %d %v", len(otd), err)
	}
}

func TestEmptyJournalAnswersWithEmptyListsNotNull(t *testing.T) {
	r := newJournalRig(t)
	r.waitForIndex(t)
	months, err1 := r.journal.Months()
	otd, err2 := r.journal.OnThisDay("2026-11-22")
	month, err3 := r.journal.ListMonth("2026-11")
	page, err4 := r.journal.List(0, 10)
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		t.Fatal(err)
	}
	// JavaScript reads a nil slice as null, and .length of null throws.
	if months == nil || otd == nil || month == nil || page.Entries == nil {
		t.Fatalf("nil lists: %v %v %v %v", months == nil, otd == nil, month == nil, page.Entries == nil)
	}
}

func TestAnEntryLinksOnlyToARealProgramStep(t *testing.T) {
	r := newJournalRig(t)
	row, err := r.journal.Save(api.EntryInput{Date: "2026-11-22", Body: "from step six", Step: "make-room-for-the-storm"})
	if err != nil {
		t.Fatal(err)
	}
	if e, err := r.journal.Get(row.ID); err != nil || e.Step != "make-room-for-the-storm" {
		t.Fatalf("%+v %v", e, err)
	}
	_, err = r.journal.Save(api.EntryInput{Date: "2026-11-22", Body: "x", Step: "no-such-step"})
	wantCode(t, err, apperr.Invalid)
}
