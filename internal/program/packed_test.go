package program

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/goldseam/goldseam/internal/packedfs"
)

// TestThePackedProgramReadsAsThePlainOne: the app embeds the Markdown gzip'd (make build,
// goldseam_packed); packed by the same Pack and read through the same Unpacked, it loads as
// exactly the program the plain files give, and every packed file is smaller.
func TestThePackedProgramReadsAsThePlainOne(t *testing.T) {
	packed := t.TempDir()
	if err := packedfs.Pack("content", packed); err != nil {
		t.Fatal(err)
	}
	fromPacked, err := LoadFS(packedfs.Unpacked(os.DirFS(packed)), "en")
	if err != nil {
		t.Fatalf("packed program: %v", err)
	}
	plain, err := Load("en")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fromPacked, plain) {
		t.Fatal("the packed program differs from the plain one")
	}
	var plainSize, packedSize int64
	err = filepath.WalkDir("content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("content", path)
		a, errA := os.Stat(path)
		b, errB := os.Stat(filepath.Join(packed, rel))
		if errA != nil || errB != nil {
			t.Fatalf("%s: %v %v", rel, errA, errB)
		}
		plainSize, packedSize = plainSize+a.Size(), packedSize+b.Size()
		return nil
	})
	if err != nil || plainSize == 0 || packedSize*2 > plainSize {
		t.Fatalf("packed %d bytes of %d (%v): not even halved", packedSize, plainSize, err)
	}
}
