package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/sharing"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// syncSuite measures the exchange folder: how soon a partner's change file, complete in the
// folder, is on the screen's data of the app watching it (the real Sharing service with its
// folder watch); how long reading 10,000 changed records takes; and how long a check-in takes
// from one vault to the other through two real Syncthing instances (the Go test in
// internal/sharing, which prints it).
func syncSuite(cfg config) ([]figure, error) {
	apply, runs, err := measureApply(max(cfg.runs, 10))
	if err != nil {
		return nil, fmt.Errorf("sync_apply_ms: %w", err)
	}
	merge, err := measureMerge10k()
	if err != nil {
		return nil, fmt.Errorf("sync_merge_10k_ms: %w", err)
	}
	engine, err := measureEngine()
	if err != nil {
		return nil, fmt.Errorf("sync_engine_ms: %w", err)
	}
	return []figure{
		{"sync_apply_ms", apply, "ms", "<= 1000", "",
			fmt.Sprintf("Two paired vaults sharing one folder; Sam's computer saves a check-in and writes its change file (fsync, rename); from then until Alex's app, with its Sharing service watching the folder as the desktop app does, lists that check-in through api.CheckIns.List; median of %d runs", runs)},
		{"sync_merge_10k_ms", merge, "ms", "<= 1000", "",
			"Sam's computer writes 10,000 changed records (5 change files); Alex's copy reads them in one pass: scan, signature and seal checks of every file and record, and the merge into its log"},
		{"sync_engine_ms", engine, "ms", "", "report",
			"A check-in saved on one vault until it reads on the other, through two real Syncthing 1.19 instances on 127.0.0.1 with a 1 s watcher delay (`go test ./internal/sharing -run TestSharingThroughRealSyncthing`)"},
	}, nil
}

// benchCopy is a vault opened directly, for the side of the exchange that is driven by hand.
type benchCopy struct {
	sharing.Copy
	done func()
}

func newBenchCopy(passphrase string) (*benchCopy, error) {
	dir, err := os.MkdirTemp("", "goldseam-bench-sync-")
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(dir, store.FileName))
	if err != nil {
		return nil, err
	}
	u, _, err := vault.Create(ctx, db, []byte(passphrase), vault.Calibrate())
	if err != nil {
		return nil, err
	}
	id, err := u.Device(ctx, db)
	if err != nil {
		return nil, err
	}
	c := sharing.Copy{DB: db, Journal: u.Key(vault.Journal), Shared: u.Key(vault.Shared), Device: id}
	return &benchCopy{c, func() { id.Wipe(); u.Wipe(); db.Close(); os.RemoveAll(dir) }}, nil
}

var benchSam = space.Person{Role: "partner-1", Name: "Sam"}

// pairCopies pairs two copies through folder with the real pairing (Sam invites).
func pairCopies(ctx context.Context, a, b sharing.Copy, folder string) error {
	for _, c := range []sharing.Copy{a, b} {
		if err := sharing.SetFolder(ctx, c, folder, filepath.Join(folder, "..", "no-data-folder")); err != nil {
			return err
		}
	}
	if _, err := sharing.Invite(ctx, a, benchSam, false); err != nil {
		return err
	}
	offers, err := sharing.Offers(ctx, b)
	if err != nil || len(offers) != 1 {
		return fmt.Errorf("the invitation: %v %v", offers, err)
	}
	if _, err := sharing.Join(ctx, b, offers[0].Pairing, "Alex", ""); err != nil {
		return err
	}
	for range 10 {
		if _, err := sharing.Step(ctx, a); err != nil {
			return err
		}
		if _, err := sharing.Step(ctx, b); err != nil {
			return err
		}
	}
	if _, err := sharing.Confirm(ctx, a); err != nil {
		return err
	}
	if _, err := sharing.Confirm(ctx, b); err != nil {
		return err
	}
	st, err := sharing.Step(ctx, b)
	if err != nil || st.State != "done" {
		return fmt.Errorf("pairing did not finish: %+v %v", st, err)
	}
	return nil
}

// appHost is the window of the watching app: it tells of "space:changed".
type appHost struct {
	quietHost
	folder  string
	changed chan struct{}
}

func (h appHost) Emit(event string, _ any) {
	if event == "space:changed" {
		select {
		case h.changed <- struct{}{}:
		default:
		}
	}
}
func (h appHost) ChooseFolder(string) (string, error) { return h.folder, nil }

// measureApply: Sam's copy is driven by hand; Alex's is the app's own services, watching.
func measureApply(runs int) (float64, int, error) {
	ctx := context.Background()
	folder, err := os.MkdirTemp("", "goldseam-bench-exchange-")
	if err != nil {
		return 0, 0, err
	}
	defer os.RemoveAll(folder)
	sam, err := newBenchCopy(benchPassphrase)
	if err != nil {
		return 0, 0, err
	}
	defer sam.done()
	dir, err := os.MkdirTemp("", "goldseam-bench-sync-app-")
	if err != nil {
		return 0, 0, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, store.FileName)
	db, err := store.Open(ctx, path)
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	sess := session.New(db, nil)
	host := appHost{folder: folder, changed: make(chan struct{}, 1)}
	alex := api.NewServices(host, api.Storage{DataDir: dir, DataFile: path, DB: db, Session: sess})
	if _, err := alex.Vault.Create(benchPassphrase); err != nil {
		return 0, 0, err
	}
	defer sess.Lock(session.ByRequest)
	if _, err := alex.Space.SaveSettings(api.SpaceSettings{Names: [2]string{"Alex", "Sam"}, Rhythm: "weekly"}); err != nil {
		return 0, 0, err
	}
	if _, err := space.NewLog(sam.DB, sam.Shared, space.Author{Signer: sam.Device, Person: benchSam}).SaveSettings(ctx, space.CoupleSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}); err != nil {
		return 0, 0, err
	}
	// Alex's app chooses the folder and joins through its own service; Sam's copy invites.
	if _, err := alex.Sharing.ChooseFolder(); err != nil {
		return 0, 0, err
	}
	if err := sharing.SetFolder(ctx, sam.Copy, folder, dir+"-none"); err != nil {
		return 0, 0, err
	}
	if _, err := sharing.Invite(ctx, sam.Copy, benchSam, false); err != nil {
		return 0, 0, err
	}
	invitations, err := alex.Sharing.Invitations()
	if err != nil || len(invitations) != 1 {
		return 0, 0, fmt.Errorf("the invitation: %v %v", invitations, err)
	}
	if _, err := alex.Sharing.Join(invitations[0].ID, ""); err != nil {
		return 0, 0, err
	}
	for range 10 {
		if _, err := sharing.Step(ctx, sam.Copy); err != nil {
			return 0, 0, err
		}
		if _, err := alex.Sharing.Pairing(); err != nil {
			return 0, 0, err
		}
	}
	if _, err := sharing.Confirm(ctx, sam.Copy); err != nil {
		return 0, 0, err
	}
	if v, err := alex.Sharing.ConfirmCode(); err != nil || v.State != "done" {
		return 0, 0, fmt.Errorf("pairing did not finish: %+v %v", v, err)
	}
	if _, err := sharing.Sync(ctx, sam.Copy); err != nil {
		return 0, 0, err
	}
	time.Sleep(time.Second) // the first passes after pairing settle

	samLog := space.NewLog(sam.DB, sam.Shared, space.Author{Signer: sam.Device, Person: benchSam})
	names := space.CoupleSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}
	var took []time.Duration
	for i := range runs {
		id, err := checkins.Save(ctx, samLog, names, checkins.CheckIn{On: fmt.Sprintf("2026-10-%02d", i+1),
			Answers: []checkins.Answer{{Name: "Sam", WentWell: "A quiet evening together."}}})
		if err != nil {
			return 0, 0, err
		}
		drain(host.changed)
		if _, err := sharing.Sync(ctx, sam.Copy); err != nil {
			return 0, 0, err
		}
		start := time.Now()
		deadline := time.After(10 * time.Second)
		for shown := false; !shown; {
			select {
			case <-host.changed:
			case <-time.After(5 * time.Millisecond):
			case <-deadline:
				return 0, 0, errors.New("the check-in never reached the other app's screen data")
			}
			list, err := alex.CheckIns.List()
			if err != nil {
				return 0, 0, err
			}
			for _, v := range list {
				shown = shown || v.ID == id
			}
		}
		took = append(took, time.Since(start))
	}
	return median(took, func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }), runs, nil
}

func drain(c chan struct{}) {
	for {
		select {
		case <-c:
		default:
			return
		}
	}
}

// measureMerge10k times one pass of Alex's copy over 10,000 records Sam's copy wrote.
func measureMerge10k() (float64, error) {
	ctx := context.Background()
	folder, err := os.MkdirTemp("", "goldseam-bench-exchange-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(folder)
	sam, err := newBenchCopy(benchPassphrase)
	if err != nil {
		return 0, err
	}
	defer sam.done()
	alex, err := newBenchCopy(benchPassphrase)
	if err != nil {
		return 0, err
	}
	defer alex.done()
	if err := pairCopies(ctx, sam.Copy, alex.Copy, folder); err != nil {
		return 0, err
	}
	log := space.NewLog(sam.DB, sam.Shared, space.Author{Signer: sam.Device, Person: benchSam})
	for batch := range 20 {
		drafts := make([]space.Draft, 500)
		for i := range drafts {
			drafts[i] = space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: fmt.Sprintf("Idea %d", batch*500+i)}
		}
		if _, err := log.Append(ctx, drafts...); err != nil {
			return 0, err
		}
	}
	if _, err := sharing.Sync(ctx, sam.Copy); err != nil {
		return 0, err
	}
	start := time.Now()
	r, err := sharing.Sync(ctx, alex.Copy)
	took := time.Since(start)
	if err != nil {
		return 0, err
	}
	if r.Added < 10_000 {
		return 0, fmt.Errorf("only %d of 10,000 records were taken", r.Added)
	}
	return float64(took.Microseconds()) / 1000, nil
}

var engineLine = regexp.MustCompile(`BENCH sync_engine_ms (\d+) ms`)

// measureEngine runs the Syncthing test, which prints the figure.
func measureEngine() (float64, error) {
	cmd := exec.Command("go", "test", "-count=1", "-v", "-run", "TestSharingThroughRealSyncthing", "./internal/sharing/")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	value := -1.0
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if m := engineLine.FindStringSubmatch(lines.Text()); m != nil {
			value, _ = strconv.ParseFloat(m[1], 64)
		}
	}
	if err := cmd.Wait(); err != nil {
		return 0, fmt.Errorf("the Syncthing test: %w", err)
	}
	if value < 0 {
		return 0, errors.New("the Syncthing test printed no sync_engine_ms")
	}
	return value, nil
}
