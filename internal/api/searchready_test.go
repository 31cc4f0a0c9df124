package api_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/session"
)

// TestASearchIndexThatCannotBeBuiltSaysSo damages one sealed entry, so the index built at
// the next unlock cannot decrypt it. Waiting for search must then end with the build's
// error, at once: before the index's life moved into journal.LiveIndex, a failed build
// never finished, and everything waiting for it waited until it gave up.
func TestASearchIndexThatCannotBeBuiltSaysSo(t *testing.T) {
	r := newJournalRig(t)
	r.waitForIndex(t)
	if _, err := r.journal.Save(api.EntryInput{Date: "2026-11-22", Body: "A quiet evening."}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.db.SQL().Exec(`UPDATE journal_entries SET content = x'00'`); err != nil {
		t.Fatal(err)
	}
	r.session.Lock(session.ByRequest)
	if err := r.svc.Unlock(passphrase); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := api.WaitForSearch(ctx, r.journal)
	if err == nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, session.ErrLocked) {
		t.Fatalf("waiting for a search index that cannot be built: %v", err)
	}
	if res, err := r.journal.Search("quiet", 10); err != nil || res.Ready {
		t.Fatalf("search over a failed index: %+v %v", res, err)
	}
}
