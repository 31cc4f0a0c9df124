package sharing_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/agreements"
	"github.com/goldseam/goldseam/internal/checkins"
	"github.com/goldseam/goldseam/internal/device"
	"github.com/goldseam/goldseam/internal/exchange"
	"github.com/goldseam/goldseam/internal/experiences"
	"github.com/goldseam/goldseam/internal/sharing"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/testkit/figures"
	"github.com/goldseam/goldseam/internal/testkit/sockets"
	"github.com/goldseam/goldseam/internal/testkit/syncthing"
)

// The two computers of the Syncthing test: Sam's (a) and Alex's (b), each with its own data
// file and its own Syncthing, the exchange folder carried between them by the real engine.

var couple = space.CoupleSettings{Names: [2]string{"Sam", "Alex"}, Rhythm: "weekly"}

var roles = [2]string{sam.Role, alex.Role}

func logOf(c sharing.Copy, as space.Person) *space.Log {
	return space.NewLog(c.DB, c.Shared, space.Author{Signer: c.Device, Person: as})
}

// until polls ok every 100 ms until it holds or timeout passes.
func until(t *testing.T, timeout time.Duration, what string, ok func() bool) {
	t.Helper()
	for end := time.Now().Add(timeout); !ok(); {
		if time.Now().After(end) {
			t.Fatalf("after %v: %s", timeout, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// noSockets fails if this test's process tree holds any internet socket: Goldseam's own code
// runs here, and Syncthing, started apart, is not part of the tree. It returns how many it saw.
func noSockets(t *testing.T, when string) int {
	t.Helper()
	list, err := sockets.InetSockets(os.Getpid(), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) > 0 {
		t.Errorf("%s: Goldseam's process tree holds %v", when, list)
	}
	return len(list)
}

// pairThrough pairs a (inviting) and b (joining) through the engine, checking both codes.
func pairThrough(t *testing.T, a, b sharing.Copy) {
	t.Helper()
	if _, err := sharing.Invite(ctx, a, sam, false); err != nil {
		t.Fatal(err)
	}
	var offers []pairing
	until(t, 30*time.Second, "the invitation never reached Alex's computer", func() bool {
		list, err := sharing.Offers(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		offers = offers[:0]
		for _, o := range list {
			offers = append(offers, pairing{o.Pairing, o.Name})
		}
		return len(offers) == 1
	})
	if _, err := sharing.Join(ctx, b, offers[0].id, "Alex", ""); err != nil {
		t.Fatal(err)
	}
	var sa, sb sharing.PairingStep
	until(t, 60*time.Second, "the two screens never both showed a code", func() bool {
		sa, sb = step(t, a), step(t, b)
		return sa.State == "compare" && sb.State == "compare"
	})
	if sa.Code == "" || sa.Code != sb.Code {
		t.Fatalf("Sam's screen shows %q, Alex's %q", sa.Code, sb.Code)
	}
	if _, err := sharing.Confirm(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := sharing.Confirm(ctx, b); err != nil {
		t.Fatal(err)
	}
	until(t, 60*time.Second, "Alex's computer never got the key", func() bool { return step(t, b).State == "done" })
}

type pairing struct{ id, name string }

// settle runs passes on both sides and waits for the engine until both hold the same log.
func settle(t *testing.T, cl *syncthing.Cluster, a, b sharing.Copy) {
	t.Helper()
	until(t, 60*time.Second, "the two copies never held the same changes", func() bool {
		sync(t, a)
		sync(t, b)
		if err := cl.WaitSynced(ctx, folderID); err != nil {
			t.Fatal(err)
		}
		sync(t, a)
		sync(t, b)
		return reflect.DeepEqual(ids(t, a), ids(t, b))
	})
}

const folderID = "goldseam-exchange"

func TestSharingThroughRealSyncthing(t *testing.T) {
	cl := syncthing.Start(t, "a", "b")
	dirs := cl.Share(folderID)
	a, b := copyIn(t, t.TempDir()), copyIn(t, t.TempDir())
	saveSettings(t, a, sam, couple.Names)
	saveSettings(t, b, space.Person{Role: "partner-1", Name: "Alex"}, [2]string{"Alex", "Sam"})
	for name, c := range map[string]sharing.Copy{"a": a, "b": b} {
		if err := sharing.SetFolder(ctx, c, dirs[name], t.TempDir()); err != nil {
			t.Fatal(err)
		}
	}
	socketsSeen := noSockets(t, "before pairing")

	// Pairing: the same code on both screens, through the engine.
	pairThrough(t, a, b)
	st, _ := sharing.LoadForTest(ctx, a)
	spaceDir := func(side string) string { return filepath.Join(dirs[side], exchange.Dir, st.Space) }
	settle(t, cl, a, b)

	// A check-in kept on Sam's computer appears on Alex's; the time it took is sync_engine_ms.
	six := 6
	id, err := checkins.Save(ctx, logOf(a, sam), couple, checkins.CheckIn{On: "2026-11-29",
		Answers: []checkins.Answer{{Name: "Sam", Ratings: checkins.Ratings{Safety: &six}, WentWell: "We talked on Sunday."}}})
	if err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	sync(t, a)
	until(t, 30*time.Second, "the check-in never reached Alex's computer", func() bool {
		sync(t, b)
		list, err := checkins.Read(ctx, logOf(b, alex), couple)
		return err == nil && len(list) == 1 && list[0].CheckIn.ID == id
	})
	engine := time.Since(began)
	t.Logf("BENCH sync_engine_ms %d ms", engine.Milliseconds()) // make bench reads this line
	socketsSeen += noSockets(t, "after a check-in went across")

	// While apart, both answer that check-in, rename one experience and sign one wording.
	xa := experiences.New(logOf(a, sam), time.Now, experiences.People{Me: sam, Couple: [2]space.Person{sam, alex}})
	walk, err := xa.Save(ctx, experiences.Experience{Title: "A walk", Status: experiences.Idea})
	if err != nil {
		t.Fatal(err)
	}
	agID, err := agreements.New(logOf(a, sam)).Create(ctx, agreements.Wording{What: "We put our phones away at dinner."}, "", sam)
	if err == nil {
		err = agreements.New(logOf(a, sam)).Propose(ctx, agID, sam)
	}
	if err != nil {
		t.Fatal(err)
	}
	settle(t, cl, a, b)
	cl.Pause("b")
	five, seven := 5, 7
	for _, side := range []struct {
		c     sharing.Copy
		p     space.Person
		score *int
		title string
	}{{a, sam, &five, "A walk by the river"}, {b, alex, &seven, "A long walk"}} {
		if _, err := checkins.Save(ctx, logOf(side.c, side.p), couple, checkins.CheckIn{ID: id, On: "2026-11-29",
			Answers: []checkins.Answer{{Name: side.p.Name, Ratings: checkins.Ratings{Trust: side.score}}}}); err != nil {
			t.Fatal(err)
		}
		x := experiences.New(logOf(side.c, side.p), time.Now, experiences.People{Me: side.p, Couple: [2]space.Person{sam, alex}})
		if _, err := x.Save(ctx, experiences.Experience{ID: walk.ID, Title: side.title, Status: experiences.Idea}); err != nil {
			t.Fatal(err)
		}
		ag, err := agreements.New(logOf(side.c, side.p)).Get(ctx, agID)
		if err != nil {
			t.Fatal(err)
		}
		if err := agreements.New(logOf(side.c, side.p)).Sign(ctx, agID, ag.Current.ID, side.p); err != nil {
			t.Fatal(err)
		}
		sync(t, side.c)
	}
	// 40 files written while apart, each its own pass.
	for i := range 40 {
		write(t, a, sam, space.Draft{Record: walk.ID, Kind: experiences.Kind, Field: "note", Value: strings.Repeat("·", i+1)})
		sync(t, a)
	}
	cl.Resume("b")
	settle(t, cl, a, b)
	socketsSeen += noSockets(t, "after the copies met again")
	shown := map[string]bool{}
	for _, c := range []sharing.Copy{a, b} {
		list, err := checkins.Read(ctx, logOf(c, sam), couple)
		if err != nil || len(list) != 1 {
			t.Fatalf("check-ins %+v %v", list, err)
		}
		byName := map[string]*int{}
		for _, ans := range list[0].CheckIn.Answers {
			byName[ans.Name] = ans.Ratings.Trust
		}
		if byName["Sam"] == nil || *byName["Sam"] != 5 || byName["Alex"] == nil || *byName["Alex"] != 7 {
			t.Fatalf("both ratings should be kept: %+v", list[0].CheckIn.Answers)
		}
		book, err := agreements.Read(ctx, logOf(c, sam), roles)
		if err != nil {
			t.Fatal(err)
		}
		d, err := book.Get(agID)
		if err != nil || !d.SignedBy(d.Current.ID, sam.Role) || !d.SignedBy(d.Current.ID, alex.Role) {
			t.Fatalf("both signatures should be kept: %+v %v", d.Signatures, err)
		}
		rec, _, err := logOf(c, sam).Record(ctx, walk.ID)
		if err != nil {
			t.Fatal(err)
		}
		titles := map[string]bool{}
		for _, e := range append(rec.Fields["title"].Current, rec.Fields["title"].History...) {
			titles[string(e.Value)] = true
		}
		if !titles[`"A walk by the river"`] || !titles[`"A long walk"`] {
			t.Fatalf("both titles should be kept, one shown and one among the earlier: %v", titles)
		}
		shown[string(rec.Fields["title"].Shown())] = true
	}
	if len(shown) != 1 {
		t.Fatalf("the two computers show different titles: %v", shown)
	}
	for _, side := range []string{"a", "b"} {
		if list, err := syncthing.ConflictCopies(spaceDir(side)); err != nil || len(list) > 0 {
			t.Fatalf("conflict copies under the device folders on %s: %v %v", side, list, err)
		}
	}

	// A half-written file: the engine carries it as it is; Alex's copy waits, then takes it whole.
	write(t, a, sam, space.Draft{Record: walk.ID, Kind: experiences.Kind, Field: "note", Value: "whole at last"})
	restore := sharing.StopBeforePlacing()
	if _, err := sharing.Sync(ctx, a); err == nil {
		t.Fatal("the pass should have stopped before placing its file")
	}
	restore()
	sa, _ := sharing.LoadForTest(ctx, a)
	half := sa.Outbox.Bytes[:len(sa.Outbox.Bytes)/2]
	if err := os.WriteFile(sa.Outbox.Path, half, 0o600); err != nil {
		t.Fatal(err)
	}
	bHalf := filepath.Join(spaceDir("b"), a.Device.ID(), sa.Outbox.Name)
	if err := cl.WaitFile(bHalf, 30*time.Second); err != nil {
		t.Fatal(err)
	}
	until(t, 30*time.Second, "the half file never reached Alex's computer whole as half", func() bool {
		got, _ := os.ReadFile(bHalf)
		return bytes.Equal(got, half)
	})
	if r := sync(t, b); r.Added != 0 || len(r.Result.Retry)+len(r.Result.Refused) == 0 {
		t.Fatalf("a half file was taken or not reported: %+v", r)
	}
	sync(t, a) // places the whole file
	until(t, 30*time.Second, "the whole file was never taken", func() bool {
		cl.Scan("a", folderID)
		return sync(t, b).Added == 1
	})

	// Files nobody should take: a flipped byte, a replay under another number, a device nobody
	// paired, and a fake conflict copy. Each is reported, none is taken, and nothing changes.
	before := ids(t, b)
	aDir := filepath.Join(spaceDir("a"), a.Device.ID())
	entries, _ := os.ReadDir(aDir)
	first, _ := os.ReadFile(filepath.Join(aDir, entries[0].Name()))
	flipped := bytes.Clone(first)
	flipped[len(flipped)/2] ^= 0x01
	stranger, err := device.New()
	if err != nil {
		t.Fatal(err)
	}
	planted := map[string][]byte{
		filepath.Join(aDir, exchange.FileName(900, exchange.Hash{1})):                                                   flipped,
		filepath.Join(aDir, exchange.FileName(901, exchange.Hash{2})):                                                   first,
		filepath.Join(aDir, strings.TrimSuffix(entries[0].Name(), ".gsc")+".sync-conflict-20261202-101010-ABCDEFG.gsc"): first,
	}
	for path, b := range planted {
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := exchange.Write(dirs["a"], st.Space, st.Keys[0], stranger, 1, exchange.Hash{}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := cl.WaitSynced(ctx, folderID); err != nil {
		t.Fatal(err)
	}
	r := sync(t, b)
	if r.Added != 0 || len(r.Result.Foreign)+len(r.Result.Refused)+len(r.Result.Retry) < 4 {
		t.Fatalf("planted files: %+v", r.Result)
	}
	if after := ids(t, b); !reflect.DeepEqual(before, after) {
		t.Fatal("a planted file changed Alex's copy")
	}
	for _, f := range r.Result.Foreign {
		t.Logf("not a change file: %s: %s", filepath.Base(f.Path), f.Reason)
	}
	for _, p := range append(r.Result.Refused, r.Result.Retry...) {
		t.Logf("refused or retried: %s: %s", filepath.Base(p.Path), p.Reason)
	}

	// Sam's files taken away on Alex's side (the engine deletes them on both): Alex's copy
	// keeps everything it read.
	if err := os.RemoveAll(filepath.Join(spaceDir("b"), a.Device.ID())); err != nil {
		t.Fatal(err)
	}
	if err := cl.WaitSynced(ctx, folderID); err != nil {
		t.Fatal(err)
	}
	sync(t, b)
	if after := ids(t, b); !reflect.DeepEqual(before, after) {
		t.Fatal("deleting Sam's files changed Alex's copy")
	}

	// Leaving: Alex's computer learns it, and what Sam's computer writes afterwards does not
	// open with the key Alex's holds.
	if err := sharing.Leave(ctx, a, sam); err != nil {
		t.Fatal(err)
	}
	until(t, 30*time.Second, "Alex's computer never learnt that Sam left", func() bool {
		cl.Scan("a", folderID)
		return sync(t, b).PartnerLeft
	})
	socketsSeen += noSockets(t, "at the end")
	if err := figures.Record("sync_sockets_opened", socketsSeen); err != nil {
		t.Fatal(err)
	}
}
