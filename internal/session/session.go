// Package session owns whether Goldseam is locked right now: the vault's keys while it is
// unlocked, locking again (on request, after an idle time, after the computer slept), and
// telling everything that keeps decrypted data in memory to drop it at that moment.
//
// Every data method runs through [Session.WithKeys], which returns apperr.Locked while
// locked and holds the keys steady while it runs: Lock waits for running calls to finish,
// then wipes the keys, so no call ever sees a key being wiped underneath it.
package session

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// ErrLocked is the error every data method returns while Goldseam is locked.
var ErrLocked = apperr.New(apperr.Locked, "Goldseam is locked. Unlock it to carry on; nothing has been lost.")

// Reason says why the session locked, for the interface and the log (never anything private).
type Reason string

// The reasons a session locks.
const (
	ByRequest Reason = "request"    // the Lock button or Ctrl/Cmd+L
	QuickExit Reason = "quick-exit" // the quick exit: lock at once and show a neutral screen
	Idle      Reason = "idle"       // no activity for the auto-lock time
	Slept     Reason = "sleep"      // the computer slept or the clock jumped
	Shutdown  Reason = "shutdown"
)

// DefaultIdle is the auto-lock time until the person chooses another.
const DefaultIdle = 5 * time.Minute

// Clock gives the session two readings, both counted from when the clock was made:
// Through keeps running while the computer sleeps, Awake stops. When Through runs more
// than a minute ahead of Awake between two ticks, the computer slept (or its clock was
// moved). Idle time is measured on Awake. RealClock reads the system's clocks; which ones
// depends on the operating system (clock_other.go, clock_windows.go), and tests pass a
// fake so the same rule is checked on every system.
type Clock interface {
	Through() time.Duration
	Awake() time.Duration
}

// Session is the lock state of one running Goldseam.
type Session struct {
	db    *store.DB
	clock Clock

	mu         sync.RWMutex // write-held to unlock and lock; read-held by WithKeys
	keys       *vault.Unlocked
	lastActive time.Duration // Awake
	tickThru   time.Duration
	tickAwake  time.Duration
	idle       time.Duration // 0: never lock by itself

	listenMu        sync.Mutex
	listeners       []func(Reason)
	unlockListeners []func()
	scrubFailed     []func(error)

	ctxMu  sync.Mutex
	ctx    context.Context // ends when a lock begins, so long work under the keys stops
	cancel context.CancelFunc
}

// New returns a locked session over db. Tests pass a fake clock; nil is the real one.
func New(db *store.DB, clock Clock) *Session {
	if clock == nil {
		clock = RealClock()
	}
	return &Session{db: db, clock: clock, idle: DefaultIdle}
}

// OnLock registers fn to run each time the session locks, after the keys are wiped: the
// place to drop search indexes and decrypted caches, purge what was deleted, and tell the
// interface. Once every listener has returned, Lock scrubs the write-ahead log (Scrub), so
// what the listeners removed does not stay in it.
func (s *Session) OnLock(fn func(Reason)) {
	s.listenMu.Lock()
	s.listeners = append(s.listeners, fn)
	s.listenMu.Unlock()
}

// OnUnlock registers fn to run each time the session unlocks, after the keys are in
// place: the place to start building search indexes in the background.
func (s *Session) OnUnlock(fn func()) {
	s.listenMu.Lock()
	s.unlockListeners = append(s.unlockListeners, fn)
	s.listenMu.Unlock()
}

// Open makes u the session's keys: the vault is now unlocked.
func (s *Session) Open(u *vault.Unlocked) {
	s.mu.Lock()
	if s.keys != nil {
		s.keys.Wipe()
	}
	s.keys = u
	s.lastActive = s.clock.Awake()
	s.tickThru, s.tickAwake = s.clock.Through(), s.lastActive
	s.mu.Unlock()

	s.ctxMu.Lock()
	if s.cancel != nil {
		s.cancel()
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.ctxMu.Unlock()

	s.listenMu.Lock()
	listeners := append([]func(){}, s.unlockListeners...)
	s.listenMu.Unlock()
	for _, fn := range listeners {
		fn()
	}
}

// Context ends as soon as a lock begins. Work that runs long under the keys (building an
// index) uses it, so a lock never waits for it to finish.
func (s *Session) Context() context.Context {
	s.ctxMu.Lock()
	defer s.ctxMu.Unlock()
	if s.ctx == nil {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		return ctx
	}
	return s.ctx
}

// Unlocked reports whether keys are loaded.
func (s *Session) Unlocked() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.keys != nil
}

// ViaRecovery reports whether the session was opened with the recovery key and still has
// no new passphrase.
func (s *Session) ViaRecovery() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.keys != nil && s.keys.ViaRecovery
}

// RecoveryFinished records that a person who opened the vault with the recovery key has
// chosen a new passphrase.
func (s *Session) RecoveryFinished() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keys != nil {
		s.keys.ViaRecovery = false
	}
}

// WithKeys runs fn with the vault's keys, or returns ErrLocked. Lock waits for fn.
func (s *Session) WithKeys(fn func(*vault.Unlocked) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.keys == nil {
		return ErrLocked
	}
	return fn(s.keys)
}

// WithKeysAlone runs fn with the vault's keys while no other call has them, or returns
// ErrLocked: for a rotation, which replaces the keys and reseals every row, so that no call
// seals with the keys being replaced and writes after them. Other calls and Lock wait for it.
func (s *Session) WithKeysAlone(fn func(*vault.Unlocked) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keys == nil {
		return ErrLocked
	}
	return fn(s.keys)
}

// Lock wipes the keys and tells every listener. Locking a locked session does nothing.
func (s *Session) Lock(reason Reason) {
	s.ctxMu.Lock()
	if s.cancel != nil {
		s.cancel()
	}
	s.ctxMu.Unlock()

	s.mu.Lock()
	if s.keys == nil {
		s.mu.Unlock()
		return
	}
	s.keys.Wipe()
	s.keys = nil
	s.mu.Unlock()

	s.listenMu.Lock()
	listeners := append([]func(Reason){}, s.listeners...)
	s.listenMu.Unlock()
	for _, fn := range listeners {
		fn(reason)
	}
	s.Scrub()
}

// OnScrubFailed registers fn to hear when Scrub could not empty the write-ahead log.
func (s *Session) OnScrubFailed(fn func(error)) {
	s.listenMu.Lock()
	s.scrubFailed = append(s.scrubFailed, fn)
	s.listenMu.Unlock()
}

// Scrub empties the database's write-ahead log (store.Checkpoint), so superseded key
// wraps and removed entries do not stay on disk while Goldseam runs. Lock runs it after its
// listeners; the services run it after changing the passphrase, making a new recovery kit,
// purging deleted entries and replacing everything from a backup. A failure is told to the
// OnScrubFailed listeners and returned; the next lock, and closing, try again.
func (s *Session) Scrub() error {
	if s == nil || s.db == nil {
		return nil
	}
	err := s.db.Checkpoint(context.Background())
	if err != nil {
		s.listenMu.Lock()
		listeners := append([]func(error){}, s.scrubFailed...)
		s.listenMu.Unlock()
		for _, fn := range listeners {
			fn(err)
		}
	}
	return err
}

// Touch records activity from the person (a key press, a click), postponing auto-lock.
func (s *Session) Touch() {
	s.mu.Lock()
	if s.keys != nil {
		s.lastActive = s.clock.Awake()
	}
	s.mu.Unlock()
}

// SetIdle sets the auto-lock time; 0 turns auto-lock off.
func (s *Session) SetIdle(d time.Duration) {
	s.mu.Lock()
	s.idle = d
	s.mu.Unlock()
}

// Idle returns the auto-lock time.
func (s *Session) Idle() time.Duration {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.idle
}

// TickInterval is how often Run checks the idle time.
const TickInterval = 5 * time.Second

// Tick locks the session if it has been idle too long, or if the clock that runs through
// sleep ran more than a minute ahead of the one that stops during it since the last tick:
// the computer slept. Run calls it every TickInterval; tests call it with a fake clock.
func (s *Session) Tick() {
	through, awake := s.clock.Through(), s.clock.Awake()
	s.mu.Lock()
	throughGap, awakeGap := through-s.tickThru, awake-s.tickAwake
	s.tickThru, s.tickAwake = through, awake
	if s.keys == nil {
		s.mu.Unlock()
		return
	}
	idleFor := awake - s.lastActive
	idle := s.idle
	s.mu.Unlock()

	switch {
	case idle > 0 && idleFor >= idle:
		s.Lock(Idle)
	case throughGap-awakeGap > time.Minute:
		s.Lock(Slept)
	}
}

// Run ticks until ctx ends.
func (s *Session) Run(ctx context.Context) {
	t := time.NewTicker(TickInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.Tick()
		}
	}
}

// ErrNotLocked is returned by Switch while someone's keys are open: one person's data file
// is never swapped for another's under them.
var ErrNotLocked = apperr.New(apperr.Conflict, "Lock Goldseam first, so the person using it now is not interrupted.")

// Switch runs turn (which points the session's store at another person's data file, see
// store.DB.Repoint) only while the session is locked, holding the lock every data call
// takes: no call under the keys runs during it, and no unlock can start until it is done.
// The lock before it has already ended the work that ran under the previous keys (Context)
// and told every OnLock listener to drop what it held, so nothing of the previous person
// reaches the next turn.
func (s *Session) Switch(turn func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keys != nil {
		return ErrNotLocked
	}
	return turn()
}

// DB is the store the session's vault lives in.
func (s *Session) DB() *store.DB { return s.db }

// IsLocked reports whether err is the locked error.
func IsLocked(err error) bool {
	var e *apperr.Error
	return errors.As(err, &e) && e.Code == apperr.Locked
}
