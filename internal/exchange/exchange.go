// Package exchange owns the change files of the exchange folder: the sealed, signed files
// through which two paired devices hand each other the shared space's changes, carried by a
// sync engine the couple already trusts (Syncthing, a cloud folder, a USB stick). It writes
// and reads files only: it is given the space key, the device that signs and the list of
// trusted devices, and it stores nothing in the vault and opens no connection. The caller
// keeps the key, the trust list, this device's sequence number and the read Progress.
//
// # Layout
//
//	<root>/goldseam/<space id>/<device id>/00000042-<16 hex>.gsc
//	<root>/goldseam/.tmp/                 temporary files; never read
//
// Each device writes only into its own folder, and every file is written once and never
// edited: it is made under .tmp, synced, renamed into place and the folder synced. So no two
// devices ever write one file, and a sync engine has nothing to make conflict copies of. A
// file's name is its sequence number (at least eight digits) and the first 16 hex digits of
// the SHA-256 of its bytes, so two different files with one sequence number (written by two
// copies of one data folder) never share a name.
//
// # File format (version 1; docs/exchange-format.md says the same at more length)
//
//	magic     "GOLDSEAM-CHANGES" (16 bytes), then the format version (1 byte, 1)
//	header    u32 length, then the canonical header:
//	            u8 version (1) · str space id · u32 key epoch · str device id · u64 sequence ·
//	            32 bytes SHA-256 of this device's previous file (zero for sequence 1) ·
//	            u32 count of records · u32 n · n × (str device id · u64 highest contiguous
//	            sequence read from it), device ids ascending
//	nonce     24 random bytes
//	sealed    u32 length, then XChaCha20-Poly1305 with the space key of that epoch over the
//	          records (a JSON array of space.Portable); associated data
//	          "goldseam/exchange/seal/v1\x00" ‖ magic ‖ version ‖ header
//	signature 64 bytes: the device's Ed25519 signature (device.Identity.Sign, which adds the
//	          device's own prefix) of "goldseam/exchange/file/v1\x00" ‖ every byte before it
//
// Numbers are big-endian; a str is a u32 length and the bytes. Nothing may follow the
// signature, and a header has exactly one encoding, so parsing and writing again gives the
// same bytes.
//
// # Reading
//
// Scan decides from a name and Lstat alone whether an entry is a change file; anything else
// (conflict copies, cloud placeholders, partial or foreign files, folders of unknown devices)
// is listed in Result.Foreign and never opened. A change file is taken only when its bytes
// hash to its name, it parses, its header names the folder's device, the name's sequence and
// this space, the device is trusted and its signature checks, the epoch's key opens it, and
// every record inside verifies and was made by that device. A file whose bytes do not match
// its name may still be arriving: it is retried at the next scan and called damaged once it
// stops changing. Progress remembers per device which (sequence, hash) were taken, never
// modification times, so a scan is idempotent and independent of the order files arrive in.
package exchange

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	"github.com/goldseam/goldseam/internal/apperr"
)

// Limits, checked before anything is read past them: Lstat's size before a file is opened,
// the header's count of records before anything is decrypted.
const (
	MaxFileSize   = 16 << 20 // bytes in one change file
	MaxRecords    = 100_000  // records in one change file
	MaxSeen       = 1_000    // devices acknowledged in one header
	maxHeaderSize = 64 << 10
)

// FormatVersion is the version of the change files this package writes and reads.
const FormatVersion = 1

// The folder names and the domain-separation prefixes of change files.
const (
	// Dir is the folder under the exchange folder's root that Goldseam owns.
	Dir = "goldseam"
	// TmpDir is where files are written before they are renamed into place; readers skip it.
	TmpDir = ".tmp"
	// Ext ends every change file's name.
	Ext = ".gsc"

	magic      = "GOLDSEAM-CHANGES"
	sealPrefix = "goldseam/exchange/seal/v1\x00"
	signPrefix = "goldseam/exchange/file/v1\x00"
	tmpPrefix  = ".goldseam-tmp-"
	hashDigits = 16
	seqDigits  = 8
)

// Key is the shared space key of one epoch. Paired devices hold the same key; a new one,
// with a higher epoch, is made when a partner leaves or a device is revoked, so a file says
// which key sealed it and an old key never opens a new file.
type Key struct {
	Epoch uint32
	Bytes [32]byte
}

// NewKey makes a random space key for epoch.
func NewKey(epoch uint32) (Key, error) {
	k := Key{Epoch: epoch}
	if _, err := rand.Read(k.Bytes[:]); err != nil {
		return Key{}, apperr.Wrap(apperr.Internal, "Goldseam could not make a new key.", err)
	}
	return k, nil
}

// Signer is a device identity that signs change files: *device.Identity is one. Sign must
// return the Ed25519 signature device.Sign makes (its own prefix, then msg), so device.Verify
// checks it.
type Signer interface {
	DeviceID() string
	PublicKey() ed25519.PublicKey
	Sign(msg []byte) []byte
}

// Hash is the SHA-256 of a change file's bytes.
type Hash [32]byte

// String is the hash in lowercase hex.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// short is the part of the hash a file's name carries.
func (h Hash) short() string { return hex.EncodeToString(h[:hashDigits/2]) }

// ParseHash reads a hash written by String.
func ParseHash(s string) (Hash, bool) {
	var h Hash
	if len(s) != 2*len(h) || strings.ToLower(s) != s {
		return Hash{}, false
	}
	if _, err := hex.Decode(h[:], []byte(s)); err != nil {
		return Hash{}, false
	}
	return h, true
}

func hashOf(b []byte) Hash { return sha256.Sum256(b) }

// FileName is the name of the change file with sequence seq and hash h.
func FileName(seq uint64, h Hash) string {
	return fmt.Sprintf("%0*d-%s%s", seqDigits, seq, h.short(), Ext)
}

// parseName reads a name FileName made, refusing any other spelling (leading zeros past
// eight digits, upper-case hex, sequence 0), so one file has one name.
func parseName(name string) (seq uint64, short string, ok bool) {
	rest, found := strings.CutSuffix(name, Ext)
	if !found {
		return 0, "", false
	}
	digits, short, found := strings.Cut(rest, "-")
	if !found || len(short) != hashDigits || !isLowerHex(short) {
		return 0, "", false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, "", false
		}
	}
	seq, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || seq == 0 || fmt.Sprintf("%0*d", seqDigits, seq) != digits {
		return 0, "", false
	}
	return seq, short, true
}

func isLowerHex(s string) bool {
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// validDevice reports whether id has the form of a device id: 32 lowercase hex digits.
func validDevice(id string) bool { return len(id) == 32 && isLowerHex(id) }

// validSpace reports whether id is a space id: a uuid in its lowercase 36-character form, so
// it is safe as a folder name on every system and has one spelling.
func validSpace(id string) bool {
	if len(id) != 36 {
		return false
	}
	for i, c := range id {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
				return false
			}
		}
	}
	return true
}
