package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/testkit/journalgen"
)

// typedQueries are searches of one to three words; each is replayed as it is typed, one
// more letter at a time, the way search-as-you-type sends them.
var typedQueries = []string{
	"trust", "kitchen talk", "promise kept", "forgive", "therapist session", "hard morning",
	"quiet evening walk", "tears", "anniversary", "hope again", "letter", "phone message",
	"checkin", "sleep", "garden rain", "honest answer", "small steps forward", "birthday dinner",
}

// keystrokes turns a query into what search receives while it is typed: every prefix that
// ends in a letter, from two characters on.
func keystrokes(q string) []string {
	var out []string
	for i := 2; i <= len(q); i++ {
		if q[i-1] != ' ' {
			out = append(out, q[:i])
		}
	}
	return out
}

// journalSuite fills real vaults with generated journals of 10,000 and 100,000 entries and
// measures, through the Journal service: saving one entry, building the search index after
// unlock, and searching as a person types.
func journalSuite(cfg config) ([]figure, error) {
	var figs []figure
	for _, size := range []int{10_000, 100_000} {
		f, err := measureJournal(size, cfg)
		if err != nil {
			return nil, fmt.Errorf("%d entries: %w", size, err)
		}
		figs = append(figs, f...)
	}
	return figs, nil
}

func measureJournal(size int, cfg config) ([]figure, error) {
	b, done, err := tempBenchVault("goldseam-bench-journal-")
	if err != nil {
		return nil, err
	}
	defer done()
	ctx := context.Background()
	generated := journalgen.Make(journalgen.Options{Entries: size, Seed: uint64(size)})
	if err := b.fillJournal(generated); err != nil {
		return nil, err
	}
	label := fmt.Sprintf("%dk", size/1000)

	builds, err := timeIndexBuilds(ctx, b, cfg.runs)
	if err != nil {
		return nil, err
	}
	searches, err := timeSearches(b)
	if err != nil {
		return nil, err
	}
	figs := []figure{
		{fmt.Sprintf("index_%s_ms", label), percentile(builds, 50), "ms", goalFor(size, "<= 1000", ""), "",
			fmt.Sprintf("from Vault.Unlock returning until every one of %d entries is decrypted and searchable (in memory only), median of %d", size, cfg.runs)},
		{fmt.Sprintf("search_%s_p95_ms", label), percentile(searches, 95), "ms", goalFor(size, "<= 30", "<= 100"), "",
			fmt.Sprintf("Journal.Search for %d as-you-type queries (%d queries of 1-3 words, every prefix from 2 letters), 95th percentile", len(searches), len(typedQueries))},
	}
	if size != 10_000 {
		return figs, nil
	}
	saved, err := timeSaves(b, size)
	if err != nil {
		return nil, err
	}
	return append(figs, saved...), nil
}

// timeIndexBuilds locks and unlocks runs times, timing each from unlock to search ready:
// the index is built from every entry, decrypted.
func timeIndexBuilds(ctx context.Context, b *benchVault, runs int) ([]float64, error) {
	var builds []float64
	for i := 0; i < runs; i++ {
		b.vault.Lock()
		if err := b.vault.Unlock(benchPassphrase); err != nil {
			return nil, err
		}
		start := time.Now()
		if err := api.WaitForSearch(ctx, b.journal); err != nil {
			return nil, err
		}
		builds = append(builds, ms(time.Since(start)))
	}
	return builds, nil
}

// timeSearches times a search at every keystroke of the typed queries.
func timeSearches(b *benchVault) ([]float64, error) {
	var searches []float64
	for _, q := range typedQueries {
		for _, typed := range keystrokes(q) {
			start := time.Now()
			res, err := b.journal.Search(typed, 50)
			if err != nil || !res.Ready {
				return nil, fmt.Errorf("search %q: %v", typed, err)
			}
			searches = append(searches, ms(time.Since(start)))
		}
	}
	return searches, nil
}

// timeSaves saves new entries through the service into a size-entry journal, each its own
// transaction with synchronous=FULL, and reports the save figures.
func timeSaves(b *benchVault, size int) ([]figure, error) {
	fresh := journalgen.Make(journalgen.Options{Entries: 300, Seed: 99})
	var saves []float64
	for _, e := range fresh {
		start := time.Now()
		if _, err := b.journal.Save(api.EntryInput{Date: e.Date, Title: e.Title, Body: e.Body, Mood: e.Mood, Feelings: e.Feelings, Tags: e.Tags}); err != nil {
			return nil, err
		}
		saves = append(saves, ms(time.Since(start)))
	}
	how := fmt.Sprintf("Journal.Save of one new entry (median %d words) into a %d-entry journal, sealed, committed with synchronous=FULL and indexed; %d saves",
		medianWords(fresh), size, len(saves))
	return []figure{
		{"save_p50_ms", percentile(saves, 50), "ms", "", "", how},
		{"save_p99_ms", percentile(saves, 99), "ms", "<= 10", "", how},
	}, nil
}

func goalFor(size int, small, large string) string {
	if size == 10_000 {
		return small
	}
	return large
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func percentile(values []float64, p float64) float64 {
	s := append([]float64{}, values...)
	sort.Float64s(s)
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}

func medianWords(list []journal.Entry) int {
	n := make([]float64, len(list))
	for i, e := range list {
		n[i] = float64(len(strings.Fields(e.Body)))
	}
	return int(percentile(n, 50))
}
