package e2eserver_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/goldseam/goldseam/internal/e2eserver"
	"github.com/goldseam/goldseam/internal/reveal"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	os.Exit(m.Run())
}

// partnerRig is an unlocked app (Sam's computer, its log written as Sam) served with its
// partner (Alex's computer).
type partnerRig struct {
	url     string
	session *session.Session
	app     *space.Log
	here    string
}

func newPartnerRig(t *testing.T) *partnerRig {
	t.Helper()
	ctx := context.Background()
	db, u := testvault.Open(t)
	s := session.New(db, nil)
	s.Open(u)
	key := u.Key(vault.Shared)
	names, err := space.New(db).SaveOldSettings(ctx, key, space.CoupleSettings{Names: [2]string{"Sam", "Alex"}})
	if err != nil {
		t.Fatal(err)
	}
	id, err := u.Device(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(id.Wipe)
	srv, err := e2eserver.New(fstest.MapFS{}, e2eserver.NewHost(), nil)
	if err != nil {
		t.Fatal(err)
	}
	srv.Partner = e2eserver.NewPartner(db, s)
	t.Cleanup(func() { srv.Partner.Close() })
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &partnerRig{url: hs.URL, session: s, here: id.DeviceID(),
		app: space.NewLog(db, key, space.Author{Signer: id, Person: names.Partner(0)})}
}

func (r *partnerRig) post(t *testing.T, path, body string) (int, string) {
	t.Helper()
	resp, err := http.Post(r.url+path, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// The partner's computer takes a copy, each of them changes the same title, the partner's
// change comes back into the app's file: the app's fold shows a tie holding both, Alex's
// signed by a device that is not this one.
func TestThePartnerWritesOnACopyOfTheirOwn(t *testing.T) {
	ctx := context.Background()
	r := newPartnerRig(t)
	if _, err := r.app.Append(ctx, space.Draft{Record: "r", Kind: "agreement", Value: "we walk"}); err != nil {
		t.Fatal(err)
	}
	if code, body := r.post(t, "/e2e/partner/fork", ""); code != http.StatusOK {
		t.Fatalf("fork %d %s", code, body)
	}
	if _, err := r.app.Append(ctx, space.Draft{Record: "r", Kind: "agreement", Field: "title", Value: "Walks"}); err != nil {
		t.Fatal(err)
	}
	code, body := r.post(t, "/e2e/partner", `{"changes":[{"record":"r","kind":"agreement","field":"title","value":"Sunday walks"}]}`)
	var got struct{ Changes []e2eserver.PartnerWritten }
	if err := json.Unmarshal([]byte(body), &got); code != http.StatusOK || err != nil || len(got.Changes) != 1 ||
		got.Changes[0].Record != "r" || got.Changes[0].Field != "title" {
		t.Fatalf("partner write %d %s %v", code, body, err)
	}
	rec, ok, err := r.app.Record(ctx, "r")
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	f := rec.Fields["title"]
	if !f.Conflict || len(f.Current) != 2 {
		t.Fatalf("no tie in the app: %+v", f)
	}
	byName := map[string]space.Entry{}
	for _, e := range f.Current {
		byName[e.Person.Name] = e
	}
	alex, sam := byName["Alex"], byName["Sam"]
	if alex.Change != got.Changes[0].ID || alex.Person.Role != "partner-2" || alex.Device == r.here || string(alex.Value) != `"Sunday walks"` {
		t.Fatalf("Alex's candidate %+v", alex)
	}
	if sam.Person.Role != "partner-1" || sam.Device != r.here || string(sam.Value) != `"Walks"` {
		t.Fatalf("Sam's candidate %+v", sam)
	}
}

// Without a fork the partner's first write forks first; while the app is locked the
// partner cannot reach the shared key and says so.
func TestThePartnerForksFirstAndNeedsTheAppUnlocked(t *testing.T) {
	ctx := context.Background()
	r := newPartnerRig(t)
	if _, err := r.app.Append(ctx, space.Draft{Record: "r", Kind: "agreement", Value: "we walk"}); err != nil {
		t.Fatal(err)
	}
	if code, body := r.post(t, "/e2e/partner", `{"changes":[{"record":"r","kind":"agreement","field":"title","value":"Walks"}]}`); code != http.StatusOK {
		t.Fatalf("partner write %d %s", code, body)
	}
	rec, _, err := r.app.Record(ctx, "r")
	if v, ok := rec.Fields["title"].Value(); err != nil || !ok || string(v) != `"Walks"` || rec.Fields["title"].Current[0].Clock != 2 {
		t.Fatalf("title %s %v %v: want Alex's, after the app's change", v, ok, err)
	}
	r.session.Lock(session.ByRequest)
	if code, _ := r.post(t, "/e2e/partner/fork", ""); code != http.StatusConflict {
		t.Fatalf("fork while locked: %d", code)
	}
}

// The partner's computer behaves as a paired one: its sealed answer is released once its copy
// holds this side's answer to the same question, and the app then reads it.
func TestThePartnerReleasesItsSealedAnswerOnceItHoldsOurs(t *testing.T) {
	ctx := context.Background()
	r := newPartnerRig(t)
	sam := space.Person{Role: "partner-1", Name: "Sam"}
	if err := reveal.Write(ctx, r.app, "checkin-answer", "c1", sam, map[string]string{"hard": "Sam's words."}); err != nil {
		t.Fatal(err)
	}
	if code, body := r.post(t, "/e2e/partner", `{"changes":[{"kind":"checkin-answer","parent":"c1","value":{"hard":"Alex's words."},"sealed":true}]}`); code != http.StatusOK {
		t.Fatalf("%d %s", code, body)
	}
	opener, err := reveal.NewReader(ctx, r.app)
	if err != nil {
		t.Fatal(err)
	}
	rec, ok, err := r.app.Record(ctx, space.PersonalRecordID("checkin-answer", "c1", space.Person{Role: "partner-2"}))
	if err != nil || !ok {
		t.Fatalf("Alex's answer did not arrive: %v", err)
	}
	rec, hidden := opener.Unseal(rec)
	if v, _ := rec.Fields["hard"].Value(); hidden || string(v) != `"Alex's words."` {
		t.Fatalf("the app reads Alex's answer as %s (hidden %v)", v, hidden)
	}
}
