package exchange

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/device"
	"github.com/goldseam/goldseam/internal/space"
)

// Written is a change file this device wrote: the caller keeps Seq and Hash to write the
// next one (its sequence Seq+1, its Prev Hash) and notes it in Progress (Progress.Wrote).
type Written struct {
	Name string // the file's name in the device's folder
	Path string // the file's full path
	Seq  uint64
	Hash Hash
	Prev Hash // the hash of the file before it in the device's chain
}

// Sealed is a change file made but maybe not in the folder yet: where it goes and its bytes,
// which are sealed and signed, so the caller may keep them in its own data file. A caller that
// must never lose track of its chain keeps a Sealed in the same transaction as the chain's new
// end (and Progress.Wrote), then places it (Place), and places it again after a crash: the
// name carries the bytes' hash, so placing it twice writes the same file.
type Sealed struct {
	Written
	Bytes []byte
}

// folderMissing is what a person is told when the exchange folder itself is not there: most
// often a USB stick or network drive that is not connected.
const folderMissing = "The exchange folder cannot be found. If it is on a drive that is not connected, connect it and try again."

// Write is Seal and then Place. The caller notes what it wrote (Progress.Wrote) and saves that
// before its next Scan: a file in this device's folder that Progress does not list is taken
// for a copy's (Result.CopiedSelf). A caller that may stop between the two (a crash) uses Seal
// and Place itself, keeping the Sealed file until it is placed (see Sealed).
func Write(root, spaceID string, key Key, s Signer, seq uint64, prev Hash, seen map[string]uint64, records []space.Portable) (Written, error) {
	f, err := Seal(root, spaceID, key, s, seq, prev, seen, records)
	if err != nil {
		return Written{}, err
	}
	return f.Written, Place(root, f)
}

// Seal seals records with key and signs them with s as the change file with sequence seq of
// s's folder of the space under root. prev is the hash of s's previous file, zero for
// sequence 1; seen is s's acknowledgements (Progress.Seen). Every record must verify: a
// partner refuses a file holding one that does not. Records are mostly s's own changes, but
// may be ones s holds from a device no longer in the space (see verifyRecords).
func Seal(root, spaceID string, key Key, s Signer, seq uint64, prev Hash, seen map[string]uint64, records []space.Portable) (Sealed, error) {
	id := s.DeviceID()
	switch {
	case !validSpace(spaceID):
		return Sealed{}, apperr.Errorf(apperr.Invalid, "The space id %q is not a space id.", spaceID)
	case !validDevice(id) || id != device.DeriveID(s.PublicKey()):
		return Sealed{}, apperr.New(apperr.Invalid, "This device's id does not match its key, so it cannot sign change files.")
	case seq == 0 || (seq == 1) != (prev == Hash{}):
		return Sealed{}, apperr.Errorf(apperr.Invalid, "A change file's sequence starts at 1 with no previous file; sequence %d with this previous hash is not one.", seq)
	case len(records) > MaxRecords:
		return Sealed{}, apperr.Errorf(apperr.Invalid, "One change file holds at most %d changes; these %d must be written in several.", MaxRecords, len(records))
	case len(seen) > MaxSeen:
		return Sealed{}, apperr.Errorf(apperr.Invalid, "A change file acknowledges at most %d devices.", MaxSeen)
	}
	for d, n := range seen {
		if !validDevice(d) || n == 0 {
			return Sealed{}, apperr.Errorf(apperr.Invalid, "The acknowledgement %q: %d is not a device id and a sequence number.", d, n)
		}
	}
	for i, p := range records {
		if err := p.Verify(); err != nil {
			return Sealed{}, apperr.Wrap(apperr.Invalid, fmt.Sprintf("Change %d of %d does not verify, so it is not written.", i+1, len(records)), err)
		}
	}
	b, err := seal(spaceID, key, s, seq, prev, seen, records)
	if err != nil {
		return Sealed{}, err
	}
	h := hashOf(b)
	w := Written{Name: FileName(seq, h), Seq: seq, Hash: h, Prev: prev}
	w.Path = filepath.Join(root, Dir, spaceID, id, w.Name)
	return Sealed{Written: w, Bytes: b}, nil
}

// Place puts f into its device's folder under root, atomically (a temporary file under
// <root>/goldseam/.tmp, synced, renamed, the folder synced). A whole file already there under
// its name is the same file (the name carries the hash of its bytes) and is left alone; one
// that is not whole (torn by a crash or a sync program) is replaced by the whole one. root
// itself must exist: Place never makes the folder a person chose.
func Place(root string, f Sealed) error {
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return apperr.Wrap(apperr.Unavailable, folderMissing, err)
	}
	if there, err := os.ReadFile(f.Path); err == nil && bytes.Equal(there, f.Bytes) {
		return nil
	}
	if err := place(filepath.Join(root, Dir, TmpDir), filepath.Dir(f.Path), f.Path, f.Bytes); err != nil {
		return apperr.Wrap(apperr.Unavailable, "Goldseam could not write a change file into the exchange folder. Check that the folder can be written to and has space.", err)
	}
	return nil
}

// seal makes the bytes of a change file.
func seal(spaceID string, key Key, s Signer, seq uint64, prev Hash, seen map[string]uint64, records []space.Portable) ([]byte, error) {
	if records == nil {
		records = []space.Portable{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(records); err != nil {
		return nil, apperr.Wrap(apperr.Internal, "Goldseam could not write the changes out.", err)
	}
	plain := buf.Bytes()
	defer clear(plain)
	header := encodeHeader(Header{Space: spaceID, Epoch: key.Epoch, Device: s.DeviceID(), Seq: seq, Prev: prev,
		Count: uint32(len(records)), Seen: seen})
	aead, err := chacha20poly1305.NewX(key.Bytes[:])
	if err != nil {
		return nil, apperr.Wrap(apperr.Internal, "Goldseam could not use the space key.", err)
	}
	nonce := make([]byte, chacha20poly1305.NonceSizeX)
	if _, err := rand.Read(nonce); err != nil {
		return nil, apperr.Wrap(apperr.Internal, "Goldseam could not make a nonce.", err)
	}
	// 64 bytes of signature follow what encodeFile lays out.
	if size := len(magic) + 1 + 4 + len(header) + len(nonce) + 4 + len(plain) + aead.Overhead() + 64; size > MaxFileSize || len(header) > maxHeaderSize {
		return nil, apperr.Errorf(apperr.Invalid, "These changes make a file larger than %d MiB; write them in several.", MaxFileSize>>20)
	}
	out := encodeFile(header, nonce, aead.Seal(nil, nonce, plain, sealAD(header)))
	return append(out, s.Sign(signedMessage(out))...), nil
}

// place writes b under tmpDir, syncs it and renames it to path in dir, then syncs dir and
// its parent (the device's folder may be new).
func place(tmpDir, dir, path string, b []byte) (err error) {
	if err := os.MkdirAll(tmpDir, 0o700); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(tmpDir, tmpPrefix+"*"+Ext)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(b); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	return syncDir(filepath.Dir(dir))
}

// LastWritten finds s's newest change file in the space's folder that s really signed and
// that is whole, so a device that lost its own count (a restart before it was saved)
// continues its chain: the next file has sequence Seq+1 and previous hash Hash. It returns a
// zero Written when s has written nothing there. It needs no space key. A copy of this data
// folder writing under the same id would show here too; Scan reports that (CopiedSelf).
func LastWritten(root, spaceID string, s Signer) (Written, error) {
	if !validSpace(spaceID) {
		return Written{}, apperr.Errorf(apperr.Invalid, "The space id %q is not a space id.", spaceID)
	}
	dir := filepath.Join(root, Dir, spaceID, s.DeviceID())
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return Written{}, nil
	}
	if err != nil {
		return Written{}, apperr.Wrap(apperr.Unavailable, "Goldseam could not read its own folder in the exchange folder.", err)
	}
	type candidate struct {
		name  string
		seq   uint64
		short string
	}
	var list []candidate
	for _, e := range entries {
		if seq, short, ok := parseName(e.Name()); ok && e.Type().IsRegular() {
			list = append(list, candidate{e.Name(), seq, short})
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].seq > list[j].seq })
	for _, c := range list {
		path := filepath.Join(dir, c.name)
		b, err := readChangeFile(path)
		if err != nil {
			continue
		}
		h := hashOf(b)
		if h.short() != c.short {
			continue
		}
		f, err := parseFile(b)
		if err != nil || f.Device != s.DeviceID() || f.Space != spaceID || f.Seq != c.seq ||
			!device.Verify(s.PublicKey(), signedMessage(f.signed), f.sig) {
			continue
		}
		return Written{Name: c.name, Path: path, Seq: c.seq, Hash: h, Prev: f.Prev}, nil
	}
	return Written{}, nil
}
