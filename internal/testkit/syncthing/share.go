package syncthing

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Folder settings Share gives every shared folder. The watcher delay is the 1 s the design
// measured propagation with (Syncthing's default is 10 s); the rescan interval is a short
// backstop for a change the watcher missed; conflict copies keep Syncthing's default (10),
// so a test can see the `.sync-conflict-` copy an edit made on both sides produces.
const (
	WatcherDelayS  = 1
	RescanInterval = 10 * time.Second
)

// Share makes one folder per instance, in a new temporary folder, and shares it between all
// instances under folderID. It returns once every instance has the folder, is connected to
// every other and has scanned it. The map gives each instance's folder by instance name.
func (c *Cluster) Share(folderID string) map[string]string {
	c.t.Helper()
	c.mu.Lock()
	if _, ok := c.folders[folderID]; ok {
		c.mu.Unlock()
		c.t.Fatalf("syncthing: folder %q is already shared", folderID)
	}
	root := c.t.TempDir()
	dirs := map[string]string{}
	for _, in := range c.instances() {
		dirs[in.Name] = filepath.Join(root, in.Name)
		if err := os.Mkdir(dirs[in.Name], 0o700); err != nil {
			c.mu.Unlock()
			c.t.Fatal(err)
		}
	}
	c.folders[folderID] = dirs
	c.mu.Unlock()

	ctx := context.Background()
	for _, in := range c.instances() {
		var devices []map[string]string
		for _, p := range c.peers(in.Name) {
			devices = append(devices, map[string]string{"deviceID": p.ID})
		}
		folder := map[string]any{
			"id": folderID, "label": folderID, "path": dirs[in.Name], "type": "sendreceive",
			"fsWatcherEnabled": true, "fsWatcherDelayS": WatcherDelayS,
			"rescanIntervalS": int(RescanInterval / time.Second), "devices": devices,
		}
		// Posted without the other fields, so Syncthing's defaults apply to them.
		if err := in.api.do(ctx, "POST", "/rest/config/folders", nil, folder, nil); err != nil {
			c.t.Fatalf("syncthing %s: sharing folder %q: %v", in.Name, folderID, err)
		}
		var got struct {
			FSWatcherDelayS float64 `json:"fsWatcherDelayS"`
			MaxConflicts    int     `json:"maxConflicts"`
		}
		if err := in.api.do(ctx, "GET", "/rest/config/folders/"+url.PathEscape(folderID), nil, nil, &got); err != nil {
			c.t.Fatalf("syncthing %s: reading folder %q back: %v", in.Name, folderID, err)
		}
		if got.FSWatcherDelayS != WatcherDelayS || got.MaxConflicts == 0 {
			c.t.Fatalf("syncthing %s: folder %q has watcher delay %v s and %d conflict copies; the harness set 1 s and keeps the default (not 0)",
				in.Name, folderID, got.FSWatcherDelayS, got.MaxConflicts)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := c.waitConnections(ctx, c.allPairs(), true); err != nil {
		c.t.Fatalf("syncthing: sharing folder %q: %v", folderID, err)
	}
	for _, in := range c.instances() {
		c.Scan(in.Name, folderID)
	}
	return dirs
}

// Dirs returns each instance's path of a folder Share made.
func (c *Cluster) Dirs(folderID string) map[string]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]string{}
	for k, v := range c.folders[folderID] {
		out[k] = v
	}
	return out
}

type pair struct{ from, to *Instance }

func (c *Cluster) allPairs() []pair {
	var out []pair
	for _, a := range c.instances() {
		for _, b := range c.peers(a.Name) {
			out = append(out, pair{a, b})
		}
	}
	return out
}

// pairsOf lists name's connections, seen from both ends.
func (c *Cluster) pairsOf(name string) []pair {
	in := c.Instance(name)
	var out []pair
	for _, p := range c.peers(name) {
		out = append(out, pair{in, p}, pair{p, in})
	}
	return out
}

// Pause cuts the connections between instance name and every other instance, by pausing
// the devices on both ends (POST /rest/system/pause?device=), and returns once they are
// down. Files written meanwhile wait on the side that wrote them.
func (c *Cluster) Pause(name string) {
	c.t.Helper()
	c.setPaused(name, true)
}

// Resume undoes Pause and returns once the connections are up again.
func (c *Cluster) Resume(name string) {
	c.t.Helper()
	c.setPaused(name, false)
}

func (c *Cluster) setPaused(name string, paused bool) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	call := "/rest/system/resume"
	if paused {
		call = "/rest/system/pause"
	}
	pairs := c.pairsOf(name)
	for _, p := range pairs {
		if err := p.from.api.do(ctx, "POST", call, url.Values{"device": {p.to.ID}}, nil, nil); err != nil {
			c.t.Fatalf("syncthing %s: %s of device %s: %v", p.from.Name, call, p.to.Name, err)
		}
	}
	if err := c.waitConnections(ctx, pairs, !paused); err != nil {
		c.t.Fatalf("syncthing: %s %s: %v", call, name, err)
	}
}

// waitConnections waits until every pair is connected (or, with !up, disconnected).
func (c *Cluster) waitConnections(ctx context.Context, pairs []pair, up bool) error {
	var pending []string
	for {
		pending = pending[:0]
		for _, p := range pairs {
			var conns struct {
				Connections map[string]struct {
					Connected bool `json:"connected"`
				} `json:"connections"`
			}
			if err := p.from.api.do(ctx, "GET", "/rest/system/connections", nil, nil, &conns); err != nil {
				if ctx.Err() != nil {
					break
				}
				return fmt.Errorf("syncthing %s: %w", p.from.Name, err)
			}
			if conns.Connections[p.to.ID].Connected != up {
				pending = append(pending, p.from.Name+"→"+p.to.Name)
			}
		}
		if len(pending) == 0 && ctx.Err() == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			state := "connected"
			if !up {
				state = "disconnected"
			}
			return fmt.Errorf("these connections were not %s in time: %s", state, strings.Join(pending, ", "))
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Scan makes instance name scan folder now and returns when the scan is done, so a change
// written there is in its index without waiting for the watcher's delay.
func (c *Cluster) Scan(name, folderID string) {
	c.t.Helper()
	in := c.Instance(name)
	if err := in.api.do(context.Background(), "POST", "/rest/db/scan", url.Values{"folder": {folderID}}, nil, nil); err != nil {
		c.t.Fatalf("syncthing %s: scanning folder %q: %v", name, folderID, err)
	}
}

// WaitSynced scans folder on every instance, then waits until all of them agree: every
// pair connected, each instance idle with nothing left to pull and no pull error, each
// sees every peer 100% complete, and the files on disk are the same everywhere (names,
// sizes and contents; Syncthing's own .stfolder marker and temporary files aside). The
// state must hold on two looks in a row. The error names what was still missing.
func (c *Cluster) WaitSynced(ctx context.Context, folderID string) error {
	dirs := c.Dirs(folderID)
	if len(dirs) == 0 {
		return fmt.Errorf("syncthing: folder %q was not shared with Share", folderID)
	}
	for _, in := range c.instances() {
		if err := in.api.do(ctx, "POST", "/rest/db/scan", url.Values{"folder": {folderID}}, nil, nil); err != nil {
			return fmt.Errorf("syncthing %s: scanning folder %q: %w", in.Name, folderID, err)
		}
	}
	good := 0
	var why string
	for {
		var err error
		why, err = c.unsynced(ctx, folderID, dirs)
		if err != nil && ctx.Err() == nil {
			return err
		}
		if why == "" && err == nil {
			if good++; good == 2 {
				return nil
			}
		} else {
			good = 0
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("syncthing: folder %q was not in sync in time: %s", folderID, why)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// unsynced says why folder is not in sync yet, or "" when it is.
func (c *Cluster) unsynced(ctx context.Context, folderID string, dirs map[string]string) (string, error) {
	q := url.Values{"folder": {folderID}}
	var reasons []string
	for _, in := range c.instances() {
		var st struct {
			State          string `json:"state"`
			NeedTotalItems int    `json:"needTotalItems"`
			PullErrors     int    `json:"pullErrors"`
			Error          string `json:"error"`
		}
		if err := in.api.do(ctx, "GET", "/rest/db/status", q, nil, &st); err != nil {
			return "", fmt.Errorf("syncthing %s: %w", in.Name, err)
		}
		if st.State != "idle" || st.NeedTotalItems != 0 || st.PullErrors != 0 {
			reasons = append(reasons, fmt.Sprintf("%s is %s, needs %d items, %d pull errors %s",
				in.Name, st.State, st.NeedTotalItems, st.PullErrors, st.Error))
		}
		var conns struct {
			Connections map[string]struct {
				Connected bool `json:"connected"`
			} `json:"connections"`
		}
		if err := in.api.do(ctx, "GET", "/rest/system/connections", nil, nil, &conns); err != nil {
			return "", fmt.Errorf("syncthing %s: %w", in.Name, err)
		}
		for _, p := range c.peers(in.Name) {
			if !conns.Connections[p.ID].Connected {
				reasons = append(reasons, fmt.Sprintf("%s is not connected to %s", in.Name, p.Name))
				continue
			}
			var comp struct {
				Completion float64 `json:"completion"`
				NeedItems  int     `json:"needItems"`
				NeedDelete int     `json:"needDeletes"`
			}
			cq := url.Values{"folder": {folderID}, "device": {p.ID}}
			if err := in.api.do(ctx, "GET", "/rest/db/completion", cq, nil, &comp); err != nil {
				return "", fmt.Errorf("syncthing %s: %w", in.Name, err)
			}
			if comp.Completion < 100 || comp.NeedItems != 0 || comp.NeedDelete != 0 {
				reasons = append(reasons, fmt.Sprintf("%s sees %s %.0f%% complete", in.Name, p.Name, comp.Completion))
			}
		}
	}
	var first, firstName string
	for _, in := range c.instances() {
		sum, err := treeSum(dirs[in.Name])
		if err != nil {
			return "", err
		}
		if firstName == "" {
			first, firstName = sum, in.Name
		} else if sum != first {
			reasons = append(reasons, fmt.Sprintf("the files in %s's folder differ from %s's", in.Name, firstName))
		}
	}
	return strings.Join(reasons, "; "), nil
}

// treeSum hashes the names, kinds, sizes and contents of the files under dir, leaving out
// what belongs to Syncthing itself (.stfolder, .stversions, .syncthing.*.tmp).
func treeSum(dir string) (string, error) {
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // renamed or removed by the puller meanwhile; the next look sees it
			}
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if rel == ".stfolder" || rel == ".stversions" || strings.HasPrefix(d.Name(), ".syncthing.") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		fmt.Fprintf(h, "%q %v\n", filepath.ToSlash(rel), d.Type())
		if d.Type().IsRegular() {
			f, err := os.Open(path)
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			if err != nil {
				return err
			}
			defer f.Close()
			n, err := io.Copy(h, f)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "\n%d\n", n)
		}
		return nil
	})
	return fmt.Sprintf("%x", h.Sum(nil)), err
}

// WaitFile waits until path exists. Syncthing writes a file it pulls under a temporary
// name and renames it, so a file that exists is complete.
func (c *Cluster) WaitFile(path string, timeout time.Duration) error {
	end := time.Now().Add(timeout)
	for {
		_, err := os.Stat(path)
		if err == nil {
			return nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if time.Now().After(end) {
			return fmt.Errorf("syncthing: %s did not arrive within %v", path, timeout)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// ConflictCopies lists, relative to dir and sorted, the files under dir whose name marks
// them as Syncthing's conflict copies (`name.sync-conflict-DATE-TIME-DEVICE.ext`).
func ConflictCopies(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.Contains(d.Name(), ".sync-conflict-") {
			rel, _ := filepath.Rel(dir, path)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}
