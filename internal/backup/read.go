package backup

import (
	"archive/tar"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/profile"
	"github.com/goldseam/goldseam/internal/progress"
	"github.com/goldseam/goldseam/internal/space"
)

// maxPart is the largest part a backup may hold (a journal of a million long entries fits),
// so a crafted file cannot make Goldseam read without end.
const maxPart = 4 << 30

// maxManifest is the largest manifest.json read; a real one is a few hundred bytes.
const maxManifest = 1 << 20

// ErrBusy: another backup is being opened (checked or restored) right now. Each may ask
// for a second of scrypt and a quarter of a gigabyte, so a second one is refused, not
// queued: the person can try again once the first is done.
var ErrBusy = errors.New("another backup is being opened")

// opening lets one backup be opened with a passphrase at a time, in the app and on the
// command line alike.
var opening = make(chan struct{}, 1)

// ReadFile opens and verifies the backup at path.
func ReadFile(path, passphrase string) (Snapshot, Manifest, error) {
	f, err := os.Open(path)
	if err != nil {
		return Snapshot{}, Manifest{}, fmt.Errorf("open backup: %w", err)
	}
	defer f.Close()
	return Decode(f, passphrase)
}

// Decode decrypts a backup and verifies all of it: the format version, that every part the
// manifest lists is there exactly once with its size, SHA-256 and record count, and that no
// other part is. Only then is the snapshot returned; nothing has been changed anywhere.
// Only one Decode runs at a time; another one meanwhile returns ErrBusy.
func Decode(r io.Reader, passphrase string) (Snapshot, Manifest, error) {
	select {
	case opening <- struct{}{}:
		defer func() { <-opening }()
	default:
		return Snapshot{}, Manifest{}, ErrBusy
	}
	identity, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return Snapshot{}, Manifest{}, fmt.Errorf("backup passphrase: %w", err)
	}
	identity.SetMaxWorkFactor(MaxWorkFactor)
	return decode(r, identity, true, sizeOf(r))
}

// sizeOf is the most plaintext r can hold: age's plaintext is shorter than the file, so a
// file's (or a byte slice's) length bounds every byte read from inside it.
func sizeOf(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Len() int }:
		return int64(v.Len())
	case interface{ Stat() (os.FileInfo, error) }:
		if info, err := v.Stat(); err == nil && info.Mode().IsRegular() {
			return info.Size()
		}
	}
	return maxPart
}

// decode decrypts and verifies a backup of at most budget bytes; with records it also
// decodes every record (a restore needs them), else it only counts them (the check after
// an export). Each tar entry is judged from its header before any of its bytes are read.
func decode(r io.Reader, identity age.Identity, records bool, budget int64) (Snapshot, Manifest, error) {
	plain, err := decrypt(r, identity)
	if err != nil {
		return Snapshot{}, Manifest{}, err
	}
	tr := tar.NewReader(plain)
	var m Manifest
	parts := map[string][]byte{}
	for i := 0; ; i++ {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Snapshot{}, Manifest{}, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		if err := judge(hdr, i, m, parts, budget); err != nil {
			return Snapshot{}, Manifest{}, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		data := make([]byte, hdr.Size) // at most budget, itself at most the file's size
		if _, err := io.ReadFull(tr, data); err != nil {
			return Snapshot{}, Manifest{}, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		budget -= hdr.Size
		if i == 0 {
			if m, err = readManifest(data, budget); err != nil {
				return Snapshot{}, m, err
			}
			continue
		}
		parts[hdr.Name] = data
	}
	if m.Format == 0 {
		return Snapshot{}, Manifest{}, fmt.Errorf("%w: no manifest", ErrDamaged)
	}
	if err := verifyParts(m, parts); err != nil {
		return Snapshot{}, m, err
	}
	if !records {
		return Snapshot{}, m, countLines(m, parts)
	}
	s, err := decodeParts(m, parts)
	return s, m, err
}

// decrypt starts reading the age file; a work factor above MaxWorkFactor is refused
// before any scrypt work is done.
func decrypt(r io.Reader, identity age.Identity) (io.Reader, error) {
	br := bufio.NewReader(r)
	if head, _ := br.Peek(len("age-encryption.org/")); string(head) != "age-encryption.org/" {
		return nil, ErrNotABackup
	}
	plain, err := age.Decrypt(br, identity)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			if strings.Contains(err.Error(), "work factor too large") {
				return nil, fmt.Errorf("%w: it asks for more work than Goldseam allows (%v)", ErrDamaged, err)
			}
			return nil, ErrWrongPassphrase
		}
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return plain, nil
}

// judge refuses the i-th tar entry from its header alone: anything but a regular file
// (a sparse file's holes would be zeros made from nothing), a manifest that is not first
// or too large, a part the manifest does not list or lists at another size, a second copy
// of a part, and anything larger than what is left of the file.
func judge(hdr *tar.Header, i int, m Manifest, parts map[string][]byte, budget int64) error {
	if hdr.Typeflag != tar.TypeReg {
		return fmt.Errorf("unexpected entry type %q", hdr.Typeflag)
	}
	for k := range hdr.PAXRecords {
		if strings.HasPrefix(k, "GNU.sparse.") {
			return errors.New("a sparse entry")
		}
	}
	switch {
	case hdr.Size < 0 || hdr.Size > budget:
		return fmt.Errorf("an entry of %d bytes in a file of %d", hdr.Size, budget)
	case i == 0 && (hdr.Name != manifestName || hdr.Size > maxManifest):
		return errors.New("the manifest is not first")
	case i == 0:
		return nil
	}
	p, listed := m.part(hdr.Name)
	if !listed {
		return fmt.Errorf("a part the manifest does not list (%d bytes)", hdr.Size)
	}
	if _, dup := parts[hdr.Name]; dup {
		return fmt.Errorf("%s appears twice", hdr.Name)
	}
	if hdr.Size != p.Bytes {
		return fmt.Errorf("%s is %d bytes, the manifest says %d", hdr.Name, hdr.Size, p.Bytes)
	}
	return nil
}

// readManifest decodes and checks the manifest: a newer format is refused, and so is one
// listing an unknown or repeated part, or sizes and counts the rest of the file (budget
// bytes) cannot hold.
func readManifest(data []byte, budget int64) (Manifest, error) {
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return Manifest{}, fmt.Errorf("%w: manifest: %v", ErrDamaged, err)
	}
	if m.Format > FormatVersion {
		return m, ErrNewerFormat
	}
	if m.Format < 1 {
		return m, fmt.Errorf("%w: format %d", ErrDamaged, m.Format)
	}
	seen := map[string]bool{}
	for _, p := range m.Parts {
		switch {
		case !slices.Contains(partsOf(m.Format), p.Name) || seen[p.Name]:
			return m, fmt.Errorf("%w: the manifest lists an unknown or repeated part", ErrDamaged)
		case p.Bytes < 0 || p.Bytes > budget || p.Records < 0 || int64(p.Records) > p.Bytes:
			return m, fmt.Errorf("%w: the manifest gives %s sizes the file cannot hold", ErrDamaged, p.Name)
		}
		seen[p.Name] = true
		budget -= p.Bytes
	}
	// Without its change log a format 2 backup would, replacing, empty the log here.
	if m.Format >= 2 && !seen[partChanges] {
		return m, fmt.Errorf("%w: the manifest does not list %s", ErrDamaged, partChanges)
	}
	return m, nil
}

func verifyParts(m Manifest, parts map[string][]byte) error {
	if len(m.Parts) != len(parts) {
		return fmt.Errorf("%w: the manifest lists %d parts, the file holds %d", ErrDamaged, len(m.Parts), len(parts))
	}
	for _, p := range m.Parts {
		if !slices.Contains(partsOf(m.Format), p.Name) {
			return fmt.Errorf("%w: unknown part %q", ErrDamaged, p.Name)
		}
		data, ok := parts[p.Name]
		if !ok {
			return fmt.Errorf("%w: %s is missing", ErrDamaged, p.Name)
		}
		sum := sha256.Sum256(data)
		if int64(len(data)) != p.Bytes || hex.EncodeToString(sum[:]) != p.SHA256 {
			return fmt.Errorf("%w: %s does not match its digest", ErrDamaged, p.Name)
		}
	}
	return nil
}

// countLines checks each .jsonl part holds as many lines as the manifest says, without
// decoding them; the digests already proved the bytes are the ones written.
func countLines(m Manifest, parts map[string][]byte) error {
	for _, p := range m.Parts {
		n := bytes.Count(parts[p.Name], []byte("\n"))
		if p.Name == partProfile {
			n = 1
		}
		if n != p.Records {
			return fmt.Errorf("%w: %s holds %d records, the manifest says %d", ErrDamaged, p.Name, n, p.Records)
		}
	}
	return nil
}

// eachLine decodes every line of a .jsonl part into a fresh T and counts them.
func eachLine[T any](name string, data []byte, fn func(T) error) (int, error) {
	n := 0
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	for dec.More() {
		var v T
		if err := dec.Decode(&v); err != nil {
			return n, fmt.Errorf("%w: %s record %d: %v", ErrDamaged, name, n+1, err)
		}
		if err := fn(v); errors.Is(err, ErrAltered) {
			return n, fmt.Errorf("%s record %d: %w", name, n+1, err)
		} else if err != nil {
			return n, fmt.Errorf("%w: %s record %d: %v", ErrDamaged, name, n+1, err)
		}
		n++
	}
	return n, nil
}

// decodeParts reads every part of a backup into a snapshot, checking each record as it goes
// and each part's count against the manifest.
func decodeParts(m Manifest, parts map[string][]byte) (Snapshot, error) {
	var s Snapshot
	counts := map[string]int{}
	var err error
	counts[partJournal], err = eachLine(partJournal, parts[partJournal], func(l journalLine) error {
		e := journal.Entry{ID: l.ID, Date: l.Date, Title: l.Title, Body: l.Body, Mood: l.Mood, Feelings: l.Feelings,
			Tags: l.Tags, Step: l.Step, CreatedAt: l.CreatedAt, UpdatedAt: l.UpdatedAt}
		if err := e.Normalize(); err != nil {
			return err
		}
		s.Entries = append(s.Entries, e)
		return nil
	})
	if err != nil {
		return s, err
	}
	if data, ok := parts[partProfile]; ok {
		if s.Profile, s.ProfileAt, err = decodeProfile(data); err != nil {
			return s, err
		}
		counts[partProfile] = 1
	}
	if counts[partStates], err = eachLine(partStates, parts[partStates], func(l stateLine) error {
		if !slices.Contains(progress.States, l.State) {
			return fmt.Errorf("unknown state %q", l.State)
		}
		s.States = append(s.States, progress.State{StepID: l.Step, State: l.State, UpdatedAt: l.UpdatedAt})
		return nil
	}); err != nil {
		return s, err
	}
	if counts[partExercises], err = eachLine(partExercises, parts[partExercises], func(l exerciseLine) error {
		s.Exercises = append(s.Exercises, progress.Record{ID: l.ID, StepID: l.Step, Answers: l.Answers, CreatedAt: l.CreatedAt, UpdatedAt: l.UpdatedAt})
		return nil
	}); err != nil {
		return s, err
	}
	if err := decodeShared(&s, parts, counts); err != nil {
		return s, err
	}
	for _, p := range m.Parts {
		if counts[p.Name] != p.Records {
			return s, fmt.Errorf("%w: %s holds %d records, the manifest says %d", ErrDamaged, p.Name, counts[p.Name], p.Records)
		}
	}
	return s, nil
}

// decodeShared reads the shared space's parts into s: its records, and (format 2) its change
// log, each change checked as a merge checks one before anything is restored.
func decodeShared(s *Snapshot, parts map[string][]byte, counts map[string]int) error {
	var err error
	if counts[partShared], err = eachLine(partShared, parts[partShared], func(l sharedLine) error {
		r := space.Record{ID: l.ID, Kind: l.Kind, ParentID: l.ParentID, Clock: l.Clock, DeviceID: l.DeviceID, UpdatedAt: l.UpdatedAt, Deleted: l.Deleted}
		if !l.Deleted {
			if !json.Valid(l.Content) || string(l.Content) == "null" {
				return errors.New("a live record without content")
			}
			r.Content = l.Content
		}
		s.Shared = append(s.Shared, r)
		return nil
	}); err != nil {
		return err
	}
	if counts[partChanges], err = eachLine(partChanges, parts[partChanges], func(p space.Portable) error {
		// Checked as a merge checks a change, before anything is restored.
		if err := p.Verify(); err != nil {
			return fmt.Errorf("%w (%v)", ErrAltered, err)
		}
		s.Changes = append(s.Changes, p)
		return nil
	}); err != nil {
		return err
	}
	return nil
}

// decodeProfile reads the profile part.
func decodeProfile(data []byte) (*profile.Profile, time.Time, error) {
	var d profileDoc
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, time.Time{}, fmt.Errorf("%w: profile: %v", ErrDamaged, err)
	}
	p := profile.Profile{Role: d.Role, MyName: d.MyName, PartnerName: d.PartnerName, Safety: d.Safety, Contacts: []profile.Contact{}}
	for _, c := range d.Contacts {
		p.Contacts = append(p.Contacts, profile.Contact(c))
	}
	if err := p.Normalize(); err != nil {
		return nil, time.Time{}, fmt.Errorf("%w: profile: %v", ErrDamaged, err)
	}
	return &p, d.UpdatedAt, nil
}
