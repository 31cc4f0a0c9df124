package exchange

import (
	"encoding/binary"
	"errors"
	"sort"
	"sync/atomic"

	"golang.org/x/crypto/chacha20poly1305"
)

// Header is the part of a change file in the clear: what the reader needs to know which key
// opens the file and whose it is, before opening it. All of it is bound into the seal as
// associated data and covered by the signature.
type Header struct {
	Space  string            // the space id
	Epoch  uint32            // which space key sealed the records
	Device string            // the writing device's id
	Seq    uint64            // the device's sequence number, from 1
	Prev   Hash              // SHA-256 of the device's previous file; zero for sequence 1
	Count  uint32            // records sealed inside
	Seen   map[string]uint64 // the writer's acknowledgements: device -> highest contiguous sequence read
}

// file is a change file taken apart, before any check that needs a key.
type file struct {
	Header
	header []byte // the canonical header as in the file
	nonce  []byte
	sealed []byte
	signed []byte // every byte before the signature
	sig    []byte
}

// parses counts calls to parseFile, so a test can prove that a foreign file is never parsed.
var parses atomic.Int64

// errFormat is any byte string that is not exactly one change file of a version this package
// reads; its text is what a person is told.
var (
	errFormat = errors.New("it is not a change file Goldseam can read")
	errNewer  = errors.New("it was made by a newer version of Goldseam")
	errLarge  = errors.New("it is larger than a change file may be")
)

// encodeHeader is the header's one encoding (see the package doc).
func encodeHeader(h Header) []byte {
	out := []byte{FormatVersion}
	out = appendString(out, h.Space)
	out = binary.BigEndian.AppendUint32(out, h.Epoch)
	out = appendString(out, h.Device)
	out = binary.BigEndian.AppendUint64(out, h.Seq)
	out = append(out, h.Prev[:]...)
	out = binary.BigEndian.AppendUint32(out, h.Count)
	devices := make([]string, 0, len(h.Seen))
	for d := range h.Seen {
		devices = append(devices, d)
	}
	sort.Strings(devices)
	out = binary.BigEndian.AppendUint32(out, uint32(len(devices)))
	for _, d := range devices {
		out = appendString(out, d)
		out = binary.BigEndian.AppendUint64(out, h.Seen[d])
	}
	return out
}

// parseHeader reads a header encodeHeader wrote, and nothing else: the fields must have
// their forms (a uuid, device ids, sequence from 1, the previous hash zero exactly for
// sequence 1), the acknowledgements ascending and distinct, and no byte may follow.
func parseHeader(b []byte) (Header, error) {
	r := reader{b: b}
	if v := r.byte(); r.bad || v != FormatVersion {
		if !r.bad && v > FormatVersion {
			return Header{}, errNewer
		}
		return Header{}, errFormat
	}
	var h Header
	h.Space = r.string(64)
	h.Epoch = r.uint32()
	h.Device = r.string(64)
	h.Seq = r.uint64()
	copy(h.Prev[:], r.take(len(h.Prev)))
	h.Count = r.uint32()
	n := r.uint32()
	if r.bad || n > MaxSeen || !validSpace(h.Space) || !validDevice(h.Device) || h.Seq == 0 ||
		(h.Seq == 1) != (h.Prev == Hash{}) || h.Count > MaxRecords {
		return Header{}, errFormat
	}
	h.Seen = make(map[string]uint64, n)
	last := ""
	for range n {
		d, seq := r.string(64), r.uint64()
		if r.bad || !validDevice(d) || d <= last || seq == 0 {
			return Header{}, errFormat
		}
		h.Seen[d], last = seq, d
	}
	if r.bad || len(r.b) != 0 {
		return Header{}, errFormat
	}
	return h, nil
}

// encodeFile lays out a file's parts, all but the signature; the caller signs what it
// returns and appends the signature.
func encodeFile(header, nonce, sealed []byte) []byte {
	out := make([]byte, 0, len(magic)+1+4+len(header)+len(nonce)+4+len(sealed)+64)
	out = append(out, magic...)
	out = append(out, FormatVersion)
	out = binary.BigEndian.AppendUint32(out, uint32(len(header)))
	out = append(out, header...)
	out = append(out, nonce...)
	out = binary.BigEndian.AppendUint32(out, uint32(len(sealed)))
	return append(out, sealed...)
}

// parseFile takes a change file apart without any key: every length is checked against what
// is left and the limits before it is used, and nothing may follow the signature.
func parseFile(b []byte) (file, error) {
	parses.Add(1)
	if len(b) > MaxFileSize {
		return file{}, errLarge
	}
	r := reader{b: b}
	if string(r.take(len(magic))) != magic {
		return file{}, errFormat
	}
	if v := r.byte(); r.bad || v != FormatVersion {
		if !r.bad && v > FormatVersion {
			return file{}, errNewer
		}
		return file{}, errFormat
	}
	hlen := r.uint32()
	if r.bad || hlen > maxHeaderSize {
		return file{}, errFormat
	}
	var f file
	f.header = r.take(int(hlen))
	f.nonce = r.take(chacha20poly1305.NonceSizeX)
	f.sealed = r.take(int(r.uint32()))
	f.sig = r.take(64)
	if r.bad || len(r.b) != 0 || len(f.sealed) < chacha20poly1305.Overhead {
		return file{}, errFormat
	}
	h, err := parseHeader(f.header)
	if err != nil {
		return file{}, err
	}
	f.Header = h
	f.signed = b[:len(b)-len(f.sig)]
	return f, nil
}

// sealAD is the associated data of a file's seal: the magic, the version and the header.
func sealAD(header []byte) []byte {
	ad := make([]byte, 0, len(sealPrefix)+len(magic)+1+len(header))
	ad = append(append(ad, sealPrefix...), magic...)
	return append(append(ad, FormatVersion), header...)
}

// signedMessage is what the device signs (through Signer.Sign, which adds its own prefix).
func signedMessage(signed []byte) []byte {
	return append([]byte(signPrefix), signed...)
}

func appendString(out []byte, s string) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(s)))
	return append(out, s...)
}

// reader reads fixed-width and length-prefixed parts, remembering whether any was short.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) take(n int) []byte {
	if r.bad || n < 0 || len(r.b) < n {
		r.bad = true
		return nil
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) byte() byte {
	if b := r.take(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) uint32() uint32 {
	if b := r.take(4); b != nil {
		return binary.BigEndian.Uint32(b)
	}
	return 0
}

func (r *reader) uint64() uint64 {
	if b := r.take(8); b != nil {
		return binary.BigEndian.Uint64(b)
	}
	return 0
}

// string reads a length-prefixed string of at most max bytes.
func (r *reader) string(max uint32) string {
	n := r.uint32()
	if n > max {
		r.bad = true
		return ""
	}
	return string(r.take(int(n)))
}
