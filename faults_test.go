package main

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/e2eserver"
	"github.com/goldseam/goldseam/internal/faultlog"
	"github.com/goldseam/goldseam/internal/vault"
)

// TestAFailureInsideGoldseamIsLoggedOnceWhereItLeavesGo runs the real app on a data folder,
// breaks its data file under it, and saves an entry holding a canary word, once through the
// browser-test server and once as the window's error formatter sees it. Each failed call
// adds exactly one line to goldseam.log, naming the call and the code; the canary, the
// passphrase and the data folder's path never appear there, and the page's sentence is
// the one it always was.
func TestAFailureInsideGoldseamIsLoggedOnceWhereItLeavesGo(t *testing.T) {
	vault.UseCheapKDFForTests()
	dir := t.TempDir()
	host := e2eserver.NewHost()
	app := NewApp(dir, host, slog.New(slog.DiscardHandler))
	srv, err := e2eserver.New(fstest.MapFS{"index.html": {Data: []byte("<html></html>")}}, host, app.bindings())
	if err != nil {
		t.Fatal(err)
	}
	srv.Failed = app.failed
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)

	const passphrase = "canary passphrase lantern marigold"
	var kit api.RecoveryKitView
	if e := call(t, ts, &kit, "api.Vault.Create", passphrase); e != nil {
		t.Fatalf("create: %+v", e)
	}
	if e := call(t, ts, nil, "api.Vault.ConfirmRecoveryKit", kit.Groups[kit.Check[0]-1], kit.Groups[kit.Check[1]-1]); e != nil {
		t.Fatalf("confirm: %+v", e)
	}
	app.db.Close() // the data file is gone from under the running app: a save now fails inside Goldseam

	const canary = "canarywordforthelog"
	entry := api.EntryInput{Date: "2026-11-30", Title: canary, Body: "Body " + canary, Feelings: []string{canary}}
	got := call(t, ts, nil, "api.Journal.Save", entry)
	want := apperr.Payload{Code: apperr.Internal, Message: apperr.MessageOf(apperr.Wrap(apperr.Internal, "", nil))}
	if got == nil || *got != want {
		t.Fatalf("the page got %+v, want %+v", got, want)
	}
	_, err = app.services.Journal.Save(entry) // the window: Wails hands this error to app.failed
	app.failed("", err)

	b, err := os.ReadFile(filepath.Join(dir, faultlog.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("goldseam.log:\n%s", b)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], " internal call=api.Journal.Save cause=") ||
		!strings.Contains(lines[1], " internal call=Journal.Save cause=") {
		t.Fatalf("want one line per failed call, naming it; got %q", b)
	}
	for _, secret := range []string{canary, "canary", "lantern", dir} {
		if bytes.Contains(b, []byte(secret)) {
			t.Fatalf("the log holds %q: %q", secret, b)
		}
	}
	if info, _ := os.Stat(filepath.Join(dir, faultlog.FileName)); info.Mode().Perm() != 0o600 {
		t.Fatalf("the log's mode is %v", info.Mode().Perm())
	}
}

// call runs a bound method through the browser-test server; it returns the error's payload.
func call(t *testing.T, ts *httptest.Server, result any, name string, args ...any) *apperr.Payload {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"name": name, "args": args})
	resp, err := http.Post(ts.URL+"/wails/call", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var reply struct {
		Result json.RawMessage `json:"result"`
		Error  *string         `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&reply); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if reply.Error != nil {
		var p apperr.Payload
		if err := json.Unmarshal([]byte(*reply.Error), &p); err != nil {
			t.Fatalf("%s: %q", name, *reply.Error)
		}
		return &p
	}
	if result != nil {
		if err := json.Unmarshal(reply.Result, result); err != nil {
			t.Fatal(err)
		}
	}
	return nil
}
