package api_test

import (
	"encoding/json"
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/experiences"
)

// TestEachDomainRefusalReachesThePageWithItsCodeAndSentence calls the bound services with
// input each domain package refuses, and with ids that are gone, and reads what the page
// would receive: the code and the domain's own sentence, never the internal one.
func TestEachDomainRefusalReachesThePageWithItsCodeAndSentence(t *testing.T) {
	r := newVaultRig(t)
	svc := api.NewServices(&recordingHost{}, api.Storage{DataDir: t.TempDir(), DataFile: r.path, DB: r.db, Session: r.session})
	r.create(t)
	cases := []struct {
		name string
		call func() error
		code apperr.Code
		says string
	}{
		{"journal", func() error { _, err := svc.Journal.Save(api.EntryInput{Date: "someday", Body: "x"}); return err },
			apperr.Invalid, "Please give the date as year, month and day (for example 2026-11-22)."},
		{"journal gone", func() error { _, err := svc.Journal.Get("no-such-entry"); return err },
			apperr.NotFound, "That entry is not in your journal any more."},
		{"profile", func() error { _, err := svc.Profile.Save(api.ProfileInput{Role: "unknown"}); return err },
			apperr.Invalid, "Please choose where you stand: I was hurt, I broke trust, we both broke trust, or I prefer not to say."},
		{"progress", func() error { return svc.Program.SetStepState("safety-first", "failed") },
			apperr.Invalid, "A step is not started, in progress, done, or being revisited."},
		{"shared space", func() error {
			_, err := svc.Space.SaveSettings(api.SpaceSettings{Names: [2]string{"Sam", "sam"}, Rhythm: "weekly"})
			return err
		}, apperr.Invalid, "Please use two different names, so each signature is clearly one of you."},
		{"agreements", func() error { _, err := svc.Agreements.Create(api.AgreementInput{By: "Sam"}); return err },
			apperr.Invalid, "Please first give the two names your agreements carry."},
		{"agreements gone", func() error { _, err := svc.Agreements.Get("no-such-agreement"); return err },
			apperr.NotFound, "That is no longer there."},
		{"check-ins", func() error {
			_, err := svc.CheckIns.Save(checkins.CheckIn{Answers: []checkins.Answer{{Name: "Sam", WentWell: "x"}}})
			return err
		},
			apperr.Invalid, "Please give the day of the check-in as a date."},
		{"experiences", func() error {
			_, err := svc.Experiences.Save(experiences.Experience{Title: " ", Status: experiences.Idea})
			return err
		},
			apperr.Invalid, "Please give the idea a few words, for example \"a walk by the river\"."},
		{"automatic backups", func() error {
			_, err := svc.Backup.SetAutoBackup(api.AutoBackupInput{Every: "hourly"})
			return err
		}, apperr.Invalid, "Please choose daily, weekly, or off."},
		{"auto-lock", func() error { return svc.Vault.SetAutoLock(7) },
			apperr.Invalid, "Please choose one of the times offered."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got apperr.Payload
			if err := json.Unmarshal([]byte(apperr.Format(c.call())), &got); err != nil {
				t.Fatal(err)
			}
			if got.Code != c.code || got.Message != c.says {
				t.Fatalf("the page got %+v, want %s %q", got, c.code, c.says)
			}
		})
	}
}
