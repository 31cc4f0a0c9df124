package e2eserver

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"

	"github.com/goldseam/goldseam/internal/apperr"
	"github.com/goldseam/goldseam/internal/device"
	"github.com/goldseam/goldseam/internal/reveal"
	"github.com/goldseam/goldseam/internal/session"
	"github.com/goldseam/goldseam/internal/space"
	"github.com/goldseam/goldseam/internal/store"
	"github.com/goldseam/goldseam/internal/vault"
)

// Partner is the other partner's computer, for browser tests of two people writing at once:
// a second data file holding a copy of the app's shared changes, written by a device
// identity of its own on behalf of the couple's second name (settings.Partner(1)), whose
// changes are merged into the app's file as a copy brought back from that computer would
// be. It needs the app's shared key, so it works only while the app is unlocked.
type Partner struct {
	app     *store.DB
	session *session.Session

	mu  sync.Mutex
	dir string           // the partner's data folder; "" until the first fork
	db  *store.DB        // the partner's copy; nil until the first fork
	id  *device.Identity // the partner's computer: one identity for the server's life
}

// NewPartner returns the partner of the app whose data file is app and whose keys s holds.
func NewPartner(app *store.DB, s *session.Session) *Partner {
	return &Partner{app: app, session: s}
}

// PartnerChange is one change the partner makes, as the browser test sends it.
type PartnerChange struct {
	Record string `json:"record"`
	Kind   string `json:"kind"`
	Parent string `json:"parent"`
	Field  string `json:"field"`
	Value  any    `json:"value"`
	// Sealed writes Value as the partner's own answer to the question Parent of Kind, sealed
	// as a paired computer seals it (reveal.Draft; Record and Field are then derived), so a
	// browser test can answer privately as the other partner.
	Sealed bool `json:"sealed"`
}

// PartnerWritten is one change the partner made, as the browser test gets it back.
type PartnerWritten struct {
	ID     string `json:"id"`
	Record string `json:"record"`
	Field  string `json:"field"`
}

// Fork gives the partner's computer a fresh copy of every shared change the app holds now.
// What the partner wrote before is in the app's file already (Write merges it), so nothing
// is lost by starting the copy again.
func (p *Partner) Fork() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.session.WithKeys(func(u *vault.Unlocked) error {
		return p.fork(context.Background(), u.Key(vault.Shared))
	})
}

// Write makes changes on the partner's copy (forking first if it has none), then merges
// that copy into the app's file.
func (p *Partner) Write(changes []PartnerChange) ([]PartnerWritten, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := []PartnerWritten{}
	err := p.session.WithKeys(func(u *vault.Unlocked) error {
		ctx, key := context.Background(), u.Key(vault.Shared)
		if p.db == nil {
			if err := p.fork(ctx, key); err != nil {
				return err
			}
		}
		names, err := space.New(p.app).Settings(ctx, key)
		if err != nil {
			return err
		}
		drafts := make([]space.Draft, len(changes))
		for i, c := range changes {
			drafts[i] = space.Draft{Record: c.Record, Kind: c.Kind, Parent: c.Parent, Field: c.Field, Value: c.Value}
			if c.Sealed {
				if drafts[i], err = reveal.Draft(p.id, c.Kind, c.Parent, names.Partner(1), c.Value); err != nil {
					return err
				}
			}
		}
		theirs := space.NewLog(p.db, key, space.Author{Signer: p.id, Person: names.Partner(1)})
		made, err := theirs.Append(ctx, drafts...)
		if err != nil {
			return err
		}
		for _, c := range made {
			out = append(out, PartnerWritten{ID: c.ID, Record: c.Record, Field: c.Field})
		}
		// Like a paired computer, the partner's releases the keys its sealed answers owe once
		// its copy holds this side's answer to the same question (internal/reveal).
		if _, err := reveal.Pass(ctx, theirs); err != nil {
			return err
		}
		return mergeAll(ctx, theirs, space.NewLog(p.app, key, space.Author{}))
	})
	return out, err
}

// fork replaces the partner's copy with a new data file holding every change of the app's.
func (p *Partner) fork(ctx context.Context, key *vault.ContentKey) error {
	if p.id == nil {
		id, err := device.New()
		if err != nil {
			return err
		}
		p.id = id
	}
	if err := p.closeCopy(); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "goldseam-e2e-partner-")
	if err != nil {
		return err
	}
	db, err := store.Open(ctx, filepath.Join(dir, store.FileName))
	if err != nil {
		os.RemoveAll(dir)
		return err
	}
	p.dir, p.db = dir, db
	return mergeAll(ctx, space.NewLog(p.app, key, space.Author{}), space.NewLog(db, key, space.Author{}))
}

// mergeAll merges every change of from into to; a refused change is an error, as a test
// that meant to bring a change across must know it did not.
func mergeAll(ctx context.Context, from, to *space.Log) error {
	all, err := from.All(ctx)
	if err != nil {
		return err
	}
	n, err := to.Merge(ctx, all)
	if err == nil && n.Refused > 0 {
		err = fmt.Errorf("%d changes were refused", n.Refused)
	}
	return err
}

func (p *Partner) closeCopy() error {
	if p.db == nil {
		return nil
	}
	err := p.db.Close()
	os.RemoveAll(p.dir)
	p.dir, p.db = "", nil
	return err
}

// Close removes the partner's copy and wipes its identity; the server calls it on the way out.
func (p *Partner) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.id != nil {
		p.id.Wipe()
		p.id = nil
	}
	return p.closeCopy()
}

// handle adds the partner's endpoints to mux: POST /e2e/partner/fork, and POST /e2e/partner
// with {"changes": [...]}, which answers {"changes": [{"id", "record", "field"}]}.
func (p *Partner) handle(mux *http.ServeMux) {
	mux.HandleFunc("POST /e2e/partner/fork", func(w http.ResponseWriter, r *http.Request) {
		if err := p.Fork(); err != nil {
			partnerFailed(w, err)
			return
		}
		writeJSON(w, struct{}{})
	})
	mux.HandleFunc("POST /e2e/partner", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Changes []PartnerChange `json:"changes"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, "bad partner changes: "+err.Error(), http.StatusBadRequest)
			return
		}
		made, err := p.Write(req.Changes)
		if err != nil {
			partnerFailed(w, err)
			return
		}
		writeJSON(w, map[string][]PartnerWritten{"changes": made})
	})
}

// partnerFailed answers 409 while the app is locked (the test forgot to unlock first) and
// 500 otherwise, with the error for the test's failure message.
func partnerFailed(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	if apperr.CodeOf(err) == apperr.Locked {
		status = http.StatusConflict
	}
	http.Error(w, err.Error(), status)
}
