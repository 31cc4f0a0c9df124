package e2eserver_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/e2eserver"
	"github.com/goldseam/goldseam/internal/webguard"
)

type Greeter struct{ calls int }

func (g *Greeter) Hello(name string) (string, error) {
	g.calls++
	if name == "" {
		return "", apperr.New(apperr.Invalid, "A name is needed.")
	}
	return "hello " + name, nil
}

func (g *Greeter) Count() int { return g.calls }

func (g *Greeter) Fail() error { return apperr.New(apperr.Locked, "Goldseam is locked.") }

func newServer(t *testing.T) (*httptest.Server, *Greeter) {
	t.Helper()
	dist := fstest.MapFS{"index.html": {Data: []byte("<html><head><title>x</title></head></html>")}}
	g := &Greeter{}
	s, err := e2eserver.New(dist, e2eserver.NewHost(), []any{g})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv, g
}

type reply struct {
	Result json.RawMessage `json:"result"`
	Error  *string         `json:"error"`
}

func call(t *testing.T, srv *httptest.Server, name string, args ...any) reply {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"name": name, "args": args})
	resp, err := http.Post(srv.URL+"/wails/call", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r reply
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return r
}

func TestCallRunsTheRealMethod(t *testing.T) {
	srv, g := newServer(t)
	r := call(t, srv, "e2eserver_test.Greeter.Hello", "Ann")
	if string(r.Result) != `"hello Ann"` || r.Error != nil {
		t.Fatalf("got %s %v", r.Result, r.Error)
	}
	if g.calls != 1 {
		t.Fatalf("method ran %d times", g.calls)
	}
	if r := call(t, srv, "e2eserver_test.Greeter.Count"); string(r.Result) != "1" {
		t.Fatalf("count: %s", r.Result)
	}
}

func TestCallErrorsArriveFormattedLikeWails(t *testing.T) {
	srv, _ := newServer(t)
	for name, want := range map[string]apperr.Code{
		"e2eserver_test.Greeter.Fail":  apperr.Locked,
		"e2eserver_test.Greeter.Hello": apperr.Invalid,
	} {
		t.Run(name, func(t *testing.T) {
			args := []any{}
			if strings.HasSuffix(name, "Hello") {
				args = append(args, "")
			}
			r := call(t, srv, name, args...)
			if r.Error == nil {
				t.Fatal("no error")
			}
			var p apperr.Payload
			if err := json.Unmarshal([]byte(*r.Error), &p); err != nil || p.Code != want {
				t.Fatalf("error %q, want code %s", *r.Error, want)
			}
		})
	}
}

func TestCallWithWrongArgumentsIsInvalidNotAPanic(t *testing.T) {
	srv, _ := newServer(t)
	for _, args := range [][]any{{}, {"a", "b"}, {42}} {
		r := call(t, srv, "e2eserver_test.Greeter.Hello", args...)
		if r.Error == nil || !strings.Contains(*r.Error, `"invalid"`) {
			t.Errorf("args %v: got %v", args, r.Error)
		}
	}
}

func TestIndexGetsRuntimeScriptsAndSecurityHeaders(t *testing.T) {
	srv, _ := newServer(t)
	resp, err := http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `<head><script src="/wails/ipc.js"></script><script src="/wails/runtime.js"></script>`) {
		t.Fatalf("runtime scripts not injected: %s", body)
	}
	if resp.Header.Get("Content-Security-Policy") != webguard.ContentSecurityPolicy {
		t.Fatal("CSP header missing")
	}
	resp, err = http.Get(srv.URL + "/wails/runtime.js")
	if err != nil {
		t.Fatal(err)
	}
	js, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(js), `"e2eserver_test.Greeter.Hello"`) || strings.Contains(string(js), "__METHODS__") {
		t.Fatal("runtime.js does not list the bound methods")
	}
}
