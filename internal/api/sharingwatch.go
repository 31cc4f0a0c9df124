package api

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/goldseam/goldseam/internal/sharing"
)

// How often the watch looks without being told: for new changes written here (a cheap look
// at the log's newest row), and for the whole folder, since a watch can miss events (a cloud
// folder, a USB stick plugged in again, a folder on a network drive).
const (
	lookForWritesEvery = 2 * time.Second
	rescanEvery        = 30 * time.Second
	settleFor          = 300 * time.Millisecond // events come in bursts: one pass after the burst
)

// watchOnUnlock starts the watch at each unlock; the lock ends it (the session's context).
func (s *Sharing) watchOnUnlock() {
	if s.k.usable {
		s.k.session.OnUnlock(s.watch)
	}
}

// watch runs passes while unlocked: when the folder changes, when this copy wrote a change,
// and now and then regardless. After a pass that took something in, the window is told
// ("space:changed") so the screens read again.
func (s *Sharing) watch() {
	ctx := s.k.session.Context()
	go func() {
		w, err := fsnotify.NewWatcher()
		if err != nil {
			w = nil // no watch: the timers still run passes
		} else {
			defer w.Close()
		}
		var events <-chan fsnotify.Event
		if w != nil {
			events = w.Events
		}
		look, rescan := time.NewTicker(lookForWritesEvery), time.NewTicker(rescanEvery)
		defer look.Stop()
		defer rescan.Stop()
		var settle <-chan time.Time
		newest := ""
		run := func() {
			r, err := s.pass()
			if err == nil && (r.Added > 0 || r.PartnerLeft) {
				s.host.Emit("space:changed", nil)
			}
			s.watchFolders(ctx, w)
		}
		run()
		for {
			select {
			case <-ctx.Done():
				return
			case <-events:
				if settle == nil {
					settle = time.After(settleFor)
				}
			case <-settle:
				settle = nil
				run()
			case <-look.C:
				if n := s.newestChange(ctx); n != newest {
					newest = n
					run()
				}
			case <-rescan.C:
				run()
			}
		}
	}()
}

// newestChange names the log's newest row, to notice a write here.
func (s *Sharing) newestChange(ctx context.Context) string {
	var id string
	_ = s.k.db.SQL().QueryRowContext(ctx, `SELECT coalesce(max(rowid), 0) || ':' || count(*) FROM shared_changes`).Scan(&id)
	return id
}

// watchFolders adds the space's folder and each device's folder in it to w (fsnotify does
// not watch below a folder); adding one twice does nothing.
func (s *Sharing) watchFolders(ctx context.Context, w *fsnotify.Watcher) {
	if w == nil {
		return
	}
	var dir string
	_ = s.withCopy(func(ctx context.Context, c sharing.Copy) error {
		st, err := sharing.Look(ctx, c)
		if err == nil && st.Paired {
			dir = sharing.SpaceDir(st)
		}
		return err
	})
	if dir == "" {
		return
	}
	_ = w.Add(filepath.Dir(dir))
	_ = w.Add(dir)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() {
			_ = w.Add(filepath.Join(dir, e.Name()))
		}
	}
}
