// Package people owns where the data of each person who uses Goldseam on one computer lives
// in the data folder: the first person's data file stays <datadir>/goldseam.db, as it always
// was; every other person has a folder <datadir>/people/<number>/ with a data file of their
// own (own passphrase, keys, recovery kit and device identity). It also keeps the one thing
// each person may choose to show before unlocking: the name shown on "Who is using
// Goldseam?", in the clear beside their data file (it must be read while everything is
// locked). It knows nothing of what is inside the data files.
package people

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goldseam/goldseam/internal/apperr"
)

// FirstID is the number of the first person's place: the data folder itself.
const FirstID = "1"

// folder holds every place after the first; shownNameFile is the clear name beside a data file.
const (
	folder        = "people"
	dataFileName  = "goldseam.db" // store.FileName; repeated so this package stays below store
	shownNameFile = "shown-name"
	maxNameLength = 40
)

// Place is where one person's data lives.
type Place struct {
	ID  string // "1" for the first person, then "2", "3"… (what --vault takes besides a name)
	Dir string // the folder of their data file
}

// DataFile is the place's data file.
func (p Place) DataFile() string { return filepath.Join(p.Dir, dataFileName) }

// ShownName is the name this person chose to show before unlocking, or "" (hidden).
func (p Place) ShownName() string {
	b, err := os.ReadFile(filepath.Join(p.Dir, shownNameFile))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// SetShownName shows name before unlocking, or hides it when name is empty.
func (p Place) SetShownName(name string) error {
	name = strings.TrimSpace(name)
	path := filepath.Join(p.Dir, shownNameFile)
	if name == "" {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("hide the shown name: %w", err)
		}
		return nil
	}
	if utf8.RuneCountInString(name) > maxNameLength || strings.ContainsAny(name, "\n\r\t") {
		return apperr.New(apperr.Invalid, "Please keep the name to one short line (40 letters at most).")
	}
	if err := os.WriteFile(path, []byte(name+"\n"), 0o600); err != nil {
		return fmt.Errorf("keep the shown name: %w", err)
	}
	return nil
}

// List returns every place in dataDir, the first person's first, then by number.
func List(dataDir string) ([]Place, error) {
	places := []Place{{ID: FirstID, Dir: dataDir}}
	entries, err := os.ReadDir(filepath.Join(dataDir, folder))
	if errors.Is(err, os.ErrNotExist) {
		return places, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list the people of this data folder: %w", err)
	}
	var numbers []int
	for _, e := range entries {
		if n, err := strconv.Atoi(e.Name()); err == nil && n > 1 && e.IsDir() && strconv.Itoa(n) == e.Name() {
			numbers = append(numbers, n)
		}
	}
	sort.Ints(numbers)
	for _, n := range numbers {
		id := strconv.Itoa(n)
		places = append(places, Place{ID: id, Dir: filepath.Join(dataDir, folder, id)})
	}
	return places, nil
}

// Of returns the place whose data file is dataFile.
func Of(dataDir, dataFile string) (Place, error) {
	places, err := List(dataDir)
	if err != nil {
		return Place{}, err
	}
	for _, p := range places {
		if filepath.Clean(p.DataFile()) == filepath.Clean(dataFile) {
			return p, nil
		}
	}
	return Place{}, errors.New("that data file is not one of this data folder's")
}

// ByID returns the place numbered id.
func ByID(dataDir, id string) (Place, error) {
	places, err := List(dataDir)
	if err != nil {
		return Place{}, err
	}
	for _, p := range places {
		if p.ID == id {
			return p, nil
		}
	}
	return Place{}, apperr.New(apperr.NotFound, "That person does not use Goldseam on this computer.")
}

// Find returns the place a person named on the command line: by its number, or by the name
// its person shows (ignoring case).
func Find(dataDir, nameOrID string) (Place, error) {
	places, err := List(dataDir)
	if err != nil {
		return Place{}, err
	}
	for _, p := range places {
		if p.ID == nameOrID || (p.ShownName() != "" && strings.EqualFold(p.ShownName(), strings.TrimSpace(nameOrID))) {
			return p, nil
		}
	}
	return Place{}, fmt.Errorf("no one called %q uses this data folder; run goldseam people to see who does", nameOrID)
}

// Add makes the place for someone new, or returns a place already made for someone who has
// not set up yet (setUp says whether a place holds a vault; package vault knows): one empty
// place at a time.
func Add(dataDir string, setUp func(Place) bool) (Place, error) {
	places, err := List(dataDir)
	if err != nil {
		return Place{}, err
	}
	for _, p := range places[1:] {
		if !setUp(p) {
			return p, nil
		}
	}
	next := 2
	if last := places[len(places)-1]; last.ID != FirstID {
		n, _ := strconv.Atoi(last.ID)
		next = n + 1
	}
	p := Place{ID: strconv.Itoa(next), Dir: filepath.Join(dataDir, folder, strconv.Itoa(next))}
	if err := os.MkdirAll(p.Dir, 0o700); err != nil {
		return Place{}, fmt.Errorf("make a place for someone new: %w", err)
	}
	return p, nil
}

// TagOf tells one person's automatic backups apart from the others' in a folder they share:
// "" for the first person (whose backups keep the names they always had), else their number,
// read from the data file's path alone (<datadir>/people/<number>/goldseam.db).
func TagOf(dataFile string) string {
	dir := filepath.Dir(filepath.Clean(dataFile))
	if filepath.Base(filepath.Dir(dir)) != folder {
		return ""
	}
	if n, err := strconv.Atoi(filepath.Base(dir)); err == nil && n > 1 {
		return filepath.Base(dir)
	}
	return ""
}
