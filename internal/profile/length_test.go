package profile_test

import (
	"context"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/profile"
	"github.com/goldseam/goldseam/internal/progress"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/figures"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

// names are the name sets tried; within one set every choice must seal to one length.
var names = []struct{ me, partner string }{
	{"Jo", "Al"},
	{strings.Repeat("Maximilienne", 5), strings.Repeat("Bartholomew-", 5)}, // 60 characters each
	{"Zoë", "Anaïs-Éloïse"},
}

// contacts is a realistic list of support contacts: a counsellor, a friend, a helpline.
var contacts = []profile.Contact{
	{Name: "Dr Amara Okonkwo-Lindqvist (couples counsellor)", HowToReach: "+44 20 7946 0958, Tuesdays and Thursdays", Note: "Ask for the evening slot; she knows our story."},
	{Name: "Priya", HowToReach: "priya.r@example.org", Note: "My oldest friend. Will listen without taking sides."},
	{Name: "National helpline", HowToReach: "0808 2000 247", Note: "Free, any hour."},
}

// answerChoices are the answers a safety question can have, unanswered included.
var answerChoices = []string{"", profile.Yes, profile.No, profile.RatherNotSay}

// TestEveryChoiceSealsToOneLength writes, through the real packages into a real data
// file, every combination of role and safety answers (4 x 4^4) for each set of names and
// contacts, and every step state, and reads `length(content)` back with SQL. Someone with
// the file must learn nothing from the lengths: within one set of names, every combination
// must give the same length. The count of combinations that differ from the most common
// length is the length_classes_leaking figure.
func TestEveryChoiceSealsToOneLength(t *testing.T) {
	ctx := context.Background()
	db, key := testvault.OpenKey(t, vault.Journal)
	leaking, tried := 0, 0
	for _, n := range names {
		for _, list := range [][]profile.Contact{nil, contacts} {
			lengths := map[int]int{}
			for _, role := range profile.Roles {
				for combo := 0; combo < 256; combo++ {
					safety := map[string]string{}
					for i, q := range profile.SafetyQuestions {
						if a := answerChoices[combo>>(2*i)&3]; a != "" {
							safety[q] = a
						}
					}
					p := profile.Profile{Role: role, MyName: n.me, PartnerName: n.partner, Safety: safety, Contacts: list}
					if _, err := profile.Save(ctx, db, key, p); err != nil {
						t.Fatal(err)
					}
					lengths[sealedLength(t, db, `SELECT length(content) FROM profile`)]++
				}
			}
			t.Logf("names %d+%d characters, %d contacts: sealed lengths %v", len(n.me), len(n.partner), len(list), lengths)
			leaking += outliers(lengths)
			tried += len(profile.Roles) * 256
		}
	}
	states := map[int]int{}
	for _, s := range progress.States {
		if err := progress.New(db).SetState(ctx, key, "safety-first", s); err != nil {
			t.Fatal(err)
		}
		states[sealedLength(t, db, `SELECT length(content) FROM step_states`)]++
	}
	leaking += outliers(states)
	tried += len(progress.States)
	t.Logf("length_classes_tried=%d length_classes_leaking=%d (step state lengths %v)", tried, leaking, states)
	figures.Record("length_classes_tried", tried)
	figures.Record("length_classes_leaking", leaking)
	if leaking != 0 {
		t.Fatalf("%d of %d combinations seal to a length that tells them apart", leaking, tried)
	}
}

func sealedLength(t *testing.T, db *store.DB, query string) int {
	t.Helper()
	var n int
	if err := db.SQL().QueryRow(query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// outliers counts the combinations whose length is not the most common one.
func outliers(lengths map[int]int) int {
	total, most := 0, 0
	for _, c := range lengths {
		total += c
		most = max(most, c)
	}
	return total - most
}
