package journal_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/journal"
)

func entries(list ...journal.Entry) journal.Source {
	return func(ctx context.Context, yield func(journal.Entry) error) error {
		for _, e := range list {
			if err := yield(e); err != nil {
				return err
			}
		}
		return nil
	}
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestALiveIndexGoesFromOffToReadyAndBack(t *testing.T) {
	var l journal.LiveIndex
	if state, _ := l.State(); state != journal.IndexOff {
		t.Fatalf("before an unlock: %s", state)
	}
	if err := l.Wait(waitCtx(t)); !errors.Is(err, journal.ErrIndexOff) {
		t.Fatalf("wait while off: %v", err)
	}
	release := make(chan struct{})
	l.Start(context.Background(), func(ctx context.Context, yield func(journal.Entry) error) error {
		<-release
		return entries(journal.Entry{ID: "a", Date: "2026-11-01", Body: "lighthouse"})(ctx, yield)
	})
	if ix, state := l.Ready(); ix != nil || state != journal.IndexBuilding {
		t.Fatalf("while building: %v %s", ix, state)
	}
	l.Put(journal.Entry{ID: "b", Date: "2026-11-02", Body: "lighthouse again"}) // saved while it builds
	close(release)
	if err := l.Wait(waitCtx(t)); err != nil {
		t.Fatal(err)
	}
	ix, state := l.Ready()
	if state != journal.IndexReady || ix.Search("lighthouse", 10).Total != 2 {
		t.Fatalf("ready: %s", state)
	}
	l.Remove("a")
	if ix.Search("lighthouse", 10).Total != 1 {
		t.Fatal("a removed entry is still found")
	}
	l.Stop()
	if ix, state := l.Ready(); ix != nil || state != journal.IndexOff {
		t.Fatalf("after a lock: %v %s", ix, state)
	}
}

func TestALiveIndexThatCannotBeFilledSaysSo(t *testing.T) {
	var l journal.LiveIndex
	broken := errors.New("the disk went away")
	l.Start(context.Background(), func(ctx context.Context, yield func(journal.Entry) error) error {
		return broken
	})
	if err := l.Wait(waitCtx(t)); !errors.Is(err, broken) {
		t.Fatalf("wait: %v", err)
	}
	if state, err := l.State(); state != journal.IndexFailed || !errors.Is(err, broken) {
		t.Fatalf("state %s %v", state, err)
	}
	if ix, _ := l.Ready(); ix != nil {
		t.Fatal("a failed index is offered for search")
	}
}

func TestALockEndsABuildInProgress(t *testing.T) {
	var l journal.LiveIndex
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	l.Start(ctx, func(ctx context.Context, yield func(journal.Entry) error) error {
		close(started)
		<-ctx.Done()
		return ctx.Err()
	})
	<-started
	cancel()
	l.Stop()
	if err := l.Wait(waitCtx(t)); !errors.Is(err, journal.ErrIndexOff) {
		t.Fatalf("wait after a lock: %v", err)
	}
}
