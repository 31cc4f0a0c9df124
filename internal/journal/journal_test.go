package journal_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

var ctx = context.Background()

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	m.Run()
}

type rig struct {
	db      *store.DB
	entries *journal.Entries
	key     *vault.ContentKey
}

func newRig(t *testing.T) *rig {
	t.Helper()
	db, u := testvault.Open(t)
	return &rig{db: db, entries: journal.NewEntries(db), key: u.Key(vault.Journal)}
}

func (r *rig) save(t *testing.T, e journal.Entry) journal.Entry {
	t.Helper()
	saved, err := r.entries.Save(ctx, r.key, e)
	if err != nil {
		t.Fatal(err)
	}
	return saved
}

func dates(list []journal.Entry) []string {
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = e.Date
	}
	return out
}

func TestSaveEditAndReadBack(t *testing.T) {
	r := newRig(t)
	e := r.save(t, journal.Entry{Date: "2026-11-20", Title: "  After the talk  ", Body: "We *talked* for an hour.",
		Mood: 3, Feelings: []string{"hope", "Hope", " relief "}, Tags: []string{"#checkin", "checkin", "walk"}})
	if e.ID == "" || e.Title != "After the talk" || !slices.Equal(e.Feelings, []string{"hope", "relief"}) ||
		!slices.Equal(e.Tags, []string{"checkin", "walk"}) {
		t.Fatalf("saved %+v", e)
	}
	e.Body += "\n\nLater I wrote more."
	e.Step = "05-what-i-heard"
	edited := r.save(t, e)
	if edited.ID != e.ID || !edited.CreatedAt.Equal(e.CreatedAt) {
		t.Fatalf("an edit made a new entry: %+v", edited)
	}
	got, err := r.entries.Get(ctx, r.key, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Body != e.Body || got.Step != "05-what-i-heard" || got.Mood != 3 {
		t.Fatalf("read back %+v", got)
	}
	list, total, err := r.entries.Page(ctx, r.key, 0, 10)
	if err != nil || total != 1 || len(list) != 1 {
		t.Fatalf("page: %d %d %v", total, len(list), err)
	}
}

func TestBadInputIsRefusedWithAReason(t *testing.T) {
	r := newRig(t)
	bad := []journal.Entry{
		{Date: "22/11/2026", Body: "x"},
		{Date: "2026-02-30", Body: "x"},
		{Date: "1850-01-01", Body: "x"},
		{Date: "2026-11-22"}, // nothing in it
		{Date: "2026-11-22", Body: "x", Mood: 6},
		{Date: "2026-11-22", Title: strings.Repeat("t", journal.MaxTitle+1)},
		{Date: "2026-11-22", Body: strings.Repeat("b", journal.MaxBody+1)},
		{Date: "2026-11-22", Body: "x", Feelings: []string{strings.Repeat("f", journal.MaxLabel+1)}},
		{Date: "2026-11-22", Body: "x", Step: "../etc"},
		{Date: "2026-11-22", Body: "bad \xff bytes"},
	}
	for _, e := range bad {
		_, err := r.entries.Save(ctx, r.key, e)
		if apperr.CodeOf(err) != apperr.Invalid || apperr.MessageOf(err) == "" {
			t.Errorf("%+v: got %v, want a reason", e, err)
		}
	}
	if _, err := r.entries.Save(ctx, r.key, journal.Entry{ID: "not-a-uuid", Date: "2026-11-22", Body: "x"}); !errors.Is(err, journal.ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
	if _, total, _ := r.entries.Page(ctx, r.key, 0, 10); total != 0 {
		t.Fatalf("refused entries were stored: %d", total)
	}
}

func TestDeleteRestoreAndPurge(t *testing.T) {
	r := newRig(t)
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	r.db.Now = func() time.Time { return now }
	keep := r.save(t, journal.Entry{Date: "2026-11-22", Body: "keep me"})
	gone := r.save(t, journal.Entry{Date: "2026-11-22", Body: "delete me"})

	if err := r.entries.Delete(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := r.entries.Get(ctx, r.key, gone.ID); !errors.Is(err, journal.ErrNotFound) {
		t.Fatalf("deleted entry still readable: %v", err)
	}
	if err := r.entries.Restore(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := r.entries.Get(ctx, r.key, gone.ID); err != nil {
		t.Fatalf("undo did not bring it back: %v", err)
	}
	if err := r.entries.Delete(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	// Within the window nothing is purged; after it, the row is gone and cannot come back.
	if n, _ := r.entries.Purge(ctx, now.Add(-10*time.Second)); n != 0 {
		t.Fatalf("purged %d inside the undo window", n)
	}
	if n, _ := r.entries.Purge(ctx, now); n != 1 {
		t.Fatalf("purged %d, want 1", n)
	}
	if err := r.entries.Restore(ctx, gone.ID); !errors.Is(err, journal.ErrNotFound) {
		t.Fatalf("restore after purge: %v", err)
	}
	var rows int
	r.db.SQL().QueryRow(`SELECT count(*) FROM journal_entries`).Scan(&rows)
	if rows != 1 {
		t.Fatalf("%d rows left, want 1 (%s)", rows, keep.ID)
	}
	if _, err := r.entries.Save(ctx, r.key, journal.Entry{ID: gone.ID, Date: "2026-11-22", Body: "edit after purge"}); !errors.Is(err, journal.ErrNotFound) {
		t.Fatalf("an autosave after the purge must not bring the entry back: %v", err)
	}
}

func TestOnThisDayAcrossYearsMonthEndsAndLeapDays(t *testing.T) {
	r := newRig(t)
	for _, d := range []string{
		"2023-11-22", "2024-12-22", "2025-10-22", "2026-10-22", "2026-11-22", // the 22nd
		"2024-02-29", "2025-02-28", "2023-02-28", // leap day and its neighbours
		"2026-01-31", "2026-03-31", "2026-03-30", "2025-04-30", // month ends
		"2026-11-21",
	} {
		r.save(t, journal.Entry{Date: d, Body: "on " + d})
	}
	cases := map[string][]string{
		// Earlier months and years only: today's own entries are not "on this day".
		"2026-11-22": {"2026-10-22", "2025-10-22", "2024-12-22", "2023-11-22"},
		// The 22nd of January 2027 reaches back across the year boundary.
		"2027-01-22": {"2026-11-22", "2026-10-22", "2025-10-22", "2024-12-22", "2023-11-22"},
		// 28 February in a year without 29 February also brings back the 29th (and later days).
		"2027-02-28": {"2026-03-31", "2026-03-30", "2026-01-31", "2025-04-30", "2025-02-28", "2024-02-29", "2023-02-28"},
		// In a leap year the 28th is not the last day: only the 28ths.
		"2028-02-28": {"2025-02-28", "2023-02-28"},
		"2028-02-29": {"2026-03-31", "2026-03-30", "2026-01-31", "2025-04-30", "2024-02-29"},
		// 30 April: the 30ths and the 31sts.
		"2026-04-30": {"2026-03-31", "2026-03-30", "2026-01-31", "2025-04-30"},
	}
	for today, want := range cases {
		t.Run(today, func(t *testing.T) {
			got, err := r.entries.OnThisDay(ctx, r.key, today)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(dates(got), want) {
				t.Errorf("got %v, want %v", dates(got), want)
			}
		})
	}
}

func TestMonthsAndMonthLists(t *testing.T) {
	r := newRig(t)
	for _, d := range []string{"2026-11-01", "2026-11-30", "2026-10-31", "2025-12-31", "2026-01-01"} {
		r.save(t, journal.Entry{Date: d, Body: d})
	}
	months, err := r.entries.Months(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []journal.MonthCount{{"2026-11", 2}, {"2026-10", 1}, {"2026-01", 1}, {"2025-12", 1}}
	if !slices.Equal(months, want) {
		t.Fatalf("months %v, want %v", months, want)
	}
	nov, err := r.entries.Month(ctx, r.key, "2026-11")
	if err != nil || !slices.Equal(dates(nov), []string{"2026-11-30", "2026-11-01"}) {
		t.Fatalf("november: %v %v", dates(nov), err)
	}
	if _, err := r.entries.Month(ctx, r.key, "November"); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("bad month: %v", err)
	}
}

func TestEntriesAreSealedInTheFile(t *testing.T) {
	r := newRig(t)
	e := r.save(t, journal.Entry{Date: "2026-11-22", Title: "secret title", Body: "a very private sentence", Feelings: []string{"shame"}})
	var content []byte
	if err := r.db.SQL().QueryRow(`SELECT content FROM journal_entries WHERE id = ?`, e.ID).Scan(&content); err != nil {
		t.Fatal(err)
	}
	for _, word := range []string{"secret", "private", "shame"} {
		if strings.Contains(string(content), word) {
			t.Fatalf("%q is readable in the stored row", word)
		}
	}
	// The sealed content is bound to its row: copied onto another entry it does not open.
	other := r.save(t, journal.Entry{Date: "2026-11-22", Body: "other"})
	if _, err := r.db.SQL().Exec(`UPDATE journal_entries SET content = ? WHERE id = ?`, content, other.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := r.entries.Get(ctx, r.key, other.ID); !errors.Is(err, vault.ErrTampered) {
		t.Fatalf("moved content opened: %v", err)
	}
}

func TestSaveManyIsAllOrNothing(t *testing.T) {
	r := newRig(t)
	good := []journal.Entry{{Date: "2026-01-01", Body: "one"}, {Date: "2026-01-02", Body: "two"}}
	bad := append(slices.Clone(good), journal.Entry{Date: "not a date", Body: "three"})
	if err := r.entries.SaveMany(ctx, r.key, bad); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("got %v", err)
	}
	if _, total, _ := r.entries.Page(ctx, r.key, 0, 10); total != 0 {
		t.Fatalf("%d entries kept from a refused batch", total)
	}
	if err := r.entries.SaveMany(ctx, r.key, good); err != nil {
		t.Fatal(err)
	}
	list, total, err := r.entries.Page(ctx, r.key, 0, 10)
	if err != nil || total != 2 || list[0].Body != "two" {
		t.Fatalf("%d %v %v", total, list, err)
	}
}

// TestAnEntryMovedToAnotherDayDoesNotOpen changes an entry's day with plain SQL, as someone
// with the file could: the day is bound into the sealed content, so the entry is refused
// instead of showing under a day the person never gave it.
func TestAnEntryMovedToAnotherDayDoesNotOpen(t *testing.T) {
	r := newRig(t)
	e := r.save(t, journal.Entry{Date: "2026-11-03", Title: "The day we talked", Body: "It went better than I feared."})
	if _, err := r.db.SQL().Exec(`UPDATE journal_entries SET entry_date = '2025-02-14' WHERE id = ?`, e.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := r.entries.Get(ctx, r.key, e.ID); !errors.Is(err, vault.ErrTampered) {
		t.Fatalf("an entry moved to another day still opens: %+v %v", got, err)
	}
}
