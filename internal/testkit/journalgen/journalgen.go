// Package journalgen makes realistic journals for tests and benchmarks: entries spread
// over years with more on some days than others, lengths from a line to a few pages,
// titles, moods, feelings and tags as people use them. The same seed always makes the
// same journal. The words are common English, shuffled; they mean nothing.
package journalgen

import (
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/goldseam/goldseam/internal/journal"
)

var vocabulary = strings.Fields(`
the and to of a i in was it that my me he she we you with for on not but so this
is had have be at as just all what about when there they his her our us from then
were would could one time like know do did felt feel think thought said told again
today yesterday morning evening night week talk talked asked came went home work
trust hurt angry sad tired afraid hopeful calm quiet honest truth lie lies secret
phone message walk dinner coffee kitchen car bed sleep awake crying laughed tears
kids children mother father friend friends therapist counsellor session appointment
promise promised agreement checkin kept broke try tried trying better worse same
small step steps moment moments remember forget forgive forgiveness sorry apology
listen listened heard understand understood question questions answer answers
slowly careful gentle kind patient space distance close closer together apart
still maybe perhaps never always sometimes often every little more less enough
heart chest breath breathing body shaking stomach head hands face eyes voice
anger grief confusion relief hope fear shame numb lonely jealous tender grateful
rain sun garden window door stairs train bus office meeting email weekend holiday
long short hard easy strange familiar safe unsafe steady shaky real new old first
last because although while until since before after during through without within
want wanted need needed wish hoped asked wonder wondered decided choose chose
write wrote read letter journal page words sentence story memory memories photo
birthday anniversary summer winter autumn spring december january march july
`)

var titles = strings.Fields(`
hard day good morning after the talk small steps one more week a quiet evening
what i did not say the letter checking in new start rain again trying still here
`)

var tagPool = []string{"therapy", "family", "work", "kids", "weekend", "checkin", "letter", "sleep", "walk", "anniversary"}

// Options shape a journal.
type Options struct {
	Entries int
	Seed    uint64
	End     time.Time // the newest entry's day; the journal reaches back Years from it
	Years   int
}

// Make returns opts.Entries entries without ids, oldest first.
func Make(opts Options) []journal.Entry {
	if opts.Years <= 0 {
		opts.Years = 3
	}
	if opts.End.IsZero() {
		opts.End = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	}
	r := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	start := opts.End.AddDate(-opts.Years, 0, 0)
	days := int(opts.End.Sub(start).Hours()/24) + 1
	out := make([]journal.Entry, opts.Entries)
	for i := range out {
		// Spread evenly with jitter, so dense journals get several entries on some days.
		day := start.AddDate(0, 0, min(days-1, i*days/opts.Entries+r.IntN(3)))
		e := journal.Entry{Date: day.Format(journal.DateLayout), Body: body(r)}
		if r.Float64() < 0.6 {
			e.Title = title(r)
		}
		if r.Float64() < 0.7 {
			e.Mood = 1 + r.IntN(5)
		}
		for range r.IntN(4) {
			e.Feelings = append(e.Feelings, journal.SuggestedFeelings[r.IntN(len(journal.SuggestedFeelings))])
		}
		for range r.IntN(3) {
			e.Tags = append(e.Tags, tagPool[r.IntN(len(tagPool))])
		}
		out[i] = e
	}
	return out
}

// body has a length drawn from a log-normal spread: most entries a paragraph or two
// (median about 150 words), some a single line, a few several pages.
func body(r *rand.Rand) string {
	n := int(math.Exp(5 + 0.9*r.NormFloat64()))
	n = max(5, min(n, 3000))
	var b strings.Builder
	sentence := 0
	for i := 0; i < n; i++ {
		w := vocabulary[r.IntN(len(vocabulary))]
		if sentence == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		b.WriteString(w)
		sentence++
		switch {
		case i == n-1:
			b.WriteString(".")
		case sentence > 6 && r.IntN(8) == 0:
			b.WriteString(". ")
			sentence = 0
			if r.IntN(6) == 0 {
				b.WriteString("\n\n")
			}
		case r.IntN(14) == 0:
			b.WriteString(", ")
		default:
			b.WriteString(" ")
		}
	}
	return b.String()
}

func title(r *rand.Rand) string {
	n := 2 + r.IntN(4)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = titles[r.IntN(len(titles))]
	}
	t := strings.Join(parts, " ")
	return strings.ToUpper(t[:1]) + t[1:]
}
