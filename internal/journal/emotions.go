package journal

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// Period is one week or month of the emotion log.
type Period struct {
	Start       string // YYYY-MM-DD: the Monday of the week, or the first of the month
	Entries     int
	MoodCount   int     // entries with a mood
	MoodAverage float64 // 0 when no entry has one
	Feelings    map[string]int
}

// EmotionLog gathers mood and feelings by week or month ("week" or "month") over the
// entries dated from..to inclusive, oldest first, leaving out periods with no entries.
func (ix *Index) EmotionLog(from, to time.Time, byMonth bool) []Period {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	periods := map[string]*Period{}
	lo, hi := from.Format(DateLayout), to.Format(DateLayout)
	for _, d := range ix.docs {
		if d == nil || d.date < lo || d.date > hi {
			continue
		}
		day, err := time.Parse(DateLayout, d.date)
		if err != nil {
			continue
		}
		start := periodStart(day, byMonth).Format(DateLayout)
		p := periods[start]
		if p == nil {
			p = &Period{Start: start, Feelings: map[string]int{}}
			periods[start] = p
		}
		p.Entries++
		if d.mood > 0 {
			p.MoodAverage += float64(d.mood)
			p.MoodCount++
		}
		for _, f := range d.feelings {
			p.Feelings[strings.ToLower(f)]++
		}
	}
	out := make([]Period, 0, len(periods))
	for _, p := range periods {
		if p.MoodCount > 0 {
			p.MoodAverage /= float64(p.MoodCount)
		}
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start }) // sort, not slices: see docs/architecture.md, binary size
	return out
}

func periodStart(day time.Time, byMonth bool) time.Time {
	if byMonth {
		return time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	back := (int(day.Weekday()) + 6) % 7 // days since Monday
	return day.AddDate(0, 0, -back)
}

// Labels lists the feelings and the tags used across the journal, most used first.
func (ix *Index) Labels() (feelings, tags []string) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	fc, tc := map[string]int{}, map[string]int{}
	for _, d := range ix.docs {
		if d == nil {
			continue
		}
		for _, f := range d.feelings {
			fc[f]++
		}
		for _, t := range d.tags {
			tc[t]++
		}
	}
	return byUse(fc), byUse(tc)
}

func byUse(counts map[string]int) []string {
	out := make([]string, 0, len(counts))
	for k := range counts {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	return out
}
