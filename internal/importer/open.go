package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Limits are what an export may hold before Goldseam refuses it. They are kept in one place
// so every importer is held to the same bounds, whatever it reads.
type Limits struct {
	File  int64 // bytes of one file, once uncompressed
	Total int64 // bytes read from one export, all files together
	Files int   // files in one export
	Ratio int64 // how many times larger than its compressed size a file in a zip may grow
	Depth int   // folders inside folders
}

// DefaultLimits are far above any real journal export and far below what would exhaust a
// computer. Photos in a Day One export count toward Files but are never read, so their
// size does not count toward Total.
var DefaultLimits = Limits{File: MaxInput, Total: 1 << 30, Files: 100_000, Ratio: 200, Depth: 16}

// ratioFloor is the size under which a file's compression ratio is not checked: small files
// of repeated text legitimately shrink a great deal, and are harmless at that size.
const ratioFloor = 1 << 20

// Open opens an export for reading: one file, a zip (known by its first bytes, whatever its
// name) or a folder. Nothing is written and nothing outside the export is read: names that
// climb out of a zip are refused, and links inside a folder are not followed. macOS's
// "__MACOSX/" folders and "._" files, which hold no journal, are left out.
func Open(p string) (Files, error) { return OpenWithin(p, DefaultLimits) }

// OpenWithin is Open with other limits (tests use small ones).
func OpenWithin(p string, lim Limits) (Files, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("importer: open %s: %w", filepath.Base(p), err)
	}
	if info.IsDir() {
		return openFolder(p, lim)
	}
	if isZip(p) {
		return openZip(p, info.Size(), lim)
	}
	if info.Size() > lim.File {
		return nil, tooLarge(filepath.Base(p), lim.File)
	}
	return &folderFiles{root: filepath.Dir(p), names: []string{filepath.Base(p)}, budget: budget{lim: lim}}, nil
}

func isZip(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4)
	if _, err := io.ReadFull(f, head); err != nil {
		return false
	}
	return bytes.Equal(head, []byte("PK\x03\x04")) || bytes.Equal(head, []byte("PK\x05\x06"))
}

func tooLarge(name string, limit int64) error {
	return formatErr(0, "%s is larger than %s, far more than a journal export holds. Nothing has been imported.", name, sizeText(limit))
}

// ignored reports whether a file is one macOS adds to folders and zips, holding no journal.
func ignored(name string) bool {
	return strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(path.Base(name), "._") || path.Base(name) == ".DS_Store"
}

// checkName refuses a name that could point outside the export or means different things on
// different systems, and one nested deeper than the limit.
func checkName(name string, lim Limits) error {
	switch {
	case name == "" || strings.ContainsAny(name, "\\\x00"),
		strings.HasPrefix(name, "/"),
		len(name) >= 2 && name[1] == ':': // a drive letter: C:...
		return formatErr(0, "This zip holds a file named %q, which is not a name a journal export uses. Nothing has been imported.", name)
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return formatErr(0, "This zip holds a file named %q, which points outside the zip. Nothing has been imported.", name)
		}
	}
	if strings.Count(strings.TrimSuffix(name, "/"), "/") > lim.Depth {
		return formatErr(0, "This export has folders inside folders more than %d deep, which no journal export does. Nothing has been imported.", lim.Depth)
	}
	return nil
}

// budget counts what has been read from one export against the total limit.
type budget struct {
	lim  Limits
	read int64
}

func (b *budget) take(n int64) error {
	b.read += n
	if b.read > b.lim.Total {
		return formatErr(0, "This export holds more than %s of text, far more than a journal export holds. Nothing has been imported.", sizeText(b.lim.Total))
	}
	return nil
}

// zipFiles reads a zip's files one at a time, when asked, measuring each as it is
// uncompressed: the sizes the zip claims for itself are never trusted.
type zipFiles struct {
	path   string
	names  []string
	byName map[string]int // its place in the zip's directory
	budget
}

func openZip(p string, size int64, lim Limits) (Files, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("importer: open %s: %w", filepath.Base(p), err)
	}
	// The zip is read whole here (its directory, not its contents), then closed; each Read
	// opens it again, so an importer holds no file open between reads.
	defer f.Close()
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return nil, formatErr(0, "This zip file is damaged or cut short, so Goldseam cannot open it. Please export it again. Nothing has been imported.")
	}
	if len(zr.File) > lim.Files {
		return nil, formatErr(0, "This zip holds more than %d files, far more than a journal export holds. Nothing has been imported.", lim.Files)
	}
	z := &zipFiles{path: p, byName: map[string]int{}, budget: budget{lim: lim}}
	for i, zf := range zr.File {
		if err := checkName(zf.Name, lim); err != nil {
			return nil, err
		}
		if strings.HasSuffix(zf.Name, "/") || ignored(zf.Name) || !zf.Mode().IsRegular() {
			continue
		}
		if _, dup := z.byName[zf.Name]; dup {
			return nil, formatErr(0, "This zip holds two files named %q, so Goldseam cannot tell which to read. Nothing has been imported.", zf.Name)
		}
		z.byName[zf.Name] = i
		z.names = append(z.names, zf.Name)
	}
	sort.Strings(z.names)
	return z, nil
}

func (z *zipFiles) Names() []string { return z.names }

func (z *zipFiles) Read(name string) ([]byte, error) {
	at, ok := z.byName[name]
	if !ok {
		return nil, formatErr(0, "The export has no file named %s.", name)
	}
	f, err := os.Open(z.path)
	if err != nil {
		return nil, fmt.Errorf("importer: open the zip again: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("importer: open the zip again: %w", err)
	}
	zr, err := zip.NewReader(f, info.Size())
	if err != nil {
		return nil, formatErr(0, "This zip file changed or was damaged while it was being read. Nothing has been imported.")
	}
	if at < len(zr.File) && zr.File[at].Name == name {
		return z.readEntry(zr.File[at])
	}
	return nil, formatErr(0, "This zip file changed while it was being read. Nothing has been imported.")
}

func (z *zipFiles) readEntry(zf *zip.File) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, formatErr(0, "%s inside this zip is damaged or stored in a way Goldseam cannot read. Nothing has been imported.", zf.Name)
	}
	defer rc.Close()
	// Never more than the file limit, nor more than Ratio times what it was compressed to.
	limit := min(z.lim.File, max(ratioFloor, int64(min(zf.CompressedSize64, 1<<40))*z.lim.Ratio))
	// The size the zip claims only sizes the first buffer, never what is read.
	var buf bytes.Buffer
	buf.Grow(int(min(zf.UncompressedSize64, uint64(limit)+1, 64<<20)))
	_, err = buf.ReadFrom(io.LimitReader(rc, limit+1))
	data := buf.Bytes()
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, formatErr(0, "%s inside this zip is damaged, so Goldseam cannot read it. Please export it again. Nothing has been imported.", zf.Name)
	}
	if int64(len(data)) > limit {
		if limit < z.lim.File {
			return nil, formatErr(0, "%s inside this zip grows far larger than it was packed, as no journal does; it may be made to exhaust the computer. Nothing has been imported.", zf.Name)
		}
		return nil, tooLarge(zf.Name, z.lim.File)
	}
	if err := z.take(int64(len(data))); err != nil {
		return nil, err
	}
	return data, nil
}

// folderFiles reads files below root, by slash-separated names, only when asked. A lone file
// chosen by the person is a folderFiles of one.
type folderFiles struct {
	root  string
	names []string
	budget
}

func openFolder(root string, lim Limits) (Files, error) {
	ff := &folderFiles{root: root, budget: budget{lim: lim}}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		name := filepath.ToSlash(rel)
		if p == root {
			return nil
		}
		if d.IsDir() {
			if strings.Count(name, "/")+1 > lim.Depth {
				return formatErr(0, "This folder has folders inside folders more than %d deep, which no journal export does. Nothing has been imported.", lim.Depth)
			}
			if ignored(name + "/") {
				return fs.SkipDir
			}
			return nil
		}
		// Links are not followed: a link could lead anywhere on the computer.
		if !d.Type().IsRegular() || ignored(name) {
			return nil
		}
		if len(ff.names) >= lim.Files {
			return formatErr(0, "This folder holds more than %d files, far more than a journal export holds. Nothing has been imported.", lim.Files)
		}
		ff.names = append(ff.names, name)
		return nil
	})
	var fe *FormatError
	if errors.As(err, &fe) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("importer: read the folder: %w", err)
	}
	sort.Strings(ff.names)
	return ff, nil
}

func (ff *folderFiles) Names() []string { return ff.names }

func (ff *folderFiles) Read(name string) ([]byte, error) {
	i := sort.SearchStrings(ff.names, name)
	if i == len(ff.names) || ff.names[i] != name {
		return nil, formatErr(0, "The export has no file named %s.", name)
	}
	p := filepath.Join(ff.root, filepath.FromSlash(name))
	// Lstat again: the file may have been swapped for a link since the folder was listed.
	if info, err := os.Lstat(p); err != nil || !info.Mode().IsRegular() {
		return nil, formatErr(0, "%s changed while it was being read. Nothing has been imported.", name)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("importer: open %s: %w", name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, ff.lim.File+1))
	if err != nil {
		return nil, fmt.Errorf("importer: read %s: %w", name, err)
	}
	if int64(len(data)) > ff.lim.File {
		return nil, tooLarge(name, ff.lim.File)
	}
	if err := ff.take(int64(len(data))); err != nil {
		return nil, err
	}
	return data, nil
}
