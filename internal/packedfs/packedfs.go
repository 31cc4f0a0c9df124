// Package packedfs owns what Goldseam embeds gzip'd, at about a third of its size: the
// interface (frontend/dist, packed into frontend/dist-packed) and the guided program's
// Markdown (internal/program/content, packed into content-packed when the app is built).
// Pack writes a packed folder; Unpacked serves one as the plain files they were, to the
// window's asset server and to the program's loader. Keeping them plain cost the app binary
// about a third of a megabyte.
package packedfs

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
)

// Unpacked is packed with each regular file gunzipped as it is opened (an empty file stays
// empty); directories pass through as they are.
func Unpacked(packed fs.FS) fs.FS { return unpackedFS{packed} }

type unpackedFS struct{ packed fs.FS }

func (u unpackedFS) Open(name string) (fs.File, error) {
	f, err := u.packed.Open(name)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil || info.IsDir() {
		return f, err
	}
	defer f.Close()
	data, err := unpack(f)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return &file{Reader: bytes.NewReader(data), info: fileInfo{info, int64(len(data))}}, nil
}

func unpack(f fs.File) ([]byte, error) {
	packed, err := io.ReadAll(f)
	if err != nil || len(packed) == 0 {
		return packed, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	return data, zr.Close()
}

// file is an unpacked file in memory: it seeks, as the asset server needs to answer ranges.
type file struct {
	*bytes.Reader
	info fileInfo
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *file) Close() error               { return nil }

// fileInfo is the packed file's, with the unpacked size.
type fileInfo struct {
	fs.FileInfo
	size int64
}

func (i fileInfo) Size() int64 { return i.size }
