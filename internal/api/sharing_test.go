package api_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/goldseam/goldseam/internal/api"
)

// sharingRig is one computer: a vault made and unlocked, its settings saved with the person
// here first, and the Sharing service over it.
func sharingRig(t *testing.T, names [2]string) (*vaultRig, *api.Sharing) {
	t.Helper()
	r := newVaultRig(t)
	r.create(t)
	if _, err := api.NewSpace(r.db, r.session).SaveSettings(api.SpaceSettings{Names: names, Rhythm: "weekly"}); err != nil {
		t.Fatal(err)
	}
	return r, api.NewSharing(r.host, r.db, r.session, filepath.Dir(r.path))
}

// Two computers pair through the service the window calls, each choosing the folder with
// the dialog; once the folder is gone (a USB stick pulled out), the status says so in a
// sentence, and says it no more once the folder is back.
func TestTwoComputersPairThroughTheServiceAndAMissingFolderIsSaid(t *testing.T) {
	folder := t.TempDir()
	samRig, sam := sharingRig(t, [2]string{"Sam", "Alex"})
	alexRig, alex := sharingRig(t, [2]string{"Alex", "Sam"})
	for _, x := range []struct {
		r *vaultRig
		s *api.Sharing
	}{{samRig, sam}, {alexRig, alex}} {
		x.r.host.savePath = folder
		if v, err := x.s.ChooseFolder(); err != nil || v.State != "folder" || v.Folder != folder {
			t.Fatalf("choosing the folder: %+v %v", v, err)
		}
	}
	if _, err := sam.Invite(false); err != nil {
		t.Fatal(err)
	}
	invitations, err := alex.Invitations()
	if err != nil || len(invitations) != 1 || invitations[0].Name != "Sam" {
		t.Fatalf("invitations %+v %v", invitations, err)
	}
	if _, err := alex.Join(invitations[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	var ps, pa api.PairingView
	for range 4 {
		if ps, err = sam.Pairing(); err != nil {
			t.Fatal(err)
		}
		if pa, err = alex.Pairing(); err != nil {
			t.Fatal(err)
		}
	}
	if ps.State != "compare" || ps.Code == "" || ps.Code != pa.Code {
		t.Fatalf("codes: Sam %+v, Alex %+v", ps, pa)
	}
	if _, err := sam.ConfirmCode(); err != nil {
		t.Fatal(err)
	}
	if v, err := alex.ConfirmCode(); err != nil || v.State != "done" {
		t.Fatalf("Alex's confirmation: %+v %v", v, err)
	}
	for _, s := range []*api.Sharing{sam, alex} {
		if v, err := s.SyncNow(); err != nil || v.State != "paired" || v.Problem != "" {
			t.Fatalf("paired: %+v %v", v, err)
		}
	}
	if got, err := api.NewSpace(alexRig.db, alexRig.session).Settings(); err != nil || got.Here != 1 || !got.Paired || got.Names != [2]string{"Sam", "Alex"} {
		t.Fatalf("Alex's computer reads %+v %v", got, err)
	}

	hidden := folder + "-unplugged"
	if err := os.Rename(folder, hidden); err != nil {
		t.Fatal(err)
	}
	if _, err := sam.SyncNow(); err == nil {
		t.Fatal("a pass over a missing folder went through")
	}
	if v, _ := sam.Status(); v.Problem == "" {
		t.Fatal("the status says nothing of the missing folder")
	}
	if err := os.Rename(hidden, folder); err != nil {
		t.Fatal(err)
	}
	if v, err := sam.SyncNow(); err != nil || v.Problem != "" {
		t.Fatalf("with the folder back: %+v %v", v, err)
	}
}
