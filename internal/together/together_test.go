package together_test

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/goldseam/goldseam/internal/reveal"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/together"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	os.Exit(m.Run())
}

var names = space.CoupleSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}

const prompt = "feel-understood/what-i-need"

func arrive(t *testing.T, from, to *space.Log) {
	t.Helper()
	if err := mergesim.Arrive(context.Background(), from, to); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, log *space.Log) []together.Answer {
	t.Helper()
	got, err := together.Read(context.Background(), log, prompt, names)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func save(t *testing.T, log *space.Log, text string) {
	t.Helper()
	if err := together.Save(context.Background(), log, prompt, text); err != nil {
		t.Fatal(err)
	}
}

func TestEachSeesTheOthersAnswerToAPromptOnlyOnceBothHaveAnswered(t *testing.T) {
	if !slices.Contains(reveal.Answered, together.Kind) {
		t.Fatal("reveal.Answered does not name the prompts' kind: their keys would never be released")
	}
	_, key := testvault.OpenKey(t, vault.Shared)
	sams := space.NewLog(testvault.OpenStore(t, t.TempDir()), key, space.Author{Signer: mergesim.NewSigner(), Person: names.Partner(0)})
	alexs := space.NewLog(testvault.OpenStore(t, t.TempDir()), key, space.Author{Signer: mergesim.NewSigner(), Person: names.Partner(1)})
	save(t, sams, "  Patience while I find words.  ")
	if got := read(t, sams); len(got) != 1 || !got[0].Mine || got[0].Text != "Patience while I find words." || got[0].Name != "Sam" {
		t.Fatalf("Sam's own answer reads %+v", got)
	}
	arrive(t, sams, alexs)
	if got := read(t, alexs); len(got) != 1 || !got[0].Hidden || got[0].Text != "" || got[0].Mine {
		t.Fatalf("Alex's computer reads %+v before Alex answered", got)
	}
	save(t, alexs, "To hear that you are staying.")
	arrive(t, alexs, sams)
	arrive(t, sams, alexs)
	for _, log := range []*space.Log{sams, alexs} {
		got := read(t, log)
		if len(got) != 2 || got[0].Name != "Sam" || got[0].Text != "Patience while I find words." || got[1].Name != "Alex" ||
			got[1].Text != "To hear that you are staying." || got[0].Hidden || got[1].Hidden || got[0].Mine == got[1].Mine {
			t.Fatalf("%s's computer reads %+v", log.Person().Name, got)
		}
	}
	// Keeping the same words again writes nothing; empty words are refused with a sentence.
	before, _ := sams.All(context.Background())
	save(t, sams, "Patience while I find words.")
	if after, _ := sams.All(context.Background()); len(after) != len(before) {
		t.Fatal("keeping the same answer wrote a change")
	}
	if err := together.Save(context.Background(), sams, prompt, "  "); err == nil {
		t.Fatal("an empty answer was kept")
	}
}
