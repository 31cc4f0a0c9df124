package journal

import (
	"context"
	"errors"
	"runtime"
	"sync"
)

// IndexState says where the search index of a session is.
type IndexState string

// The states of a LiveIndex.
const (
	IndexOff      IndexState = "off"      // locked: there is no index
	IndexBuilding IndexState = "building" // being filled from every entry after an unlock
	IndexReady    IndexState = "ready"    // holds every entry; saves and deletes keep it so
	IndexFailed   IndexState = "failed"   // could not be filled; search has nothing to show
)

// ErrIndexOff means there is no index: Goldseam is locked.
var ErrIndexOff = errors.New("no search index while locked")

// Source hands every entry of the journal to yield, decrypted; it stops at yield's first
// error. The bound layer gives one that reads the entries under the session's key.
type Source func(ctx context.Context, yield func(Entry) error) error

// LiveIndex owns the search index across a session: Start builds a new one in the
// background after an unlock, Stop drops it at a lock, and in between Put and Remove
// keep it current as entries are saved and deleted. The index holds decrypted words, so
// it must never outlive the session that built it.
type LiveIndex struct {
	mu    sync.Mutex
	index *Index        // nil while off
	done  chan struct{} // closed once the current build has finished, well or not
	err   error         // why the current build failed, once done
}

// Start drops any index and begins building a new one from source, in the background;
// ctx ends the build (the session's context ends at a lock).
func (l *LiveIndex) Start(ctx context.Context, source Source) {
	ix, done := NewIndex(), make(chan struct{})
	l.mu.Lock()
	l.index, l.done, l.err = ix, done, nil
	l.mu.Unlock()
	go func() {
		err := fill(ctx, ix, source)
		l.mu.Lock()
		if l.done == done { // not stopped or started again meanwhile
			l.err = err
		}
		l.mu.Unlock()
		close(done)
	}()
}

// fill loads every entry into ix: one goroutine (the source's) reads and decrypts, the
// others split the words up and index them.
func fill(ctx context.Context, ix *Index, source Source) error {
	queue := make(chan Entry, 256)
	var workers sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		workers.Go(func() {
			for e := range queue {
				ix.Load(e)
			}
		})
	}
	err := source(ctx, func(e Entry) error {
		select {
		case queue <- e:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	close(queue)
	workers.Wait()
	return err
}

// Stop drops the index; a build still running finishes into an index nobody holds.
func (l *LiveIndex) Stop() {
	l.mu.Lock()
	l.index, l.done, l.err = nil, nil, nil
	l.mu.Unlock()
}

// Put adds or replaces e in the index, if there is one.
func (l *LiveIndex) Put(e Entry) {
	if ix, _ := l.current(); ix != nil {
		ix.Put(e)
	}
}

// Remove takes the entry id out of the index, if there is one.
func (l *LiveIndex) Remove(id string) {
	if ix, _ := l.current(); ix != nil {
		ix.Remove(id)
	}
}

// State reports where the index is; for IndexFailed, the error says why (for Go's eyes
// only: it may hold a cause's text).
func (l *LiveIndex) State() (IndexState, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.state()
}

// state is State with l.mu held.
func (l *LiveIndex) state() (IndexState, error) {
	switch {
	case l.index == nil:
		return IndexOff, nil
	case !closed(l.done):
		return IndexBuilding, nil
	case l.err != nil:
		return IndexFailed, l.err
	}
	return IndexReady, nil
}

// Ready returns the index when it holds every entry, else nil and its state.
func (l *LiveIndex) Ready() (*Index, IndexState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if state, _ := l.state(); state != IndexReady {
		return nil, state
	}
	return l.index, IndexReady
}

// Wait blocks until the current build has finished or ctx ends. It returns nil when the
// index is ready, the build's error when it failed, and ErrIndexOff while locked.
func (l *LiveIndex) Wait(ctx context.Context) error {
	_, done := l.current()
	if done == nil {
		return ErrIndexOff
	}
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	switch state, err := l.State(); state {
	case IndexReady:
		return nil
	case IndexFailed:
		return err
	}
	return ErrIndexOff
}

func (l *LiveIndex) current() (*Index, chan struct{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.index, l.done
}

func closed(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}
