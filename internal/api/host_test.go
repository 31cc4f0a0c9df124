package api_test

import "sync"

// recordingHost remembers what the services asked of the window. Sessions lock from
// their own goroutine, so it is safe for concurrent use.
type recordingHost struct {
	mu       sync.Mutex
	opened   []string
	events   []string
	data     []any // what came with each of events
	title    string
	savePath string
	dialogs  int // how many file or folder dialogs were opened
	hidden   int // how many times the window was hidden
}

func (h *recordingHost) OpenURL(url string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.opened = append(h.opened, url)
}

func (h *recordingHost) Emit(event string, data any) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events = append(h.events, event)
	h.data = append(h.data, data)
}

// Told returns the data of every event named event, in order.
func (h *recordingHost) Told(event string) []any {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []any
	for i, e := range h.events {
		if e == event {
			out = append(out, h.data[i])
		}
	}
	return out
}

func (h *recordingHost) SaveFile(title, name string) (string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.dialogs++
	return h.savePath, nil
}

func (h *recordingHost) SetTitle(title string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.title = title
}

func (h *recordingHost) Print() {}

func (h *recordingHost) Hide() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.hidden++
}

func (h *recordingHost) OpenFile(title string) (string, error) { return h.SaveFile(title, "") }

func (h *recordingHost) ChooseFolder(title string) (string, error) { return h.SaveFile(title, "") }

func (h *recordingHost) Events() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string{}, h.events...)
}
