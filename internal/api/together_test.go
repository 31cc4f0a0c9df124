package api_test

import (
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/vault"
)

// An answer meant for both is written only on a paired computer (at one keyboard there is
// nothing to keep apart); once paired, a check-in answer and a prompt's answer are sealed:
// they read back here, whole, and the check-in's is not in the clear on the log.
func TestAnswersMeantForBothAreSealedOnAPairedComputerAndReadBackHere(t *testing.T) {
	r := newVaultRig(t)
	r.create(t)
	sp := api.NewSpace(r.db, r.session)
	if _, err := sp.SaveSettings(api.SpaceSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}); err != nil {
		t.Fatal(err)
	}
	const prompt = "feel-understood/what-i-need"
	if _, err := sp.AnswerTogether(prompt, "Patience."); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("an answer meant for both was kept before pairing: %v", err)
	}
	if err := r.session.WithKeys(func(u *vault.Unlocked) error {
		_, err := r.db.SQL().Exec(`INSERT INTO space_here (id, content) VALUES (1, ?)`,
			u.Key(vault.Shared).Seal(vault.SpaceHere.Field("1"), []byte(`{"role":"partner-1"}`)))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	got, err := sp.AnswerTogether(prompt, "Patience.")
	if err != nil || len(got) != 1 || got[0].Text != "Patience." || !got[0].Mine || got[0].Name != "Sam" {
		t.Fatalf("kept %+v, %v", got, err)
	}
	if again, err := sp.TogetherAnswers(prompt); err != nil || len(again) != 1 || again[0].Text != "Patience." {
		t.Fatalf("read back %+v, %v", again, err)
	}
	six := 6
	ci := api.NewCheckIns(r.db, r.session)
	kept, err := ci.Save(checkins.CheckIn{On: "2026-12-01", Answers: []checkins.Answer{{Name: "Sam", Ratings: checkins.Ratings{Trust: &six}, Hard: "A quiet week."}}})
	if err != nil || len(kept.Answers) != 1 || kept.Answers[0].Answer.Hard != "A quiet week." || kept.Answers[0].Answer.Hidden {
		t.Fatalf("kept %+v, %v", kept, err)
	}
	var fields []string
	rows, err := r.db.SQL().Query(`SELECT field FROM shared_changes WHERE kind = 'checkin-answer'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var f string
		rows.Scan(&f)
		fields = append(fields, f)
	}
	if len(fields) != 1 || fields[0] != "sealed" {
		t.Fatalf("the paired computer wrote the answer as fields %v, want one sealed change", fields)
	}
}
