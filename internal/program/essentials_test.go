package program_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/program"
)

// essentials are what the evidence-based approaches to recovery after an affair treat as
// essential (Glass; Spring; Gottman's atone, attune, attach; Snyder, Baucom and Gordon;
// Johnson's attachment-injury resolution), each with the step whose "Why this matters"
// says it and the words that must be there for it to be said. Moving a topic means moving
// its row; dropping one fails here. docs/program.md lists the same places for readers.
var essentials = []struct {
	topic, step string
	words       []string
}{
	{"the affair and all contact end first", "decide-to-commit", []string{"it ends first", "contact with the affair partner", "condition"}},
	{"a clean ending", "decide-to-commit", []string{"clear, brief and final", "written together", "no contact after it"}},
	{"if the affair partner gets in touch", "decide-to-commit", []string{"gets in touch", "does not reply", "the same day"}},
	{"when the affair partner is a colleague", "decide-to-commit", []string{"colleague", "keep it to work", "another job"}},
	{"betrayal on both sides", "decide-to-commit", []string{"both of you broke trust", "one breach does not cancel the other"}},
	{"sleep and food in the first weeks", "expect-a-long-road", []string{"the first days and weeks", "sleep", "food"}},
	{"no interrogations in the night", "expect-a-long-road", []string{"three in the morning", "daytime"}},
	{"time-outs", "expect-a-long-road", []string{"time-outs", "i need to stop for now", "when you will come back"}},
	{"whom to tell", "expect-a-long-road", []string{"whom to tell", "children"}},
	{"no big decisions yet", "expect-a-long-road", []string{"no big decisions yet", "can usually wait"}},
	{"trauma-like reactions are normal", "expect-a-long-road", []string{"trauma", "images", "on alert", "reactions are common"}},
	{"testing for sexually transmitted infections", "expect-a-long-road", []string{"sexual health check", "sexually transmitted infections", "in confidence", "nothing to be ashamed of"}},
	{"signs it is time for professional help", "expect-a-long-road", []string{
		"time for professional help", "for months and nothing seems to move", "fights grow",
		"self-harm", "drinking or using drugs", "abuse", "afraid of the other",
		"cannot stop contact", "children are affected"}},
	{"what you share is not a trade", "put-everything-on-the-table", []string{"what you share is not a trade", "not owed in return"}},
	{"financial betrayal", "put-everything-on-the-table", []string{"money", "debts", "gambling", "spending", "every account", "financial adviser", "money counselling"}},
	{"an apology that stays with the hurt", "a-sincere-apology", []string{"stays", "without defending", "real sorrow"}},
	{"the attachment injury told and answered", "feel-understood", []string{"needed the other most", "told in full", "real sorrow", "reaching for comfort"}},
	{"agreements on contact and money", "set-clear-agreements", []string{"no contact with the affair partner", "openness about money"}},
	{"closeness at the pace of the partner who was hurt", "create-new-good-memories", []string{"physical and sexual closeness", "at the pace of the partner who was hurt", "never owed", "say no", "sexual health check"}},
	{"acceptance without forgiveness", "forgive", []string{"acceptance without forgiveness", "honest end point", "usually comes late"}},
}

func TestEachEssentialTopicIsSaidWhereItBelongs(t *testing.T) {
	p, err := program.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range essentials {
		st, ok := p.Step(e.step)
		if !ok {
			t.Errorf("%s: no step %q", e.topic, e.step)
			continue
		}
		why := strings.ToLower(strings.ReplaceAll(st.Why, "**", ""))
		for _, w := range e.words {
			if !strings.Contains(why, w) {
				t.Errorf("%s: step %q does not say %q", e.topic, e.step, w)
			}
		}
	}
}

// leaning are phrasings that lean on the partner who was hurt, or read as an order, which
// issue 15 asked to mend; none may come back anywhere in the program.
var leaning = regexp.MustCompile(`(?i)skipped chore|smaller lapse|small lapse|leave you both stuck|keeping trust back when fear or anger`)

func TestLinesThatLeanOnThePartnerWhoWasHurtStayMended(t *testing.T) {
	p, err := program.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]string{
		"decide-to-commit": "Decide whether to try, for now",
		"forgive":          "Thinking about forgiveness",
	}
	for _, st := range p.Steps {
		if want, ok := titles[st.ID]; ok && st.Title != want {
			t.Errorf("step %q is titled %q, want %q (the id stays: records are bound to it)", st.ID, st.Title, want)
		}
		text := []string{st.Title, st.Summary, st.Why}
		text = append(text, st.Prompts[program.Hurt]...)
		text = append(text, st.Prompts[program.BrokeTrust]...)
		text = append(text, st.Both...)
		for _, ex := range st.Exercises {
			text = append(text, ex.Title, ex.Intro)
		}
		if m := leaning.FindString(strings.Join(text, "\n")); m != "" {
			t.Errorf("step %q still says %q", st.ID, m)
		}
	}
}

func TestEveryRoleHasWordsForEachSide(t *testing.T) {
	p, err := program.Load("en")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range program.Roles {
		sides := r.Sides()
		if len(sides) == 0 {
			t.Errorf("role %q has no sides: it would see no prompts", r)
		}
		for _, side := range sides {
			if side.Heading == "" || side.ExerciseLabel == "" || (side.For != program.Hurt && side.For != program.BrokeTrust) {
				t.Errorf("role %q: side %+v lacks words", r, side)
			}
		}
		for _, st := range p.Steps {
			if exs := st.ExercisesFor(r); len(exs) == 0 || len(exs) > 1 && exs[0].Label == "" {
				t.Errorf("step %s for %q: exercises %+v", st.ID, r, exs)
			}
		}
	}
	both := program.Both.Sides()
	if len(both) != 2 || both[0].Heading != "Where you were hurt" || both[1].Heading != "Where you broke trust" {
		t.Errorf("someone who says they both broke trust should see both sides as their own: %+v", both)
	}
	if len(program.Role("victim").Sides()) != 0 {
		t.Error("an unknown role has sides")
	}
}
