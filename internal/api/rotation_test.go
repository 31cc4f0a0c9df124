package api_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/goldseam/goldseam/internal/api"
)

// TestSavesDuringAPassphraseChangeAreNeverLost saves journal entries without pause while the
// passphrase changes again and again. A rotation replaces the keys and reseals every row, so
// a save must never seal with the keys being replaced and write after them: every entry
// saved must read back afterwards.
func TestSavesDuringAPassphraseChangeAreNeverLost(t *testing.T) {
	r := newVaultRig(t)
	r.create(t)
	j := api.NewJournal(r.db, r.session, nil)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	saved := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := j.Save(api.EntryInput{Date: "2026-11-20", Body: fmt.Sprint("entry ", i)}); err != nil {
				t.Errorf("save %d: %v", i, err)
				return
			}
			saved++
		}
	}()
	current := passphrase
	for i := 0; i < 15; i++ {
		next := fmt.Sprintf("%s, changed %d times", passphrase, i+1)
		if _, err := r.svc.ChangePassphrase(current, next); err != nil {
			t.Fatal(err)
		}
		current = next
	}
	close(stop)
	wg.Wait()
	// Read every page: each entry must still decrypt (List opens every row it returns).
	read, total := 0, -1
	for read != total {
		page, err := j.List(read, 200)
		if err != nil {
			t.Fatalf("after %d saves during 15 rotations, the journal no longer reads from entry %d: %v", saved, read, err)
		}
		total = page.Total
		if len(page.Entries) == 0 {
			break
		}
		read += len(page.Entries)
	}
	if total != saved || read != saved {
		t.Fatalf("saved %d, the journal holds %d and %d were read", saved, total, read)
	}
	t.Logf("%d entries saved during 15 rotations, all read back", saved)
}
