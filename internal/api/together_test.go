package api_test

import (
	"context"
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/reveal"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/mergesim"
	"github.com/goldseam/goldseam/internal/vault"
)

// pairedAsSam marks r's computer paired, with the couple's first person (Sam) at it, as
// package sharing writes it once two computers pair.
func pairedAsSam(t *testing.T, r *vaultRig) {
	t.Helper()
	if err := r.session.WithKeys(func(u *vault.Unlocked) error {
		_, err := r.db.SQL().Exec(`INSERT INTO space_here (id, content) VALUES (1, ?)`,
			u.Key(vault.Shared).Seal(vault.SpaceHere.Field("1"), []byte(`{"role":"partner-1"}`)))
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

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
	pairedAsSam(t, r)
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

// The partner's locked answer shows nowhere on this computer: not in the list (only that it is
// hidden), not in the trend, not in Home's news; once its key is released, all three have it.
func TestAPartnersLockedAnswerIsInNeitherTheTrendNorTheNews(t *testing.T) {
	ctx := context.Background()
	r := newVaultRig(t)
	r.create(t)
	sp := api.NewSpace(r.db, r.session)
	if _, err := sp.SaveSettings(api.SpaceSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}); err != nil {
		t.Fatal(err)
	}
	pairedAsSam(t, r)
	ci := api.NewCheckIns(r.db, r.session)
	six, nine := 6, 9
	kept, err := ci.Save(checkins.CheckIn{On: "2026-12-01", Answers: []checkins.Answer{{Name: "Sam", Ratings: checkins.Ratings{Trust: &six}}}})
	if err != nil {
		t.Fatal(err)
	}
	sp.News() // what was there before is told once
	// Alex answers on Alex's own computer; the sealed answer arrives here, its key not yet.
	alex := space.Person{Role: "partner-2", Name: "Alex"}
	var alexsLog *space.Log
	if err := r.session.WithKeys(func(u *vault.Unlocked) error {
		alexsLog = space.NewLog(r.db, u.Key(vault.Shared), space.Author{Signer: mergesim.NewSigner(), Person: alex})
		d, err := reveal.Draft(alexsLog.Signer(), "checkin-answer", kept.ID, alex, map[string]any{"ratings": checkins.Ratings{Trust: &nine}, "hard": "Alex's words."})
		if err == nil {
			_, err = alexsLog.Append(ctx, d)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	list, err := ci.List()
	if err != nil || len(list) != 1 || len(list[0].Answers) != 2 || !list[0].Answers[1].Answer.Hidden || list[0].Answers[1].Answer.Hard != "" {
		t.Fatalf("list %+v, %v", list, err)
	}
	if tr, err := ci.Trend(); err != nil || len(tr.Partners["Alex"]) != 0 {
		t.Fatalf("the trend shows Alex's locked rating: %+v %v", tr.Partners, err)
	}
	if news, err := sp.News(); err != nil || len(news) != 0 {
		t.Fatalf("Home tells of Alex's locked answer: %v %v", news, err)
	}
	// Alex's computer, holding Sam's answer, releases Alex's key; it arrives here.
	if err := r.session.WithKeys(func(u *vault.Unlocked) error {
		_, err := reveal.Pass(ctx, alexsLog)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if tr, err := ci.Trend(); err != nil || len(tr.Partners["Alex"]) != 1 || *tr.Partners["Alex"][0].Trust != 9 {
		t.Fatalf("the trend after the release: %+v %v", tr.Partners, err)
	}
	if news, err := sp.News(); err != nil || len(news) != 1 {
		t.Fatalf("Home after the release: %v %v", news, err)
	}
}
