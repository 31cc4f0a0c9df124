package settings_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/settings"
	"github.com/goldseam/goldseam/internal/store"
)

func openStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), store.FileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestAutoLockDefaultsToFiveMinutes(t *testing.T) {
	got, err := settings.AutoLock(context.Background(), openStore(t))
	if err != nil || got != 5*time.Minute {
		t.Fatalf("got %v, %v; want 5m", got, err)
	}
}

func TestAutoLockKeepsAChoiceAcrossReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), store.FileName)
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := settings.SetAutoLock(ctx, db, 0); err != nil {
		t.Fatal(err)
	}
	if err := settings.SetAutoLock(ctx, db, 15); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got, _ := settings.AutoLock(ctx, db); got != 15*time.Minute {
		t.Fatalf("after reopen got %v, want 15m", got)
	}
}

func TestAutoLockRefusesOddValuesAndIgnoresDamagedOnes(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	for _, bad := range []int{-1, 3, 7, 1000} {
		if err := settings.SetAutoLock(ctx, db, bad); !errors.Is(err, settings.ErrNotAChoice) {
			t.Errorf("SetAutoLock(%d) = %v, want ErrNotAChoice", bad, err)
		}
	}
	if _, err := db.SQL().Exec(`INSERT INTO settings (name, value) VALUES ('auto_lock_minutes', 'soon')`); err != nil {
		t.Fatal(err)
	}
	if got, _ := settings.AutoLock(ctx, db); got != 5*time.Minute {
		t.Fatalf("damaged value gave %v, want the 5m default", got)
	}
}
