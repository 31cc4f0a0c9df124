// Package syncthing owns running real Syncthing (Debian 12's 1.19) in Goldseam's sharing
// tests: two or more instances on one machine that reach each other on 127.0.0.1 only,
// folders shared between them through Syncthing's REST API, and the waits a test needs
// (connected, synced, a file arrived). It is used by tests only.
//
//	c := syncthing.Start(t, "a", "b")
//	dirs := c.Share("goldseam-xchg") // dirs["a"], dirs["b"]: the same folder on each side
//	os.WriteFile(filepath.Join(dirs["a"], "x"), data, 0o600)
//	c.WaitFile(filepath.Join(dirs["b"], "x"), 10*time.Second)
//
// Each instance is made with `syncthing generate`, its config.xml is edited before the first
// start so it never looks beyond the machine (no global or local discovery, relays, NAT,
// usage or crash reports, upgrades; it listens on tcp://127.0.0.1 with a port the kernel
// picks), and it is stopped when the test ends (REST shutdown, then SIGTERM, then SIGKILL).
//
// Two choices keep the instances out of the test's own sockets and process tree, so that a
// sharing test can prove Goldseam's process tree opens no network socket while Syncthing
// carries its files (issue 18, sync_sockets_opened):
//   - each instance is started through a shell that exits at once, so Syncthing is not a
//     descendant of the test process (a small watcher shell it leaves stops the instance if
//     the test process dies without cleaning up);
//   - the REST API listens on a Unix socket, not on TCP, so the test talks to it without an
//     internet socket.
package syncthing

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/goldseam/goldseam/internal/testkit/sockets"
)

// Cluster is a set of running Syncthing instances that know each other as devices.
type Cluster struct {
	t       testing.TB
	apiKey  string
	names   []string
	byName  map[string]*Instance
	watcher *os.File // the write end of the pipe the watcher shells wait on
	mu      sync.Mutex
	folders map[string]map[string]string // folder id -> instance name -> path
}

// Instance is one running Syncthing.
type Instance struct {
	Name     string
	ID       string // the device ID, as Syncthing writes it (XXXXXXX-XXXXXXX-...)
	Home     string // config, keys and database
	SyncAddr string // tcp://127.0.0.1:PORT, where other instances reach it
	LogPath  string // its stdout and stderr

	guiSocket string
	pid       int // the monitor process `syncthing serve` starts as; its child does the work
	api       *rest
}

// Binary returns the path of the syncthing program. When it is missing, skip says why in a
// sentence for t.Skip, unless the test runs on CI (the CI variable is set), where a missing
// engine is an error: CI installs it (scripts/deps.sh), so its absence is a broken machine,
// not a reason to pass silently.
func Binary() (path, skip string, err error) {
	path, lookErr := exec.LookPath("syncthing")
	if lookErr == nil {
		return path, "", nil
	}
	if ci := os.Getenv("CI"); ci != "" && ci != "false" && ci != "0" {
		return "", "", errors.New("the syncthing program is not installed, and this is CI (CI is set), where scripts/deps.sh installs it: run `make deps`")
	}
	return "", "syncthing is not installed, so the tests with the real sync engine are skipped (Debian: apt-get install syncthing, or `make deps`)", nil
}

// Start runs one Syncthing instance per name (a and b when no name is given), each knowing
// all the others as devices, and stops them all when the test ends. It skips the test when
// syncthing is not installed, except on CI.
func Start(t testing.TB, names ...string) *Cluster {
	t.Helper()
	bin, skip, err := Binary()
	if err != nil {
		t.Fatal(err)
	}
	if skip != "" {
		t.Skip(skip)
	}
	if len(names) == 0 {
		names = []string{"a", "b"}
	}
	seen := map[string]bool{}
	for _, n := range names {
		if n == "" || seen[n] || strings.ContainsAny(n, `/\ `) {
			t.Fatalf("syncthing.Start: instance names must be distinct, non-empty words; got %q", names)
		}
		seen[n] = true
	}

	root := t.TempDir() // registered before the stop below, so it is removed after the instances stop
	// A Unix socket's path is limited to 107 bytes and t.TempDir's can be longer, so the
	// REST sockets live in a short folder of their own.
	sockDir, err := os.MkdirTemp("", "gs-st-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(sockDir) })
	for _, n := range names {
		if p := filepath.Join(sockDir, n+".sock"); len(p) > 100 {
			t.Fatalf("syncthing.Start: the REST socket path %s is too long for a Unix socket; use a shorter TMPDIR or instance name", p)
		}
	}

	key := make([]byte, 16)
	rand.Read(key)
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &Cluster{t: t, apiKey: hex.EncodeToString(key), names: names, byName: map[string]*Instance{},
		watcher: pw, folders: map[string]map[string]string{}}
	t.Cleanup(c.stop)

	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		in := &Instance{Name: n, Home: filepath.Join(root, n, "home"), LogPath: filepath.Join(root, n, "syncthing.log"),
			guiSocket: filepath.Join(sockDir, n+".sock")}
		in.api = newREST(in.guiSocket, c.apiKey)
		c.byName[n] = in
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = c.startInstance(bin, in, pr)
		}()
	}
	wg.Wait()
	pr.Close() // the watcher shells hold it now
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}

	// Every instance knows every other as a device, but only the earlier of two dials the
	// later one: Syncthing dials from its listening port, so two instances dialling each
	// other at once on loopback make one TCP connection by simultaneous open, where both
	// ends wait for the other's TLS hello until a 20 s timeout. "dynamic" with discovery
	// off means "never dial; wait to be called". The callees learn their callers first: a
	// call to an instance that does not know the caller yet is refused, and the next try
	// comes only seconds later.
	all := c.instances()
	for _, dial := range []bool{false, true} {
		for i, a := range all {
			for j, b := range all {
				if a == b || (i < j) != dial {
					continue
				}
				addr := "dynamic"
				if dial {
					addr = b.SyncAddr
				}
				dev := map[string]any{"deviceID": b.ID, "name": b.Name, "addresses": []string{addr}}
				if err := a.api.do(context.Background(), "POST", "/rest/config/devices", nil, dev, nil); err != nil {
					t.Fatalf("syncthing %s: adding device %s: %v", a.Name, b.Name, err)
				}
			}
		}
	}
	return c
}

// Instance returns the instance called name; an unknown name fails the test.
func (c *Cluster) Instance(name string) *Instance {
	c.t.Helper()
	in := c.byName[name]
	if in == nil {
		c.t.Fatalf("syncthing: no instance called %q (the cluster has %q)", name, c.names)
	}
	return in
}

// Names returns the instances' names in the order Start was given them.
func (c *Cluster) Names() []string { return append([]string(nil), c.names...) }

func (c *Cluster) instances() []*Instance {
	out := make([]*Instance, len(c.names))
	for i, n := range c.names {
		out[i] = c.byName[n]
	}
	return out
}

// The options set in config.xml before the first start, so the instance never announces
// itself, looks for relays, opens a port on the router, reports usage or crashes, or
// upgrades. Each must be found exactly once: a different layout (another Syncthing
// version) is an error, not a silently open instance.
var offlineOptions = []struct{ tag, value string }{
	{"globalAnnounceEnabled", "false"},
	{"localAnnounceEnabled", "false"},
	{"relaysEnabled", "false"},
	{"natEnabled", "false"},
	{"startBrowser", "false"},
	{"crashReportingEnabled", "false"},
	{"urAccepted", "-1"},
	{"autoUpgradeIntervalH", "0"},
	// Dial a paused-then-resumed device again within seconds, not the default minute.
	{"reconnectionIntervalS", "1"},
}

var deviceIDLine = regexp.MustCompile(`Device ID: ([A-Z0-9]{7}(?:-[A-Z0-9]{7}){7})`)

// startScript starts syncthing in the background and prints its pid, then leaves a watcher
// that waits for the end of the pipe on descriptor 3: the test closes its end when it stops
// the cluster, and the kernel closes it when the test process dies, so an instance never
// outlives its test. The shell itself exits at once; neither syncthing nor the watcher is
// then a descendant of the test process. $1 home, $2 log, $3 gui socket, $4 api key, $5 binary.
const startScript = `
"$5" serve --home="$1" --no-browser --no-restart --no-upgrade \
	--gui-address="unix://$3" --gui-apikey="$4" >"$2" 2>&1 </dev/null 3<&- &
st=$!
echo "$st"
(
	read -r _ <&3
	# Only while that pid is still this instance (not ended, reaped and reused meanwhile).
	grep -qF "$1" "/proc/$st/cmdline" 2>/dev/null || exit 0
	kill -TERM "$st"
	i=0
	while [ $i -lt 20 ]; do
		sleep 0.5
		grep -qF "$1" "/proc/$st/cmdline" 2>/dev/null || exit 0
		i=$((i + 1))
	done
	kill -KILL "$st"
) >/dev/null 2>&1 </dev/null &
`

func (c *Cluster) startInstance(bin string, in *Instance, watchEnd *os.File) error {
	if err := os.MkdirAll(filepath.Dir(in.Home), 0o700); err != nil {
		return err
	}
	out, err := exec.Command(bin, "generate", "--home="+in.Home, "--no-default-folder", "--skip-port-probing").CombinedOutput()
	if err != nil {
		return fmt.Errorf("syncthing %s: `syncthing generate` failed: %v\n%s", in.Name, err, out)
	}
	m := deviceIDLine.FindSubmatch(out)
	if m == nil {
		return fmt.Errorf("syncthing %s: `syncthing generate` printed no device ID:\n%s", in.Name, out)
	}
	in.ID = string(m[1])
	if err := editConfig(filepath.Join(in.Home, "config.xml")); err != nil {
		return fmt.Errorf("syncthing %s: %w", in.Name, err)
	}

	cmd := exec.Command("/bin/sh", "-c", startScript, "syncthing-start", in.Home, in.LogPath, in.guiSocket, c.apiKey, bin)
	cmd.Env = environment()
	cmd.ExtraFiles = []*os.File{watchEnd}
	// A process group of its own: a Ctrl-C in the terminal reaches the test, which stops
	// the instances itself, not syncthing in the middle of that.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out, err = cmd.Output()
	if err != nil {
		return fmt.Errorf("syncthing %s: the start shell failed: %v", in.Name, err)
	}
	if in.pid, err = strconv.Atoi(strings.TrimSpace(string(out))); err != nil {
		return fmt.Errorf("syncthing %s: the start shell printed %q, not a pid", in.Name, out)
	}

	// Ready when the REST API answers and the sync listener has its port.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var last error
	for ctx.Err() == nil {
		var st struct {
			MyID              string `json:"myID"`
			ConnectionService map[string]struct {
				Error        *string  `json:"error"`
				LANAddresses []string `json:"lanAddresses"`
			} `json:"connectionServiceStatus"`
		}
		if !in.alive() {
			return fmt.Errorf("syncthing %s exited at start; its log:\n%s", in.Name, in.Log())
		}
		last = in.api.do(ctx, "GET", "/rest/system/status", nil, nil, &st)
		if last == nil {
			if st.MyID != in.ID {
				return fmt.Errorf("syncthing %s answers as device %s, not the %s it was generated as", in.Name, st.MyID, in.ID)
			}
			for _, s := range st.ConnectionService {
				if s.Error != nil && *s.Error != "" {
					return fmt.Errorf("syncthing %s cannot listen: %s", in.Name, *s.Error)
				}
				for _, a := range s.LANAddresses {
					if strings.HasPrefix(a, "tcp://127.0.0.1:") && !strings.HasSuffix(a, ":0") {
						in.SyncAddr = a
					}
				}
			}
			if in.SyncAddr != "" {
				return nil
			}
			last = errors.New("its sync listener has no port yet")
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("syncthing %s was not ready within 30 s (%v); its log:\n%s", in.Name, last, in.Log())
}

// editConfig makes a freshly generated config.xml offline and loopback-only.
func editConfig(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(data)
	// The sync listener: loopback only, on a port the kernel picks when syncthing binds it
	// (so two tests never race for a port), read back from the REST API.
	listen := regexp.MustCompile(`<listenAddress>[^<]*</listenAddress>`)
	if n := len(listen.FindAllStringIndex(s, -1)); n == 0 {
		return fmt.Errorf("%s has no <listenAddress>: this harness knows Syncthing 1.19's config layout", path)
	}
	first := true
	s = listen.ReplaceAllStringFunc(s, func(string) string {
		if first {
			first = false
			return "<listenAddress>tcp://127.0.0.1:0</listenAddress>"
		}
		return ""
	})
	for _, o := range offlineOptions {
		re := regexp.MustCompile(`<` + o.tag + `>[^<]*</` + o.tag + `>`)
		if n := len(re.FindAllStringIndex(s, -1)); n != 1 {
			return fmt.Errorf("%s has %d <%s> elements, not 1: this harness knows Syncthing 1.19's config layout", path, n, o.tag)
		}
		s = re.ReplaceAllString(s, "<"+o.tag+">"+o.value+"</"+o.tag+">")
	}
	return os.WriteFile(path, []byte(s), 0o600)
}

// environment is the test's environment for syncthing, without proxy settings (Syncthing
// dials through ALL_PROXY, and a loopback test must not go anywhere else) and with its
// restart-on-crash monitor told not to restart.
func environment() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch strings.ToLower(k) {
		case "all_proxy", "http_proxy", "https_proxy", "no_proxy", "stnorestart", "stguiaddress", "stguiapikey", "sthomedir":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "STNORESTART=1", "STNOUPGRADE=1")
}

// Pids returns the instance's living processes: the monitor `syncthing serve` starts as
// and the child that does the work.
func (in *Instance) Pids() []int {
	var out []int
	for _, p := range sockets.Tree(in.pid) {
		if st, err := sockets.Stat(p); err == nil && st.State != 'Z' {
			out = append(out, p)
		}
	}
	return out
}

func (in *Instance) alive() bool { return len(in.Pids()) > 0 }

// Log returns what the instance has written to its log so far.
func (in *Instance) Log() string {
	data, err := os.ReadFile(in.LogPath)
	if err != nil {
		return fmt.Sprintf("(no log: %v)", err)
	}
	return string(data)
}

// stop ends every instance: REST shutdown first, which lets Syncthing close its database,
// then SIGTERM and SIGKILL to what is left. On failure it prints the instances' logs.
func (c *Cluster) stop() {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for _, in := range c.instances() {
		if in.pid == 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			in.api.do(ctx, "POST", "/rest/system/shutdown", nil, nil, nil)
			for _, step := range []struct {
				sig  syscall.Signal
				wait time.Duration
			}{{0, 5 * time.Second}, {syscall.SIGTERM, 5 * time.Second}, {syscall.SIGKILL, 2 * time.Second}} {
				pids := in.Pids()
				if len(pids) == 0 {
					break
				}
				if step.sig != 0 {
					c.t.Logf("syncthing %s did not stop; sending %v to %v", in.Name, step.sig, pids)
					for _, p := range pids {
						syscall.Kill(p, step.sig)
					}
				}
				for end := time.Now().Add(step.wait); time.Now().Before(end) && in.alive(); {
					time.Sleep(50 * time.Millisecond)
				}
			}
			in.api.close()
		}()
	}
	wg.Wait()
	c.watcher.Close() // the watcher shells find nothing left to stop, and exit
	if c.t.Failed() {
		for _, in := range c.instances() {
			c.t.Logf("syncthing %s (%s) log:\n%s", in.Name, in.ID, tail(in.Log(), 200))
		}
	}
	for _, in := range c.instances() {
		if pids := in.Pids(); len(pids) > 0 {
			c.t.Errorf("syncthing %s is still running after SIGKILL: %v", in.Name, pids)
		}
	}
}

// tail keeps the last n lines of s.
func tail(s string, n int) string {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(make([]byte, 4096), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) > n {
		lines = append([]string{fmt.Sprintf("(%d earlier lines left out)", len(lines)-n)}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

// peers lists the instances other than name, in start order.
func (c *Cluster) peers(name string) []*Instance {
	var out []*Instance
	for _, in := range c.instances() {
		if in.Name != name {
			out = append(out, in)
		}
	}
	return out
}
