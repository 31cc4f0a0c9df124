// Package e2eserver owns the HTTP server that lets real headless Chromium drive the real
// Go services: it serves the built interface with the app's security headers and exposes
// every bound method as window.go.<package>.<Service>.<Method>, exactly as Wails does.
//
// It exists because `wails dev` needs a display; this needs none and no cgo. Only the
// e2e build (main_e2e.go) uses it; the desktop app never contains it.
package e2eserver

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/webguard"
)

//go:embed runtime.js
var runtimeJS string

// scripts is what Wails puts at the top of <head>; we do the same.
const scripts = `<script src="/wails/ipc.js"></script><script src="/wails/runtime.js"></script>`

// Server serves one app to browser tests.
type Server struct {
	dist    fs.FS
	methods map[string]reflect.Value
	Host    *Host
	// Failed turns a failed call's error into the text the page receives, as the window's
	// error formatter does; main_e2e.go gives it the app's, which also writes faults to
	// the fault log. Without it, the text is apperr.Format's.
	Failed func(call string, err error) string
	// Partner, when set, is the other partner's computer, driven through /e2e/partner
	// (partner.go).
	Partner *Partner
}

// New returns a server for the built interface in dist and the bound services, which talk
// to the page through h. Services must be pointers to structs, as for Wails' Bind option.
func New(dist fs.FS, h *Host, services []any) (*Server, error) {
	s := &Server{dist: dist, methods: map[string]reflect.Value{}, Host: h}
	for _, svc := range services {
		if err := s.bind(svc); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *Server) bind(svc any) error {
	v := reflect.ValueOf(svc)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("bind %T: not a pointer to a struct", svc)
	}
	t := v.Type()
	pkg := path.Base(t.Elem().PkgPath())
	for i := 0; i < t.NumMethod(); i++ {
		m := t.Method(i)
		s.methods[pkg+"."+t.Elem().Name()+"."+m.Name] = v.Method(i)
	}
	return nil
}

// Methods lists the bound method names, sorted.
func (s *Server) Methods() []string {
	names := make([]string, 0, len(s.methods))
	for name := range s.methods {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Handler returns the whole HTTP handler, wrapped in the app's security headers.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /wails/ipc.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
	})
	mux.HandleFunc("GET /wails/runtime.js", s.serveRuntime)
	mux.HandleFunc("POST /wails/call", s.serveCall)
	mux.HandleFunc("GET /e2e/events", s.Host.serveEvents)
	mux.HandleFunc("GET /e2e/opened", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, s.Host.Opened())
	})
	mux.HandleFunc("GET /e2e/window", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, s.Host.state())
	})
	// What the next save dialog answers: a path, or "" for a person who cancels.
	mux.HandleFunc("POST /e2e/save-path", func(w http.ResponseWriter, r *http.Request) {
		var path string
		if err := json.NewDecoder(r.Body).Decode(&path); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		s.Host.mu.Lock()
		s.Host.savePath = path
		s.Host.mu.Unlock()
	})
	// The Wails runtime's own BrowserOpenURL, should the page ever call it.
	mux.HandleFunc("POST /e2e/browser-open", func(w http.ResponseWriter, r *http.Request) {
		var url string
		if json.NewDecoder(r.Body).Decode(&url) == nil {
			s.Host.OpenURL(url)
		}
	})
	if s.Partner != nil {
		s.Partner.handle(mux)
	}
	mux.HandleFunc("GET /", s.serveAsset)
	return webguard.Middleware(mux)
}

func (s *Server) serveRuntime(w http.ResponseWriter, r *http.Request) {
	names, _ := json.Marshal(s.Methods())
	w.Header().Set("Content-Type", "text/javascript")
	fmt.Fprint(w, strings.Replace(runtimeJS, "__METHODS__", string(names), 1))
}

func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if name == "" {
		name = "index.html"
	}
	data, err := fs.ReadFile(s.dist, name)
	if errors.Is(err, fs.ErrNotExist) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if name == "index.html" {
		data = []byte(strings.Replace(string(data), "<head>", "<head>"+scripts, 1))
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

type callRequest struct {
	Name string            `json:"name"`
	Args []json.RawMessage `json:"args"`
}

type callReply struct {
	Result any     `json:"result"`
	Error  *string `json:"error,omitempty"`
}

// serveCall runs one bound method. Argument decoding follows Wails: JSON values into the
// method's parameter types, and a wrong count or type is an error, not a panic.
func (s *Server) serveCall(w http.ResponseWriter, r *http.Request) {
	var req callRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad call: "+err.Error(), http.StatusBadRequest)
		return
	}
	method, ok := s.methods[req.Name]
	if !ok {
		http.Error(w, "no such method: "+req.Name, http.StatusNotFound)
		return
	}
	result, err := invoke(method, req.Args)
	reply := callReply{Result: result}
	if err != nil {
		text := apperr.Format(err)
		if s.Failed != nil {
			text = s.Failed(req.Name, err)
		}
		reply.Error = &text
	}
	writeJSON(w, reply)
}

var errorType = reflect.TypeFor[error]()

func invoke(method reflect.Value, rawArgs []json.RawMessage) (any, error) {
	t := method.Type()
	if len(rawArgs) != t.NumIn() {
		return nil, apperr.New(apperr.Invalid, fmt.Sprintf("This call takes %d values, not %d.", t.NumIn(), len(rawArgs)))
	}
	args := make([]reflect.Value, t.NumIn())
	for i := range args {
		ptr := reflect.New(t.In(i))
		if err := json.Unmarshal(rawArgs[i], ptr.Interface()); err != nil {
			return nil, apperr.Wrap(apperr.Invalid, "A value sent to Goldseam had the wrong shape.", err)
		}
		args[i] = ptr.Elem()
	}
	out := method.Call(args)
	var result any
	var err error
	for _, v := range out {
		if v.Type() == errorType {
			if !v.IsNil() {
				err = v.Interface().(error)
			}
			continue
		}
		result = v.Interface()
	}
	return result, err
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// Host is the e2e [host.Host]: it records links handed to the browser, and delivers
// events to the page over Server-Sent Events.
type Host struct {
	mu       sync.Mutex
	opened   []string
	title    string
	savePath string // what the next save dialog answers; "" is a cancel
	printed  int    // how many times the print dialog was asked for
	hidden   int    // how many times the quick exit hid the window
	clients  map[chan []byte]struct{}
}

// NewHost returns an empty Host.
func NewHost() *Host {
	return &Host{clients: map[chan []byte]struct{}{}}
}

// OpenURL records url; the tests read the list from /e2e/opened.
func (h *Host) OpenURL(url string) {
	h.mu.Lock()
	h.opened = append(h.opened, url)
	h.mu.Unlock()
}

// Opened returns the links handed to the browser so far.
func (h *Host) Opened() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string{}, h.opened...)
}

// SaveFile answers like a save dialog with the path the test set through /e2e/save-path.
func (h *Host) SaveFile(title, name string) (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.savePath, nil
}

// OpenFile answers like an open dialog, with the same path the tests set for every dialog.
func (h *Host) OpenFile(title string) (string, error) { return h.SaveFile(title, "") }

// ChooseFolder answers like a folder dialog, with the same path as the other dialogs.
func (h *Host) ChooseFolder(title string) (string, error) { return h.SaveFile(title, "") }

// SetTitle records the window title; the tests read it from /e2e/title.
func (h *Host) SetTitle(title string) {
	h.mu.Lock()
	h.title = title
	h.mu.Unlock()
}

// Hide counts the quick exit's request to hide the window; the tests read it from /e2e/window.
func (h *Host) Hide() {
	h.mu.Lock()
	h.hidden++
	h.mu.Unlock()
}

// Print counts the request; the tests read the count from /e2e/window. A browser test makes
// the PDF itself, with Chromium.
func (h *Host) Print() {
	h.mu.Lock()
	h.printed++
	h.mu.Unlock()
}

func (h *Host) state() map[string]string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return map[string]string{"title": h.title, "savePath": h.savePath, "printed": strconv.Itoa(h.printed), "hidden": strconv.Itoa(h.hidden)}
}

// Emit sends an event to every open page.
func (h *Host) Emit(event string, data any) {
	msg, _ := json.Marshal(map[string]any{"name": event, "data": data})
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- msg:
		default: // a stalled page misses the event rather than stalling Go
		}
	}
}

func (h *Host) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan []byte, 16)
	h.mu.Lock()
	h.clients[c] = struct{}{}
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg := <-c:
			fmt.Fprintf(w, "data: %s\n\n", msg)
			flusher.Flush()
		}
	}
}
