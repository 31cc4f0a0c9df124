package packedfs

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"path/filepath"
)

// keep is the one file Pack leaves as it is in both folders: an empty placeholder that lets
// Go embed a folder the build has not filled yet on a fresh clone.
const keep = ".gitkeep"

// Pack writes every regular file under from into to, gzip'd at the best compression, with
// the same relative path, after removing whatever an earlier Pack left there (but keep).
// Unpacked reads them back as they were.
func Pack(from, to string) error {
	if err := clearExceptKeep(to); err != nil {
		return err
	}
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || d.Name() == keep {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		plain, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var packed bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&packed, gzip.BestCompression) // the level is valid
		if _, err := zw.Write(plain); err != nil {
			return err
		}
		if err := zw.Close(); err != nil {
			return err
		}
		out := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, packed.Bytes(), 0o644)
	})
}

func clearExceptKeep(dir string) error {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() != keep {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}
