package sharing_test

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/exchange"
	"github.com/goldseam/goldseam/internal/sharing"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/testkit/testvault"
	"github.com/goldseam/goldseam/internal/vault"
)

var ctx = context.Background()

func TestMain(m *testing.M) {
	vault.UseCheapKDFForTests()
	os.Exit(m.Run())
}

var (
	sam  = space.Person{Role: "partner-1", Name: "Sam"}
	alex = space.Person{Role: "partner-2", Name: "Alex"}
)

// copyIn opens a new vault in dir as one computer's copy.
func copyIn(t *testing.T, dir string) sharing.Copy {
	t.Helper()
	db, u := testvault.OpenIn(t, dir)
	return copyOf(t, db, u)
}

func copyOf(t *testing.T, db *store.DB, u *vault.Unlocked) sharing.Copy {
	t.Helper()
	id, err := u.Device(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(id.Wipe)
	return sharing.Copy{DB: db, Journal: u.Key(vault.Journal), Shared: u.Key(vault.Shared), Device: id}
}

// pair makes two computers' copies paired through one folder both reach, as a folder on one
// computer, or a synced folder that has caught up, is.
func pair(t *testing.T) (a, b sharing.Copy, folder string) {
	t.Helper()
	a, b, folder = copyIn(t, t.TempDir()), copyIn(t, t.TempDir()), t.TempDir()
	if err := sharing.PairedForTest(ctx, a, b, "Sam", "Alex", folder, uuid.NewString()); err != nil {
		t.Fatal(err)
	}
	return a, b, folder
}

func write(t *testing.T, c sharing.Copy, as space.Person, drafts ...space.Draft) []space.Change {
	t.Helper()
	made, err := space.NewLog(c.DB, c.Shared, space.Author{Signer: c.Device, Person: as}).Append(ctx, drafts...)
	if err != nil {
		t.Fatal(err)
	}
	return made
}

func sync(t *testing.T, c sharing.Copy) sharing.Report {
	t.Helper()
	r, err := sharing.Sync(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// ids is every change id c's log holds, sorted.
func ids(t *testing.T, c sharing.Copy) []string {
	t.Helper()
	all, err := space.NewLog(c.DB, c.Shared, space.Author{}).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(all))
	for _, ch := range all {
		out = append(out, ch.ID)
	}
	slices.Sort(out)
	return out
}

func TestAChangeMadeOnOneComputerArrivesOnTheOther(t *testing.T) {
	a, b, _ := pair(t)
	made := write(t, a, sam, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: "A walk by the river"})
	if r := sync(t, a); r.Published != 1 {
		t.Fatalf("a wrote out %d changes, want 1", r.Published)
	}
	r := sync(t, b)
	if r.FilesTaken != 1 || r.Added != 1 || r.Published != 0 {
		t.Fatalf("b's pass: %+v", r)
	}
	if !slices.Contains(ids(t, b), made[0].ID) {
		t.Fatal("the change did not arrive")
	}
	// Read again, nothing is taken twice; written again, nothing new goes out.
	if r := sync(t, b); r.FilesTaken != 0 || r.Added != 0 {
		t.Fatalf("a second pass took %+v", r)
	}
	if r := sync(t, a); r.Published != 0 || r.FilesTaken != 0 {
		t.Fatalf("a's second pass: %+v", r)
	}
}

// Both write the same field while their copies are apart; once each has read the other,
// both hold every change, and fold to the same space, the tie kept for the two of them.
func TestBothWritingApartConvergeWithNothingLost(t *testing.T) {
	a, b, _ := pair(t)
	rec := uuid.NewString()
	write(t, a, sam, space.Draft{Record: rec, Kind: "experience", Field: "title", Value: "Cook together"})
	write(t, b, alex, space.Draft{Record: rec, Kind: "experience", Field: "title", Value: "Cook a Thai curry"})
	for range 2 {
		sync(t, a)
		sync(t, b)
	}
	if got, want := ids(t, a), ids(t, b); !slices.Equal(got, want) || len(got) != 2 {
		t.Fatalf("a holds %v, b holds %v", got, want)
	}
	for _, c := range []sharing.Copy{a, b} {
		st, ok, err := space.NewLog(c.DB, c.Shared, space.Author{}).Record(ctx, rec)
		if err != nil || !ok {
			t.Fatal(ok, err)
		}
		if f := st.Fields["title"]; !f.Conflict || len(f.Current) != 2 {
			t.Fatalf("the title should be a tie of both values, is %+v", f)
		}
	}
}

// Removing the partner's files from the folder (a person tidying up, a sync engine deleting)
// takes nothing out of the copy that read them.
func TestDeletingThePartnersFilesChangesNothingHere(t *testing.T) {
	a, b, folder := pair(t)
	write(t, a, sam, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: "Dance"})
	sync(t, a)
	sync(t, b)
	before := ids(t, b)
	st, _ := sharing.LoadForTest(ctx, b)
	if err := os.RemoveAll(filepath.Join(folder, exchange.Dir, st.Space, a.Device.ID())); err != nil {
		t.Fatal(err)
	}
	sync(t, b)
	if after := ids(t, b); !slices.Equal(before, after) {
		t.Fatalf("before %v, after %v", before, after)
	}
}

// A pass cut short after it counted a file as written and before the file was in the folder
// places that very file at the next pass: the partner takes every change, with no gap, and
// nothing calls it a copy.
func TestAPassCutShortPlacesItsFileAtTheNext(t *testing.T) {
	a, b, _ := pair(t)
	write(t, a, sam, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: "One"})
	restore := sharing.StopBeforePlacing()
	if _, err := sharing.Sync(ctx, a); err == nil {
		t.Fatal("the pass should have been stopped")
	}
	restore()
	if r := sync(t, b); r.FilesTaken != 0 {
		t.Fatalf("a file reached b before it was placed: %+v", r)
	}
	write(t, a, sam, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: "Two"})
	if r := sync(t, a); len(r.Result.CopiedSelf) != 0 || r.Published != 1 {
		t.Fatalf("a's next pass: %+v", r)
	}
	r := sync(t, b)
	if r.Added != 2 || r.FilesTaken != 2 || len(r.Result.Forks) != 0 || len(r.Result.Refused) != 0 || r.Result.Missing[a.Device.ID()] != 0 {
		t.Fatalf("b's pass: %+v", r)
	}
}

// A copy of a data folder (restored on a second computer, say) signs with the same device key:
// its files are noticed by the original, never taken as its own.
func TestACopiedDataFolderIsNoticed(t *testing.T) {
	a, _, _ := pair(t)
	write(t, a, sam, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: "One"})
	sync(t, a)
	twin, _, _ := twinOf(t, a)
	write(t, twin, sam, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: "Written on the copy"})
	sync(t, twin)
	if r := sync(t, a); len(r.Result.CopiedSelf) == 0 {
		t.Fatalf("the copy's file went unnoticed: %+v", r.Result)
	}
}

// Leaving ends the space on both sides: the partner's copy learns it from the signed leave
// record, both keep what they have to read, and the key the partner holds opens nothing
// written afterwards.
func TestLeavingEndsTheSpaceForBothAndTheOldKeyOpensNothingNew(t *testing.T) {
	a, b, folder := pair(t)
	write(t, a, sam, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: "Kept after leaving"})
	sync(t, a)
	sync(t, b)
	if err := sharing.Leave(ctx, a, sam); err != nil {
		t.Fatal(err)
	}
	r := sync(t, b)
	if !r.PartnerLeft {
		t.Fatalf("b did not learn that Sam left: %+v", r)
	}
	for _, c := range []sharing.Copy{a, b} {
		place, ok, err := sharing.Here(ctx, c.DB.SQL(), c.Shared)
		if err != nil || !ok || place.Ended.IsZero() {
			t.Fatalf("the space has not ended here: %+v %v %v", place, ok, err)
		}
		if len(ids(t, c)) < 2 {
			t.Fatal("what was shared is no longer here to read")
		}
	}
	if err := sharing.Leave(ctx, b, alex); err == nil {
		t.Fatal("leaving an ended space twice should be refused")
	}
	// A file a writes now, with its new key, does not open with the key b holds.
	sa, _ := sharing.LoadForTest(ctx, a)
	sb, _ := sharing.LoadForTest(ctx, b)
	newKey := sa.Keys[len(sa.Keys)-1]
	if slices.ContainsFunc(sb.Keys, func(k exchange.Key) bool { return k.Bytes == newKey.Bytes }) {
		t.Fatal("b holds the key a moved to")
	}
	p, err := space.PortableOf(a.Shared, write(t, a, sam, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: "After"})[0])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exchange.Write(folder, sa.Space, newKey, a.Device, sa.Own.Seq+1, sa.Own.Prev, nil, []space.Portable{p}); err != nil {
		t.Fatal(err)
	}
	progress := sb.Progress
	res, err := exchange.Scan(folder, sb.Space, sb.Keys, map[string]ed25519.PublicKey{a.Device.ID(): a.Device.PublicKey(), b.Device.ID(): b.Device.PublicKey()}, b.Device.ID(), &progress)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 0 {
		t.Fatalf("b opened a file sealed with the new key: %+v", res)
	}
}

// Two passes at once on one copy (the folder watch and a button) never write two different
// files under one number, which the partner would take for a copied data folder.
func TestTwoPassesAtOnceNeverNumberTwoFilesAlike(t *testing.T) {
	a, b, _ := pair(t)
	for round := range 20 {
		write(t, a, sam, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: fmt.Sprint(round)})
		done := make(chan error, 2)
		for range 2 {
			go func() { _, err := sharing.Sync(ctx, a); done <- err }()
		}
		for range 2 {
			if err := <-done; err != nil && apperr.CodeOf(err) != apperr.Conflict {
				t.Fatal(err)
			}
		}
	}
	sync(t, a) // whatever an overtaken pass left
	r := sync(t, b)
	if len(r.Result.Forks) > 0 || len(r.Result.CopiedSelf) > 0 || r.Added != 20 {
		t.Fatalf("b's pass: %+v", r)
	}
	if r := sync(t, a); len(r.Result.CopiedSelf) > 0 {
		t.Fatalf("a took its own file for a copy's: %+v", r.Result)
	}
}

// The copy, told apart by the person, takes its own identity and stops sharing: the original
// goes on with the partner, and nothing either writes afterwards is taken for the other's.
func TestACopyTakesItsOwnIdentityAndStopsSharing(t *testing.T) {
	a, b, _ := pair(t)
	write(t, a, sam, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: "One"})
	sync(t, a)
	twin, db, u := twinOf(t, a)
	write(t, twin, sam, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: "Written on the copy"})
	sync(t, twin)
	if r := sync(t, a); len(r.Result.CopiedSelf) == 0 {
		t.Fatal("the copy went unnoticed")
	}
	err := sharing.SplitCopy(ctx, twin, func(tx *sql.Tx) error { return u.ReplaceDeviceTx(ctx, tx, store.Timestamp(db.Now())) })
	if err != nil {
		t.Fatal(err)
	}
	renewed := copyOf(t, db, u)
	if renewed.Device.ID() == a.Device.ID() {
		t.Fatal("the copy still signs as the original")
	}
	write(t, renewed, sam, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: "After the split"})
	if r := sync(t, renewed); r.Published != 0 || r.FilesTaken != 0 {
		t.Fatalf("the copy still shares: %+v", r)
	}
	write(t, a, sam, space.Draft{Record: uuid.NewString(), Kind: "experience", Field: "title", Value: "Two"})
	sync(t, a)
	if r := sync(t, b); r.Added == 0 {
		t.Fatalf("the original stopped sharing: %+v", r)
	}
	if st, err := sharing.Look(ctx, renewed); err != nil || st.Paired || st.Partner != nil {
		t.Fatalf("the copy: %+v %v", st, err)
	}
}

// twinOf opens a copy of c's data file in a folder of its own, as a data folder copied to a
// second computer would be: the same vault, the same device identity.
func twinOf(t *testing.T, c sharing.Copy) (sharing.Copy, *store.DB, *vault.Unlocked) {
	t.Helper()
	dir := t.TempDir()
	testvault.CopyDataFile(t, filepath.Dir(c.DB.Path()), dir)
	db := testvault.OpenStore(t, dir)
	u, err := vault.Unlock(ctx, db, []byte(testvault.Passphrase))
	if err != nil {
		t.Fatal(err)
	}
	return copyOf(t, db, u), db, u
}
