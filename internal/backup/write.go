package backup

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"filippo.io/age"

	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/privatefile"
	"github.com/goldseam/goldseam/internal/profile"
	"github.com/goldseam/goldseam/internal/space"
)

// WorkFactor is the scrypt work factor (log2 of N) backups are locked with: about a second
// and 256 MiB on a laptop. The stock age command refuses files above 22.
const WorkFactor = 18

// MaxWorkFactor is the most a backup may ask for when opened (2^20: 1 GiB and about four
// seconds a try): a file asking more is refused before any work is done, so a crafted file
// cannot make Goldseam take 4 GiB or hang for long. Goldseam writes 18; the stock age
// command accepts up to 22.
const MaxWorkFactor = 20

var workFactor = WorkFactor

// UseCheapWorkFactorForTests makes locking and opening backups fast. It panics outside tests.
func UseCheapWorkFactorForTests() {
	if !testing.Testing() {
		panic("backup: cheap work factor outside a test")
	}
	workFactor = 10
}

// Progress is told how far an export or restore has come, in records.
type Progress func(done, total int)

// Encode writes s as a backup locked with passphrase to w. Nothing is written anywhere else:
// the tar goes straight into age's encryption.
func Encode(w io.Writer, s Snapshot, passphrase, appVersion string, now time.Time, progress Progress) (Manifest, error) {
	r, err := newRecipient(passphrase)
	if err != nil {
		return Manifest{}, err
	}
	defer r.wipe()
	return encode(w, s, r, appVersion, now, progress)
}

func newRecipient(passphrase string) (*rememberingRecipient, error) {
	inner, err := age.NewScryptRecipient(passphrase)
	if err != nil {
		return nil, fmt.Errorf("backup passphrase: %w", err)
	}
	inner.SetWorkFactor(workFactor)
	return &rememberingRecipient{inner: inner}, nil
}

func encode(w io.Writer, s Snapshot, recipient *rememberingRecipient, appVersion string, now time.Time, progress Progress) (Manifest, error) {
	enc, err := age.Encrypt(w, recipient)
	if err != nil {
		return Manifest{}, fmt.Errorf("start encryption: %w", err)
	}
	return writePayload(context.Background(), enc, s, appVersion, now, progress)
}

// writePayload writes the tar of s into enc, an age stream already started, and closes it.
// It stops, with ctx's error, as soon as ctx ends.
func writePayload(ctx context.Context, enc io.WriteCloser, s Snapshot, appVersion string, now time.Time, progress Progress) (Manifest, error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	total := len(s.Entries) + len(s.States) + len(s.Exercises) + len(s.Shared) + len(s.Changes) + 1
	parts, err := encodeParts(ctx, s, func(done int) { progress(done, total) })
	if err != nil {
		return Manifest{}, err
	}
	m := Manifest{Format: FormatVersion, App: "Goldseam", AppVersion: appVersion, CreatedAt: now.UTC()}
	for _, p := range parts {
		sum := sha256.Sum256(p.data)
		m.Parts = append(m.Parts, Part{Name: p.name, Records: p.records, Bytes: int64(len(p.data)), SHA256: hex.EncodeToString(sum[:])})
	}
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return Manifest{}, fmt.Errorf("encode manifest: %w", err)
	}
	tw := tar.NewWriter(stopWriter{ctx, enc})
	files := append([]encodedPart{{name: manifestName, data: manifest}}, parts...)
	for _, f := range files {
		hdr := &tar.Header{Name: f.name, Mode: 0o600, Size: int64(len(f.data)), ModTime: m.CreatedAt, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return Manifest{}, fmt.Errorf("write %s: %w", f.name, err)
		}
		if _, err := tw.Write(f.data); err != nil {
			return Manifest{}, fmt.Errorf("write %s: %w", f.name, err)
		}
	}
	if err := tw.Close(); err != nil {
		return Manifest{}, fmt.Errorf("finish the archive: %w", err)
	}
	if err := enc.Close(); err != nil {
		return Manifest{}, fmt.Errorf("finish encryption: %w", err)
	}
	progress(total, total)
	return m, nil
}

type encodedPart struct {
	name    string
	data    []byte
	records int
}

func encodeParts(ctx context.Context, s Snapshot, done func(int)) ([]encodedPart, error) {
	count := 0
	lines := func(name string, n int, line func(i int) any) (encodedPart, error) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		for i := 0; i < n; i++ {
			if err := enc.Encode(line(i)); err != nil {
				return encodedPart{}, fmt.Errorf("encode %s: %w", name, err)
			}
			if count++; count%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return encodedPart{}, err
				}
				done(count)
			}
		}
		return encodedPart{name: name, data: b.Bytes(), records: n}, nil
	}
	var out []encodedPart
	add := func(p encodedPart, err error) error {
		out = append(out, p)
		return err
	}
	if err := add(lines(partJournal, len(s.Entries), func(i int) any { return journalToLine(s.Entries[i]) })); err != nil {
		return nil, err
	}
	if s.Profile != nil {
		data, err := json.MarshalIndent(profileToDoc(*s.Profile, s.ProfileAt), "", "  ")
		if err != nil {
			return nil, fmt.Errorf("encode profile: %w", err)
		}
		out = append(out, encodedPart{name: partProfile, data: data, records: 1})
	}
	if err := add(lines(partStates, len(s.States), func(i int) any {
		st := s.States[i]
		return stateLine{Step: st.StepID, State: st.State, UpdatedAt: st.UpdatedAt.UTC()}
	})); err != nil {
		return nil, err
	}
	if err := add(lines(partExercises, len(s.Exercises), func(i int) any {
		r := s.Exercises[i]
		return exerciseLine{ID: r.ID, Step: r.StepID, Answers: r.Answers, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	})); err != nil {
		return nil, err
	}
	if err := add(lines(partShared, len(s.Shared), func(i int) any { return sharedToLine(s.Shared[i]) })); err != nil {
		return nil, err
	}
	if err := add(lines(partChanges, len(s.Changes), func(i int) any { return s.Changes[i] })); err != nil {
		return nil, err
	}
	return out, nil
}

func journalToLine(e journal.Entry) journalLine {
	return journalLine{ID: e.ID, Date: e.Date, Title: e.Title, Body: e.Body, Mood: e.Mood, Feelings: orEmpty(e.Feelings),
		Tags: orEmpty(e.Tags), Step: e.Step, CreatedAt: e.CreatedAt.UTC(), UpdatedAt: e.UpdatedAt.UTC()}
}

func profileToDoc(p profile.Profile, at time.Time) profileDoc {
	d := profileDoc{Role: p.Role, MyName: p.MyName, PartnerName: p.PartnerName, Safety: p.Safety, Contacts: []contactDoc{}, UpdatedAt: at.UTC()}
	for _, c := range p.Contacts {
		d.Contacts = append(d.Contacts, contactDoc(c))
	}
	return d
}

func sharedToLine(r space.Record) sharedLine {
	l := sharedLine{ID: r.ID, Kind: r.Kind, ParentID: r.ParentID, Clock: r.Clock, DeviceID: r.DeviceID, UpdatedAt: r.UpdatedAt.UTC(), Deleted: r.Deleted}
	if !r.Deleted {
		l.Content = r.Content
	}
	return l
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

const tempPattern = ".goldseam-backup-*.tmp"

// removeStaleTemps removes what an export killed part way left behind (encrypted, but
// useless). Only files over an hour old go, so an export running elsewhere into the same
// folder is left alone.
func removeStaleTemps(dir string, now time.Time) {
	names, _ := filepath.Glob(filepath.Join(dir, tempPattern))
	for _, name := range names {
		if info, err := os.Stat(name); err == nil && now.Sub(info.ModTime()) > time.Hour {
			os.Remove(name)
		}
	}
}

// WriteFile exports s to path: see Export.
func WriteFile(path string, s Snapshot, passphrase, appVersion string, now time.Time, progress Progress) (Manifest, error) {
	return Export(context.Background(), path, func() (Snapshot, error) { return s, nil }, passphrase, appVersion, now, progress)
}

// Export writes what gather returns to path: to a temporary file in the same folder,
// synced, read back, decrypted and verified whole, and only then renamed over path and
// the folder synced. Until the rename, whatever was at path is untouched; if anything
// fails, the temporary file is removed. gather runs while the passphrase key is derived (scrypt takes
// about a second), so reading the store costs the person no extra time.
//
// When ctx ends (Goldseam locks), Export stops at once with ctx's error and removes the
// temporary file, whichever step it was in: it does not wait for scrypt, which finishes
// on its own and is then thrown away.
func Export(ctx context.Context, path string, gather func() (Snapshot, error), passphrase, appVersion string, now time.Time, progress Progress) (Manifest, error) {
	dir := filepath.Dir(path)
	removeStaleTemps(dir, now)
	tmp, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return Manifest{}, fmt.Errorf("create a file in %s: %w", dir, err)
	}
	keep := false
	defer func() {
		if !keep {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	recipient, err := newRecipient(passphrase)
	if err != nil {
		return Manifest{}, err
	}
	enc, s, err := encryptWhileGathering(ctx, tmp, recipient, gather)
	if err != nil {
		return Manifest{}, err
	}
	defer recipient.wipe()
	m, err := writePayload(ctx, enc, s, appVersion, now, progress)
	if err != nil {
		return Manifest{}, err
	}
	if err := tmp.Sync(); err != nil {
		return Manifest{}, fmt.Errorf("sync backup: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return Manifest{}, fmt.Errorf("close backup: %w", err)
	}
	// Read back what is on disk, decrypt and verify all of it, before it takes the place of
	// anything.
	if err := readBack(ctx, tmp.Name(), recipient); err != nil {
		return Manifest{}, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return Manifest{}, fmt.Errorf("put the backup in place: %w", err)
	}
	keep = true
	if err := privatefile.SyncDir(dir); err != nil {
		return Manifest{}, err
	}
	return m, nil
}

// encryptWhileGathering starts age's encryption into tmp (scrypt takes about a second)
// while gather reads the vault. On success the caller wipes recipient's key when done with
// it; on any failure it is wiped here, and a cancelled ctx returns at once while scrypt
// still runs: the key is wiped when scrypt has finished with it.
func encryptWhileGathering(ctx context.Context, tmp io.Writer, recipient *rememberingRecipient, gather func() (Snapshot, error)) (io.WriteCloser, Snapshot, error) {
	type started struct {
		enc io.WriteCloser
		err error
	}
	ready := make(chan started, 1)
	go func() {
		enc, err := age.Encrypt(tmp, recipient)
		ready <- started{enc, err}
	}()
	s, gatherErr := gather()
	var st started
	select {
	case st = <-ready:
	case <-ctx.Done():
		go func() { <-ready; recipient.wipe() }()
		return nil, Snapshot{}, ctx.Err()
	}
	switch {
	case gatherErr != nil:
		recipient.wipe()
		return nil, Snapshot{}, gatherErr
	case st.err != nil:
		recipient.wipe()
		return nil, Snapshot{}, fmt.Errorf("start encryption: %w", st.err)
	}
	return st.enc, s, nil
}

// readBack decrypts and checks all of the backup just written at name. The file key is the
// one just used, so scrypt need not run again.
func readBack(ctx context.Context, name string, recipient *rememberingRecipient) error {
	back, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("read the backup back: %w", err)
	}
	_, _, err = decode(stopReader{ctx, back}, recipient.identity(), false, sizeOf(back))
	back.Close()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		return fmt.Errorf("the backup did not read back correctly: %w", err)
	}
	return nil
}

// stopWriter and stopReader fail every call once ctx has ended, so a long write or read
// of a backup stops at its next block.
type stopWriter struct {
	ctx context.Context
	w   io.Writer
}

func (s stopWriter) Write(p []byte) (int, error) {
	if err := s.ctx.Err(); err != nil {
		return 0, err
	}
	return s.w.Write(p)
}

type stopReader struct {
	ctx context.Context
	r   io.Reader
}

func (s stopReader) Read(p []byte) (int, error) {
	if err := s.ctx.Err(); err != nil {
		return 0, err
	}
	return s.r.Read(p)
}
