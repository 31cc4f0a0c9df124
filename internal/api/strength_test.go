package api_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/strength"
)

// weakButLong passes the old 8-character floor and fails the strength rule: only the rule
// in Go keeps them out when a page skips the meter.
var weakButLong = []string{"password123", "qwertyuiop", "goldseam2026", "01/02/1985", "jennifer"}

// wantRefusedInTheMetersWords: err is the coded refusal that carries the meter's sentence.
func wantRefusedInTheMetersWords(t *testing.T, err error, pass string) {
	t.Helper()
	wantCode(t, err, apperr.Invalid)
	if words := strength.Measure(pass).Refusal; words == "" || !strings.HasPrefix(apperr.MessageOf(err), words) {
		t.Fatalf("%q: refused with %q, want the meter's %q", pass, apperr.MessageOf(err), words)
	}
	if strings.Contains(apperr.MessageOf(err), pass) {
		t.Fatalf("the refusal repeats the passphrase: %q", apperr.MessageOf(err))
	}
}

// TestCreateRefusesAWeakPassphraseEvenWhenThePageSkipsTheMeter: Create holds every new
// vault to the rule the meter shows, whatever page calls it.
func TestCreateRefusesAWeakPassphraseEvenWhenThePageSkipsTheMeter(t *testing.T) {
	r := newVaultRig(t)
	for _, p := range weakButLong {
		_, err := r.svc.Create(p)
		wantRefusedInTheMetersWords(t, err, p)
	}
	if st := r.state(t); st.State != "new" {
		t.Fatalf("a weak passphrase made a vault: %+v", st)
	}
	if _, err := r.svc.Create("correct horse battery staple"); err != nil {
		t.Fatal(err)
	}
}

// TestEveryOtherNewPassphraseIsHeldToTheRule: changing the passphrase, choosing one after
// the recovery key, a backup's passphrase and the automatic backups' passphrase are all held
// to the same rule, and a refusal changes nothing.
func TestEveryOtherNewPassphraseIsHeldToTheRule(t *testing.T) {
	r := newVaultRig(t)
	key := r.create(t)
	b := api.NewBackup(r.host, r.db, r.session, nil)
	files := api.NewBackupFiles(r.host, r.db, r.session)
	folder := t.TempDir()
	r.host.savePath = filepath.Join(folder, "chosen.age")
	for _, p := range weakButLong {
		wantRefusedInTheMetersWords(t, errOnly(r.svc.ChangePassphrase(passphrase, p)), p)
		wantRefusedInTheMetersWords(t, errOnly(b.Export(p)), p)
		wantRefusedInTheMetersWords(t, errOnly(files.ExportTo(filepath.Join(folder, "direct.age"), p)), p)
		wantRefusedInTheMetersWords(t, errOnly(b.SetAutoBackup(api.AutoBackupInput{Folder: folder, Every: "daily", Keep: 2, Passphrase: p})), p)
	}
	if v, err := b.AutoBackup(); err != nil || v.HasPassphrase || v.Every != "off" && v.Every != "" {
		t.Fatalf("a refused automatic backup passphrase was kept: %+v %v", v, err)
	}
	r.svc.Lock()
	if err := r.svc.Unlock(passphrase); err != nil {
		t.Fatalf("a refused change changed the passphrase: %v", err)
	}
	r.svc.Lock()
	if err := r.svc.UnlockWithRecoveryKey(key); err != nil {
		t.Fatal(err)
	}
	for _, p := range weakButLong {
		wantRefusedInTheMetersWords(t, r.svc.SetNewPassphrase(p), p)
	}
	if st := r.state(t); st.State != "recovering" {
		t.Fatalf("a refused passphrase finished the recovery: %+v", st)
	}
}

// TestRatePassphraseIsTheRuleTheMethodsEnforce: the meter's answer is the rule's, with or
// without a vault, and what it calls acceptable Create takes and the rest it refuses.
func TestRatePassphraseIsTheRuleTheMethodsEnforce(t *testing.T) {
	r := newVaultRig(t)
	for _, p := range append([]string{"", "short", "correct horse battery staple"}, weakButLong...) {
		got, err := r.svc.RatePassphrase(p)
		if err != nil {
			t.Fatal(err)
		}
		v := strength.Measure(p)
		if got.Score != v.Score || got.Label != v.Label || got.Acceptable != v.Acceptable || got.Refusal != v.Refusal || got.Warning != v.Warning || got.Suggestions == nil {
			t.Errorf("%q: rated %+v, the rule says %+v", p, got, v)
		}
	}
	long := strings.Repeat("amber harbour stitches thunder ", 40)
	if got, _ := r.svc.RatePassphrase(long); got.Acceptable || !strings.Contains(got.Refusal, "longer than Goldseam can take") {
		t.Errorf("a passphrase Create cannot take was rated %+v", got)
	}
	_, err := r.svc.Create(long)
	wantCode(t, err, apperr.Invalid)
	if got, _ := r.svc.RatePassphrase("correct horse battery staple"); !got.Acceptable {
		t.Fatalf("rated %+v", got)
	}
	if _, err := r.svc.Create("correct horse battery staple"); err != nil {
		t.Fatal(err)
	}
}
