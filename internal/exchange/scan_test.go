package exchange_test

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/exchange"
	"github.com/goldseam/goldseam/internal/space"
)

// Sam reads what Alex wrote: every record, verified, from two files in order of sequence, and
// a second scan, even with the progress saved as JSON and read back, takes nothing again.
func TestWrittenFilesAreReadWholeAndOnlyOnce(t *testing.T) {
	root := t.TempDir()
	alex, sam := newPeer(t, "Alex"), newPeer(t, "Sam")
	key := mustKey(t, 1)
	first, second := alex.changes(t, 3), alex.changes(t, 2)
	w1 := alex.write(t, root, key, first)
	w2 := alex.write(t, root, key, second)
	if w1.Seq != 1 || w2.Seq != 2 || w1.Name != exchange.FileName(1, w1.Hash) || filepath.Dir(w2.Path) != deviceDir(root, alex.id.ID()) {
		t.Fatalf("written %+v then %+v", w1, w2)
	}
	if entries, _ := os.ReadDir(filepath.Join(root, exchange.Dir, exchange.TmpDir)); len(entries) != 0 {
		t.Fatalf("temporary files left behind: %v", entries)
	}

	res := mustScan(t, root, []exchange.Key{key}, trustOf(alex, sam), sam)
	if len(res.Changes) != 2 || len(res.Foreign)+len(res.Retry)+len(res.Refused)+len(res.Forks)+len(res.CopiedSelf)+len(res.Missing) != 0 {
		t.Fatalf("scan: %+v", res)
	}
	c1, c2 := res.Changes[0], res.Changes[1]
	if c1.Seq != 1 || c2.Seq != 2 || c1.Hash != w1.Hash || c2.Prev != w1.Hash || c1.Prev != (exchange.Hash{}) || c1.Device != alex.id.ID() || c2.Epoch != 1 {
		t.Fatalf("changes %+v %+v", c1, c2)
	}
	if jsonOf(t, c1.Records) != jsonOf(t, first) || jsonOf(t, c2.Records) != jsonOf(t, second) {
		t.Fatal("the records read are not the ones written")
	}
	if got := sam.prog.Seen(); !reflect.DeepEqual(got, map[string]uint64{alex.id.ID(): 2}) {
		t.Fatalf("Sam's acknowledgements: %v", got)
	}

	// Sam acknowledges; Alex reads that from Sam's next file.
	sam.write(t, root, key, sam.changes(t, 1))
	res = mustScan(t, root, []exchange.Key{key}, trustOf(alex, sam), alex)
	if len(res.Changes) != 1 || res.Changes[0].Seen[alex.id.ID()] != 2 || alex.prog.Acked[sam.id.ID()] != 2 {
		t.Fatalf("Alex's scan %+v, acked %v", res, alex.prog.Acked)
	}

	var saved exchange.Progress
	if err := json.Unmarshal([]byte(jsonOf(t, sam.prog)), &saved); err != nil {
		t.Fatal(err)
	}
	before := exchange.Parses()
	for _, p := range []*exchange.Progress{sam.prog, &saved} {
		res, err := exchange.Scan(root, spaceID, []exchange.Key{key}, trustOf(alex, sam), sam.id.ID(), p)
		if err != nil || len(res.Changes) != 0 || len(res.Refused) != 0 || len(res.CopiedSelf) != 0 {
			t.Fatalf("rescan took %+v (%v)", res, err)
		}
	}
	if n := exchange.Parses() - before; n != 0 {
		t.Fatalf("a rescan parsed %d files already taken or written here", n)
	}

	last, err := exchange.LastWritten(root, spaceID, alex.id)
	if err != nil || last.Seq != 2 || last.Hash != w2.Hash || last.Path != w2.Path {
		t.Fatalf("last written %+v (%v), want %+v", last, err, w2)
	}
}

// 40 files arrive in a random order, in batches, as Syncthing delivers them: each scan takes
// what is there and says how many are still missing, and in the end every record is taken
// exactly once, the same as one scan of the whole folder.
func TestOrderOfArrivalChangesNothing(t *testing.T) {
	src := t.TempDir()
	alex := newPeer(t, "Alex")
	key := mustKey(t, 1)
	var all []space.Portable
	var files []exchange.Written
	for range 40 {
		recs := alex.changes(t, 1)
		all = append(all, recs...)
		files = append(files, alex.write(t, src, key, recs))
	}
	whole := newPeer(t, "Sam")
	if got := ids(mustScan(t, src, []exchange.Key{key}, trustOf(alex, whole), whole).Changes); !slices.Equal(got, idsOf(all)) {
		t.Fatalf("one scan of the whole folder took %d records of %d", len(got), len(all))
	}

	rng := rand.New(rand.NewPCG(uint64(len(all)), 7))
	for round := range 3 {
		sam := newPeer(t, "Sam")
		dst := t.TempDir()
		order := rng.Perm(len(files))
		var taken []exchange.Change
		for len(order) > 0 {
			n := min(len(order), 1+rng.IntN(9))
			for _, i := range order[:n] {
				copyFile(t, files[i].Path, filepath.Join(deviceDir(dst, alex.id.ID()), files[i].Name))
			}
			order = order[n:]
			res := mustScan(t, dst, []exchange.Key{key}, trustOf(alex, sam), sam)
			if len(res.Retry)+len(res.Refused)+len(res.Forks) != 0 {
				t.Fatalf("round %d: %+v", round, res)
			}
			taken = append(taken, res.Changes...)
			present := len(files) - len(order)
			top := 0
			for seq := range sam.prog.Read[alex.id.ID()] {
				top = max(top, int(seq))
			}
			if want := top - present; res.Missing[alex.id.ID()] != want {
				t.Fatalf("round %d: %d of %d arrived, highest %d, missing %d", round, present, len(files), top, res.Missing[alex.id.ID()])
			}
		}
		if got := ids(taken); !slices.Equal(got, idsOf(all)) {
			t.Fatalf("round %d: took %d records of %d", round, len(got), len(all))
		}
	}
}

// A file that arrives cut short is not taken and not parsed: it is retried, called damaged
// if the same bytes are still there at the next look, and taken once it is whole.
func TestAHalfWrittenFileIsRetriedThenTaken(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	alex, sam := newPeer(t, "Alex"), newPeer(t, "Sam")
	key := mustKey(t, 1)
	recs := alex.changes(t, 5)
	w := alex.write(t, src, key, recs)
	whole, err := os.ReadFile(w.Path)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(deviceDir(dst, alex.id.ID()), w.Name)
	writeFile(t, path, whole[:len(whole)/2])
	before := exchange.Parses()
	res := mustScan(t, dst, []exchange.Key{key}, trustOf(alex, sam), sam)
	if len(res.Changes) != 0 || len(res.Retry) != 1 || res.Retry[0].Path != path || res.Missing[alex.id.ID()] != 1 {
		t.Fatalf("half a file: %+v", res)
	}
	res = mustScan(t, dst, []exchange.Key{key}, trustOf(alex, sam), sam)
	if len(res.Changes) != 0 || len(res.Refused) != 1 || !strings.Contains(res.Refused[0].Reason, "damaged") {
		t.Fatalf("the same half again: %+v", res)
	}
	if n := exchange.Parses() - before; n != 0 {
		t.Fatalf("a file whose bytes do not match its name was parsed %d times", n)
	}
	writeFile(t, path, whole)
	res = mustScan(t, dst, []exchange.Key{key}, trustOf(alex, sam), sam)
	if len(res.Changes) != 1 || ids(res.Changes)[0] != idsOf(recs)[0] || len(res.Missing) != 0 || len(sam.prog.Pending) != 0 {
		t.Fatalf("the whole file: %+v, pending %v", res, sam.prog.Pending)
	}
}

// Seven files; the reader has 1, 2 and 5, then 3, then 4, 6 and 7: the gap is counted in
// sequence numbers below the highest seen, and acknowledgements stop at the first gap.
func TestAGapIsCounted(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	alex, sam := newPeer(t, "Alex"), newPeer(t, "Sam")
	key := mustKey(t, 1)
	var files []exchange.Written
	for range 7 {
		files = append(files, alex.write(t, src, key, alex.changes(t, 1)))
	}
	arrive := func(seqs ...int) exchange.Result {
		for _, s := range seqs {
			copyFile(t, files[s-1].Path, filepath.Join(deviceDir(dst, alex.id.ID()), files[s-1].Name))
		}
		return mustScan(t, dst, []exchange.Key{key}, trustOf(alex, sam), sam)
	}
	a := alex.id.ID()
	if res := arrive(1, 2, 5); res.Missing[a] != 2 || sam.prog.Seen()[a] != 2 {
		t.Fatalf("1, 2, 5: missing %v, seen %v", res.Missing, sam.prog.Seen())
	}
	if res := arrive(3); res.Missing[a] != 1 || sam.prog.Seen()[a] != 3 {
		t.Fatalf("then 3: missing %v, seen %v", res.Missing, sam.prog.Seen())
	}
	if res := arrive(4, 6, 7); len(res.Missing) != 0 || sam.prog.Seen()[a] != 7 || len(res.Changes) != 3 {
		t.Fatalf("all: missing %v, seen %v", res.Missing, sam.prog.Seen())
	}
}

// Two different valid files with one sequence number (a copied data folder wrote both): both
// are taken and the fork is reported, whether they arrive together or one after the other.
func TestAForkIsTakenWholeAndReported(t *testing.T) {
	root := t.TempDir()
	alex, sam := newPeer(t, "Alex"), newPeer(t, "Sam")
	key := mustKey(t, 1)
	one := alex.write(t, root, key, alex.changes(t, 1))
	res := mustScan(t, root, []exchange.Key{key}, trustOf(alex, sam), sam)
	if len(res.Changes) != 1 || len(res.Forks) != 0 {
		t.Fatalf("first file: %+v", res)
	}
	other, err := exchange.Write(root, spaceID, key, alex.id, 1, exchange.Hash{}, nil, alex.changes(t, 2))
	if err != nil {
		t.Fatal(err)
	}
	third, err := exchange.Write(root, spaceID, key, alex.id, 1, exchange.Hash{}, nil, alex.changes(t, 1))
	if err != nil {
		t.Fatal(err)
	}
	res = mustScan(t, root, []exchange.Key{key}, trustOf(alex, sam), sam)
	if len(res.Changes) != 2 || len(res.Forks) < 1 || res.Forks[0].Device != alex.id.ID() || res.Forks[0].Seq != 1 {
		t.Fatalf("forks: %+v", res)
	}
	if got := sam.prog.Read[alex.id.ID()][1]; len(got) != 3 || !slices.Contains(got, one.Hash.String()) ||
		!slices.Contains(got, other.Hash.String()) || !slices.Contains(got, third.Hash.String()) {
		t.Fatalf("taken for sequence 1: %v", got)
	}
	if res := mustScan(t, root, []exchange.Key{key}, trustOf(alex, sam), sam); len(res.Changes) != 0 {
		t.Fatalf("a fork taken twice: %+v", res)
	}
}

// Alex's data folder is copied (progress and all) and the copy goes on writing as Alex's
// device: Alex finds files signed by itself that it never wrote, a new sequence number or
// one it used itself, reports them as a copy and takes their records; its own files are
// never opened.
func TestACopiedDataFolderIsDetected(t *testing.T) {
	root := t.TempDir()
	alex, sam := newPeer(t, "Alex"), newPeer(t, "Sam")
	key := mustKey(t, 1)
	mine := alex.write(t, root, key, alex.changes(t, 1))
	copyProg := exchange.NewProgress()
	if err := json.Unmarshal([]byte(jsonOf(t, alex.prog)), copyProg); err != nil {
		t.Fatal(err)
	}
	// Alex's own next file, then the copy's two: the same sequence 2, and a sequence 3.
	alex.write(t, root, key, alex.changes(t, 1))
	copyRecs := alex.changes(t, 2)
	clash, err := exchange.Write(root, spaceID, key, alex.id, 2, mine.Hash, copyProg.Seen(), copyRecs[:1])
	if err != nil {
		t.Fatal(err)
	}
	ahead, err := exchange.Write(root, spaceID, key, alex.id, 3, clash.Hash, copyProg.Seen(), copyRecs[1:])
	if err != nil {
		t.Fatal(err)
	}
	var opened []string
	stop := exchange.WatchOpens(func(p string) { opened = append(opened, p) })
	defer stop()
	res := mustScan(t, root, []exchange.Key{key}, trustOf(alex, sam), alex)
	stop()
	if len(res.CopiedSelf) != 2 || len(res.Changes) != 2 || !slices.Equal(ids(res.Changes), idsOf(copyRecs)) {
		t.Fatalf("copy: %+v", res)
	}
	reasons := map[uint64]string{}
	for _, c := range res.CopiedSelf {
		reasons[c.Seq] = c.Reason
	}
	if !strings.Contains(reasons[2], "sequence number this computer used") || !strings.Contains(reasons[3], "copy") {
		t.Fatalf("reasons: %v", reasons)
	}
	if !slices.Equal(opened, []string{clash.Path, ahead.Path}) && !slices.Equal(opened, []string{ahead.Path, clash.Path}) {
		t.Fatalf("opened %v: only the copy's two files should be", opened)
	}
	// It stays reported, without being opened again.
	again := mustScan(t, root, []exchange.Key{key}, trustOf(alex, sam), alex)
	if len(again.CopiedSelf) != 2 || len(again.Changes) != 0 {
		t.Fatalf("second scan: %+v", again)
	}
	// The partner takes all three of Alex's sequence-2 and -3 files and sees the fork.
	res = mustScan(t, root, []exchange.Key{key}, trustOf(alex, sam), sam)
	if len(res.Changes) != 4 || len(res.Forks) != 1 || res.Forks[0].Seq != 2 {
		t.Fatalf("partner: %+v", res)
	}
}

// Write refuses what a partner would refuse, and never makes the folder a person chose.
func TestWriteRefusesWhatWouldBeRefused(t *testing.T) {
	root := t.TempDir()
	alex := newPeer(t, "Alex")
	key := mustKey(t, 1)
	recs := alex.changes(t, 1)
	tampered := recs[0]
	tampered.Value = `"we never walk"`
	for name, try := range map[string]func() error{
		"a change that does not verify": func() error {
			_, err := exchange.Write(root, spaceID, key, alex.id, 1, exchange.Hash{}, nil, []space.Portable{tampered})
			return err
		},
		"sequence 0": func() error {
			_, err := exchange.Write(root, spaceID, key, alex.id, 0, exchange.Hash{}, nil, recs)
			return err
		},
		"sequence 2 without a previous file": func() error {
			_, err := exchange.Write(root, spaceID, key, alex.id, 2, exchange.Hash{}, nil, recs)
			return err
		},
		"not a space id": func() error {
			_, err := exchange.Write(root, "../x", key, alex.id, 1, exchange.Hash{}, nil, recs)
			return err
		},
		"a missing folder": func() error {
			_, err := exchange.Write(filepath.Join(root, "unplugged"), spaceID, key, alex.id, 1, exchange.Hash{}, nil, recs)
			return err
		},
	} {
		if err := try(); err == nil {
			t.Errorf("%s: written", name)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "unplugged")); err == nil {
		t.Fatal("Write made the exchange folder")
	}
	if entries, _ := os.ReadDir(deviceDir(root, alex.id.ID())); len(entries) != 0 {
		t.Fatalf("refused writes left files: %v", entries)
	}
}

// LastWritten continues the chain from the newest file this device really signed, passing
// over a higher-numbered file that is not whole or not its own; Scan refuses to run without
// what it needs to tell a copy from itself, and on a folder that is not there.
func TestLastWrittenAndScanPreconditions(t *testing.T) {
	root := t.TempDir()
	alex, sam := newPeer(t, "Alex"), newPeer(t, "Sam")
	key := mustKey(t, 1)
	if w, err := exchange.LastWritten(root, spaceID, alex.id); err != nil || w.Seq != 0 {
		t.Fatalf("nothing written yet: %+v, %v", w, err)
	}
	alex.write(t, root, key, alex.changes(t, 1))
	w2 := alex.write(t, root, key, alex.changes(t, 1))
	b, err := os.ReadFile(w2.Path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(deviceDir(root, alex.id.ID()), exchange.FileName(3, exchange.Hash{3})), b)
	forged := append([]byte(nil), b...)
	forged[len(forged)-1] ^= 1
	writeFile(t, filepath.Join(deviceDir(root, alex.id.ID()), nameFor(4, forged)), forged)
	if w, err := exchange.LastWritten(root, spaceID, alex.id); err != nil || w.Seq != 2 || w.Hash != w2.Hash {
		t.Fatalf("last written %+v (%v), want sequence 2", w, err)
	}

	trust := trustOf(alex, sam)
	for name, try := range map[string]func() error{
		"no progress": func() error {
			_, err := exchange.Scan(root, spaceID, []exchange.Key{key}, trust, sam.id.ID(), nil)
			return err
		},
		"no key for this device": func() error {
			_, err := exchange.Scan(root, spaceID, []exchange.Key{key}, trustOf(alex), sam.id.ID(), sam.prog)
			return err
		},
		"no folder": func() error {
			_, err := exchange.Scan(filepath.Join(root, "unplugged"), spaceID, []exchange.Key{key}, trust, sam.id.ID(), sam.prog)
			return err
		},
		"not a space id": func() error {
			_, err := exchange.Scan(root, "..", []exchange.Key{key}, trust, sam.id.ID(), sam.prog)
			return err
		},
	} {
		if err := try(); err == nil {
			t.Errorf("%s: scanned", name)
		}
	}
	// An empty exchange folder is no error: nothing was written yet.
	if res, err := exchange.Scan(t.TempDir(), spaceID, []exchange.Key{key}, trust, sam.id.ID(), exchange.NewProgress()); err != nil || len(res.Changes) != 0 {
		t.Fatalf("empty folder: %+v, %v", res, err)
	}
}

// A file may carry changes its writer holds from a device no longer in the space (a lost
// computer), each checked by its own author's signature: the partner's new computer takes
// them with the writer's own. One of them altered refuses the whole file.
func TestAFileCarriesAnotherDevicesChangesCheckedByTheirOwnSignatures(t *testing.T) {
	root := t.TempDir()
	alex, lost, fresh := newPeer(t, "Alex"), newPeer(t, "Sam's lost computer"), newPeer(t, "Sam's new computer")
	key := mustKey(t, 1)
	carried := append(alex.changes(t, 1), lost.changes(t, 2)...)
	alex.write(t, root, key, carried)
	res := mustScan(t, root, []exchange.Key{key}, trustOf(alex, fresh), fresh)
	if len(res.Changes) != 1 || jsonOf(t, res.Changes[0].Records) != jsonOf(t, carried) {
		t.Fatalf("the carried changes were not taken: %+v", res)
	}
	altered := append(alex.changes(t, 1), lost.changes(t, 1)...)
	altered[1].Value = `"words nobody wrote"`
	if _, err := exchange.Write(root, spaceID, key, alex.id, 2, res.Changes[0].Hash, nil, altered); err == nil {
		t.Fatal("Write carried a change that does not verify")
	}
}
