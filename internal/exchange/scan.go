package exchange

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/device"
	"github.com/goldseam/goldseam/internal/privatefile"
	"github.com/goldseam/goldseam/internal/space"
)

var syncDir = privatefile.SyncDir

// Progress is what this device has read from the exchange folder, and what it wrote there:
// by sequence number and hash, never by modification time (which sync engines carry over, so
// new data can look old). The caller keeps it (as JSON, sealed in the vault) and saves it
// only after it has merged what Scan returned, so a crash in between reads those files again.
type Progress struct {
	// Read holds, per device, per sequence number, the hashes (hex) of the files taken:
	// usually one; two or more are a fork (two copies of one data folder).
	Read map[string]map[uint64][]string `json:"read"`
	// Written holds this device's own files, sequence -> hash (hex), noted with Wrote. A file
	// in this device's folder that is not here was written by a copy of this data folder.
	Written map[uint64]string `json:"written"`
	// Pending holds, per file ("device/name") that failed its checks in a way that may mean it
	// is still arriving, the hash (hex) of the bytes seen; the same bytes failing at the next
	// scan are called damaged.
	Pending map[string]string `json:"pending"`
	// Acked holds, per partner device, the highest sequence number of this device's files it
	// says it has read without a gap (from the newest of its files taken).
	Acked map[string]uint64 `json:"acked"`
}

// NewProgress is the progress of a device that has read and written nothing.
func NewProgress() *Progress {
	return &Progress{Read: map[string]map[uint64][]string{}, Written: map[uint64]string{},
		Pending: map[string]string{}, Acked: map[string]uint64{}}
}

// init fills the maps a JSON copy left out.
func (p *Progress) init() {
	if p.Read == nil {
		p.Read = map[string]map[uint64][]string{}
	}
	if p.Written == nil {
		p.Written = map[uint64]string{}
	}
	if p.Pending == nil {
		p.Pending = map[string]string{}
	}
	if p.Acked == nil {
		p.Acked = map[string]uint64{}
	}
}

// Wrote notes a file this device wrote, so Scan knows it for its own.
func (p *Progress) Wrote(w Written) {
	p.init()
	p.Written[w.Seq] = w.Hash.String()
}

// Seen is this device's acknowledgements for the next file it writes: per device, the
// highest sequence number up to which every file was taken.
func (p *Progress) Seen() map[string]uint64 {
	out := map[string]uint64{}
	for d, seqs := range p.Read {
		n := uint64(0)
		for len(seqs[n+1]) > 0 {
			n++
		}
		if n > 0 {
			out[d] = n
		}
	}
	return out
}

// taken reports whether a file of device with sequence seq whose name carries short was
// taken, and whether another file with that sequence was.
func (p *Progress) taken(dev string, seq uint64, short string) (same, other bool) {
	for _, h := range p.Read[dev][seq] {
		if strings.HasPrefix(h, short) {
			same = true
		} else {
			other = true
		}
	}
	return same, other
}

func (p *Progress) take(dev string, seq uint64, h Hash) {
	if p.Read[dev] == nil {
		p.Read[dev] = map[uint64][]string{}
	}
	p.Read[dev][seq] = append(p.Read[dev][seq], h.String())
}

// Result is what one scan found.
type Result struct {
	Changes    []Change       // files taken by this scan, by device, sequence and hash
	Foreign    []Foreign      // entries that are not change files, never opened
	Retry      []Problem      // files that may still be arriving: not taken, tried again next scan
	Refused    []Problem      // files that fail a check and are not taken; tried again next scan
	Missing    map[string]int // per trusted device, sequence numbers below its highest not taken yet
	Forks      []Fork         // two different valid files with one (device, sequence); both taken
	CopiedSelf []Problem      // valid files signed by this device that it did not write
}

// Change is one change file taken: its records have passed every check.
type Change struct {
	Path    string
	Device  string
	Seq     uint64
	Hash    Hash
	Epoch   uint32
	Prev    Hash
	Seen    map[string]uint64 // the writer's acknowledgements
	Records []space.Portable
}

// Foreign is an entry of the space's folder that is not a change file.
type Foreign struct {
	Path   string
	Reason string // a sentence for the diagnostics view
}

// Problem is a change file not taken, or (CopiedSelf) taken but not written by this device.
type Problem struct {
	Path   string
	Device string
	Seq    uint64
	Reason string
}

// Fork is a (device, sequence) with two or more valid files: a copied data folder.
type Fork struct {
	Device string
	Seq    uint64
	Hashes []string
}

// onOpen, when set (by a test), is told of every file Scan opens.
var onOpen func(path string)

// onOpenOne runs the hook for one file at a time.
var onOpenOne sync.Mutex

// Scan reads the space's folder under root: every trusted device's folder for files not
// taken yet (marking each taken in progress), and this device's own (self) only for files it
// did not write. keys are the space keys this device holds, any epochs; trust maps each
// device id whose files are read to its Ed25519 key, and must hold self's too. Problems with
// single files are reported in the Result, never as an error; the error is for a folder that
// cannot be read at all.
func Scan(root, spaceID string, keys []Key, trust map[string]ed25519.PublicKey, self string, progress *Progress) (Result, error) {
	if !validSpace(spaceID) {
		return Result{}, apperr.Errorf(apperr.Invalid, "The space id %q is not a space id.", spaceID)
	}
	if progress == nil {
		return Result{}, apperr.New(apperr.Invalid, "Reading the exchange folder needs what was read before (a Progress), even an empty one.")
	}
	if _, ok := trust[self]; !ok {
		return Result{}, apperr.New(apperr.Invalid, "This device's own key is needed to tell its own change files from a copy's.")
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return Result{}, apperr.Wrap(apperr.Unavailable, folderMissing, err)
	}
	progress.init()
	s := scan{root: root, space: spaceID, keys: map[uint32]Key{}, trust: trust, self: self, p: progress,
		res: Result{Missing: map[string]int{}}, highest: map[string]uint64{}, present: map[string]bool{}}
	for _, k := range keys {
		s.keys[k.Epoch] = k
	}
	dir := filepath.Join(root, Dir, spaceID)
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Result{}, apperr.Wrap(apperr.Unavailable, "Goldseam could not read its own folder inside the exchange folder.", err)
	}
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		switch {
		case !e.IsDir() || e.Type()&fs.ModeSymlink != 0:
			s.foreign(path, "only devices' folders belong here")
		case !validDevice(e.Name()):
			s.foreign(path, "a folder Goldseam did not make")
		case e.Name() == self:
			s.device(path, e.Name(), true)
		case trust[e.Name()] == nil:
			s.unknown(path)
		default:
			s.device(path, e.Name(), false)
		}
	}
	s.finish()
	return s.res, nil
}

type scan struct {
	root, space, self string
	keys              map[uint32]Key
	trust             map[string]ed25519.PublicKey
	p                 *Progress
	res               Result
	highest           map[string]uint64 // per device, the highest sequence named in its folder
	present           map[string]bool   // Pending keys still in the folder
}

func (s *scan) foreign(path, reason string) {
	s.res.Foreign = append(s.res.Foreign, Foreign{Path: path, Reason: reason})
}

// unknown lists what a device this one has not paired with keeps, without opening it.
func (s *scan) unknown(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		s.foreign(dir, "the folder of a device not paired with this computer")
		return
	}
	for _, e := range entries {
		s.foreign(filepath.Join(dir, e.Name()), "from a device not paired with this computer")
	}
}

// foreignName says why a name is not a change file's, for the diagnostics view.
func foreignName(name string) string {
	lower := strings.ToLower(name)
	switch {
	case strings.Contains(lower, ".sync-conflict-"):
		return "a conflict copy made by Syncthing; Goldseam never edits a file, so it holds nothing new"
	case strings.Contains(lower, "conflicted copy"):
		return "a conflicted copy made by Dropbox; Goldseam never edits a file, so it holds nothing new"
	case strings.HasSuffix(lower, ".icloud"):
		return "an iCloud placeholder: the file has not been downloaded to this computer yet"
	case strings.HasPrefix(name, "~syncthing~") || strings.HasPrefix(name, ".syncthing."):
		return "a file Syncthing is still receiving"
	case strings.HasPrefix(name, tmpPrefix):
		return "a file still being written"
	default:
		return "not a change file"
	}
}

// device reads one device's folder; own is this device's.
func (s *scan) device(dir, dev string, own bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		s.foreign(dir, "this folder could not be read: "+plainErr(err))
		return
	}
	var todo []candidate
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		seq, short, ok := parseName(e.Name())
		if !ok {
			s.foreign(path, foreignName(e.Name()))
			continue
		}
		info, err := os.Lstat(path)
		switch {
		case err != nil:
			s.foreign(path, "it could not be looked at: "+plainErr(err))
			continue
		case !info.Mode().IsRegular():
			s.foreign(path, "named like a change file but not a plain file (a folder or a link)")
			continue
		case info.Size() > MaxFileSize:
			s.foreign(path, fmt.Sprintf("larger than a change file may be (%d MiB)", MaxFileSize>>20))
			continue
		}
		s.highest[dev] = max(s.highest[dev], seq)
		if own && s.ownFile(seq, short) {
			continue
		}
		if same, _ := s.p.taken(dev, seq, short); same {
			if own {
				s.res.CopiedSelf = append(s.res.CopiedSelf, Problem{Path: path, Device: dev, Seq: seq,
					Reason: "a copy of this computer's data folder wrote it under this computer's name"})
			}
			continue
		}
		todo = append(todo, candidate{path: path, seq: seq, short: short})
	}
	// Reading and checking a file needs nothing from the others, and its signature checks are
	// most of a pass's time, so files are read on every processor; what each found is then
	// taken in the folder's order, as one after the other would.
	looked := make([]examined, len(todo))
	workers := min(runtime.GOMAXPROCS(0), len(todo))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(todo); i += workers {
				looked[i] = s.examine(todo[i].path, dev, todo[i].seq, todo[i].short)
			}
		})
	}
	wg.Wait()
	for i, c := range todo {
		s.file(c.path, dev, c.seq, c.short, own, looked[i])
	}
}

// candidate is a file named like a change file, not taken yet.
type candidate struct {
	path  string
	seq   uint64
	short string
}

// examined is what reading and checking one file found: its bytes' hash, and the change it
// holds or why it was not read or failed a check.
type examined struct {
	hash    Hash
	readErr error
	change  Change
	err     error
}

// examine reads the file at path and, when its bytes are the ones its name was made from,
// runs every check (check). It changes nothing in s, so files can be examined at once.
func (s *scan) examine(path, dev string, seq uint64, short string) examined {
	b, err := readChangeFile(path)
	if err != nil {
		return examined{readErr: err}
	}
	e := examined{hash: hashOf(b)}
	if e.hash.short() == short {
		e.change, e.err = s.check(b, dev, seq)
	}
	return e
}

// ownFile reports whether this device wrote the file with sequence seq and hash short.
func (s *scan) ownFile(seq uint64, short string) bool {
	h, ok := s.p.Written[seq]
	return ok && strings.HasPrefix(h, short)
}

// file takes in what examine found of one change file not taken yet, if it passed.
func (s *scan) file(path, dev string, seq uint64, short string, own bool, e examined) {
	key := dev + "/" + filepath.Base(path)
	s.present[key] = true
	problem := Problem{Path: path, Device: dev, Seq: seq}
	if e.readErr != nil {
		problem.Reason = "it could not be read: " + plainErr(e.readErr)
		s.res.Retry = append(s.res.Retry, problem)
		return
	}
	h := e.hash
	if h.short() != short {
		// Not the bytes the writer named: still arriving, cut short, or changed. Only the same
		// bytes failing twice are called damaged.
		if s.p.Pending[key] == h.String() {
			problem.Reason = "damaged: its content does not match its name and has not changed since the last look"
			s.res.Refused = append(s.res.Refused, problem)
			return
		}
		s.p.Pending[key] = h.String()
		problem.Reason = "not complete yet: its content does not match its name"
		s.res.Retry = append(s.res.Retry, problem)
		return
	}
	// The bytes are the ones the file was named after, so whole: any failure now is final for
	// these bytes, not an arrival in progress.
	c, err := e.change, e.err
	if err != nil {
		problem.Reason = err.Error()
		s.res.Refused = append(s.res.Refused, problem)
		return
	}
	delete(s.p.Pending, key)
	c.Path, c.Hash = path, h
	_, other := s.p.taken(dev, seq, short)
	s.p.take(dev, seq, h)
	if other {
		s.res.Forks = append(s.res.Forks, Fork{Device: dev, Seq: seq, Hashes: slices.Clone(s.p.Read[dev][seq])})
	}
	if own {
		reason := "a copy of this computer's data folder wrote it under this computer's name"
		if _, clash := s.p.Written[seq]; clash {
			reason = "a copy of this computer's data folder wrote a different file with a sequence number this computer used"
		}
		s.res.CopiedSelf = append(s.res.CopiedSelf, Problem{Path: path, Device: dev, Seq: seq, Reason: reason})
	} else if n := c.Seen[s.self]; n > s.p.Acked[dev] {
		s.p.Acked[dev] = n
	}
	s.res.Changes = append(s.res.Changes, c)
}

// check runs every check on the bytes of a whole file of dev named with sequence seq. Its
// errors are sentences for the diagnostics view.
func (s *scan) check(b []byte, dev string, seq uint64) (Change, error) {
	f, err := parseFile(b)
	switch {
	case err != nil:
		return Change{}, fmt.Errorf("refused: %w", err)
	case f.Device != dev:
		return Change{}, errors.New("refused: it was written by another device than the one whose folder it is in")
	case f.Seq != seq:
		return Change{}, errors.New("refused: its sequence number is not the one in its name")
	case f.Space != s.space:
		return Change{}, errors.New("refused: it belongs to another shared space")
	case !device.Verify(s.trust[dev], signedMessage(f.signed), f.sig):
		return Change{}, errors.New("refused: its signature does not check")
	}
	key, ok := s.keys[f.Epoch]
	if !ok {
		return Change{}, fmt.Errorf("refused: it is sealed with a key this computer does not hold (number %d)", f.Epoch)
	}
	aead, err := chacha20poly1305.NewX(key.Bytes[:])
	if err != nil {
		return Change{}, fmt.Errorf("refused: the key cannot be used: %w", err)
	}
	plain, err := aead.Open(nil, f.nonce, f.sealed, sealAD(f.header))
	if err != nil {
		return Change{}, errors.New("refused: it does not open with the shared key")
	}
	defer clear(plain)
	records, err := decodeRecords(plain, f.Count)
	if err != nil {
		return Change{}, err
	}
	if err := verifyRecords(records); err != nil {
		return Change{}, err
	}
	return Change{Device: dev, Seq: seq, Epoch: f.Epoch, Prev: f.Prev, Seen: f.Seen, Records: records}, nil
}

// verifyRecords checks that every record verifies, each by the signature of the device that
// made it: mostly dev, but a file may carry changes dev holds from a device no longer in the
// space (a lost computer), so the partner's new computer gets them too, and a record is as
// good as its own signature whoever carries it. A signature check is most of the time it
// takes to read a file, so the records are shared out among the processors: 10,000 records
// are read in well under a second (sync_merge_10k_ms).
func verifyRecords(records []space.Portable) error {
	bad := make([]bool, len(records))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(records)/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(records); i += workers {
				bad[i] = records[i].Verify() != nil
			}
		})
	}
	wg.Wait()
	for i := range records {
		if bad[i] {
			return fmt.Errorf("refused: change %d of %d inside does not verify", i+1, len(records))
		}
	}
	return nil
}

// decodeRecords reads the sealed JSON array: exactly count records, no unknown fields and
// nothing after the array.
func decodeRecords(plain []byte, count uint32) ([]space.Portable, error) {
	dec := json.NewDecoder(bytes.NewReader(plain))
	dec.DisallowUnknownFields()
	var records []space.Portable
	if len(bytes.TrimSpace(plain)) == 0 || bytes.TrimSpace(plain)[0] != '[' {
		return nil, errors.New("refused: its sealed content is not a list of changes")
	}
	if err := dec.Decode(&records); err != nil {
		return nil, errors.New("refused: its sealed content is not a list of changes")
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("refused: something follows its list of changes")
	}
	if uint32(len(records)) != count || len(records) > MaxRecords {
		return nil, errors.New("refused: it holds another number of changes than its header says")
	}
	return records, nil
}

// finish counts the gaps, forgets pending files that are gone and orders the result.
func (s *scan) finish() {
	for dev := range s.trust {
		if dev == s.self {
			continue
		}
		top := s.highest[dev]
		for seq := range s.p.Read[dev] {
			top = max(top, seq)
		}
		missing := 0
		for seq := uint64(1); seq <= top; seq++ {
			if len(s.p.Read[dev][seq]) == 0 {
				missing++
			}
		}
		if missing > 0 {
			s.res.Missing[dev] = missing
		}
	}
	for key := range s.p.Pending {
		if !s.present[key] {
			delete(s.p.Pending, key)
		}
	}
	sort.Slice(s.res.Changes, func(i, j int) bool {
		a, b := s.res.Changes[i], s.res.Changes[j]
		if a.Device != b.Device {
			return a.Device < b.Device
		}
		if a.Seq != b.Seq {
			return a.Seq < b.Seq
		}
		return bytes.Compare(a.Hash[:], b.Hash[:]) < 0
	})
}

// readChangeFile reads a file Lstat said is a regular change file: it refuses a file that
// became something else (a link) in between, and reads no more than a change file may hold.
func readChangeFile(path string) ([]byte, error) {
	before, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if onOpen != nil {
		onOpenOne.Lock() // files are read at once (scan.device); a test's hook need not know
		onOpen(path)
		onOpenOne.Unlock()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	now, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !now.Mode().IsRegular() || !os.SameFile(before, now) {
		return nil, errors.New("it changed while being opened")
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxFileSize {
		return nil, errLarge
	}
	return b, nil
}

// plainErr is an error's text without the path it may repeat.
func plainErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
