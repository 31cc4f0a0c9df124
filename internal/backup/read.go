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

	"filippo.io/age"

	"github.com/goldseam/goldseam/internal/journal"
	"github.com/goldseam/goldseam/internal/profile"
	"github.com/goldseam/goldseam/internal/progress"
	"github.com/goldseam/goldseam/internal/shared"
)

// maxPart is the largest part a backup may hold (a journal of a million long entries fits),
// so a crafted file cannot make Goldseam read without end.
const maxPart = 4 << 30

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
func Decode(r io.Reader, passphrase string) (Snapshot, Manifest, error) {
	identity, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return Snapshot{}, Manifest{}, fmt.Errorf("backup passphrase: %w", err)
	}
	identity.SetMaxWorkFactor(MaxWorkFactor)
	return decode(r, identity, true)
}

// decode decrypts and verifies a backup; with records it also decodes every record (a
// restore needs them), else it only counts them (the check after an export).
func decode(r io.Reader, identity age.Identity, records bool) (Snapshot, Manifest, error) {
	br := bufio.NewReader(r)
	if head, _ := br.Peek(len("age-encryption.org/")); string(head) != "age-encryption.org/" {
		return Snapshot{}, Manifest{}, ErrNotABackup
	}
	plain, err := age.Decrypt(br, identity)
	if err != nil {
		var noMatch *age.NoIdentityMatchError
		if errors.As(err, &noMatch) {
			if strings.Contains(err.Error(), "work factor too large") {
				return Snapshot{}, Manifest{}, fmt.Errorf("%w: it asks for more work than Goldseam allows (%v)", ErrDamaged, err)
			}
			return Snapshot{}, Manifest{}, ErrWrongPassphrase
		}
		return Snapshot{}, Manifest{}, fmt.Errorf("%w: %v", ErrDamaged, err)
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
		if hdr.Typeflag != tar.TypeReg || hdr.Size < 0 || hdr.Size > maxPart {
			return Snapshot{}, Manifest{}, fmt.Errorf("%w: unexpected entry %q", ErrDamaged, hdr.Name)
		}
		data, err := io.ReadAll(io.LimitReader(tr, hdr.Size))
		if err != nil {
			return Snapshot{}, Manifest{}, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		if i == 0 {
			if hdr.Name != manifestName {
				return Snapshot{}, Manifest{}, fmt.Errorf("%w: the manifest is not first", ErrDamaged)
			}
			if err := json.Unmarshal(data, &m); err != nil {
				return Snapshot{}, Manifest{}, fmt.Errorf("%w: manifest: %v", ErrDamaged, err)
			}
			if m.Format > FormatVersion {
				return Snapshot{}, m, ErrNewerFormat
			}
			if m.Format < 1 {
				return Snapshot{}, m, fmt.Errorf("%w: format %d", ErrDamaged, m.Format)
			}
			continue
		}
		if _, dup := parts[hdr.Name]; dup {
			return Snapshot{}, Manifest{}, fmt.Errorf("%w: %s appears twice", ErrDamaged, hdr.Name)
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

func verifyParts(m Manifest, parts map[string][]byte) error {
	if len(m.Parts) != len(parts) {
		return fmt.Errorf("%w: the manifest lists %d parts, the file holds %d", ErrDamaged, len(m.Parts), len(parts))
	}
	for _, p := range m.Parts {
		if !slices.Contains(knownParts, p.Name) {
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
		if err := fn(v); err != nil {
			return n, fmt.Errorf("%w: %s record %d: %v", ErrDamaged, name, n+1, err)
		}
		n++
	}
	return n, nil
}

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
		var d profileDoc
		if err := json.Unmarshal(data, &d); err != nil {
			return s, fmt.Errorf("%w: profile: %v", ErrDamaged, err)
		}
		p := profile.Profile{Role: d.Role, MyName: d.MyName, PartnerName: d.PartnerName, Safety: d.Safety, Contacts: []profile.Contact{}}
		for _, c := range d.Contacts {
			p.Contacts = append(p.Contacts, profile.Contact(c))
		}
		if err := p.Normalize(); err != nil {
			return s, fmt.Errorf("%w: profile: %v", ErrDamaged, err)
		}
		s.Profile, s.ProfileAt = &p, d.UpdatedAt
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
	if counts[partShared], err = eachLine(partShared, parts[partShared], func(l sharedLine) error {
		r := shared.Record{ID: l.ID, Kind: l.Kind, ParentID: l.ParentID, Clock: l.Clock, DeviceID: l.DeviceID, UpdatedAt: l.UpdatedAt, Deleted: l.Deleted}
		if !l.Deleted {
			if !json.Valid(l.Content) || string(l.Content) == "null" {
				return errors.New("a live record without content")
			}
			r.Content = l.Content
		}
		s.Shared = append(s.Shared, r)
		return nil
	}); err != nil {
		return s, err
	}
	for _, p := range m.Parts {
		if counts[p.Name] != p.Records {
			return s, fmt.Errorf("%w: %s holds %d records, the manifest says %d", ErrDamaged, p.Name, counts[p.Name], p.Records)
		}
	}
	return s, nil
}
