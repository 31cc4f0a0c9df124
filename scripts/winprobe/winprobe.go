//go:build linux && cgo

package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// result is what winprobe prints.
type result struct {
	WindowMs       float64 `json:"window_ms"`       // exec to the window being mapped
	FirstPaintMs   float64 `json:"first_paint_ms"`  // exec to the first frame with real content
	DistinctColors int     `json:"distinct_colors"` // in the screenshot: 1 means blank
	RSSMB          float64 `json:"rss_mb,omitempty"`
	Processes      int     `json:"processes,omitempty"`
	Screenshot     string  `json:"screenshot,omitempty"`
}

// painted is the smallest number of colours a frame with text or pictures has; a blank
// window (the background colour before the page draws) has one.
const painted = 8

func main() {
	title := flag.String("title", "Goldseam", "the window's title")
	timeout := flag.Duration("timeout", 30*time.Second, "give up after this long")
	shot := flag.String("screenshot", "", "write a PNG of the window to `FILE` once it has settled")
	settle := flag.Duration("settle", 1500*time.Millisecond, "wait this long after first paint before the screenshot")
	rssAfter := flag.Duration("rss-after", 0, "measure the process tree's memory this long after exec (0: do not)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: winprobe [flags] -- program [args...]")
		os.Exit(2)
	}
	res, err := probe(*title, *timeout, *shot, *settle, *rssAfter, flag.Args())
	out, _ := json.Marshal(res)
	fmt.Println(string(out))
	if err != nil {
		fmt.Fprintln(os.Stderr, "winprobe:", err)
		os.Exit(1)
	}
}

func probe(title string, timeout time.Duration, shot string, settle, rssAfter time.Duration, argv []string) (result, error) {
	var res result
	x, err := openDisplay()
	if err != nil {
		return res, err
	}
	defer x.close()

	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // so the WebKit helpers go with it
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return res, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer stop(cmd, exited)

	deadline := start.Add(timeout)
	win := x.findWindow(title)
	for ; win == 0; win = x.findWindow(title) {
		if err := wait(deadline, exited); err != nil {
			return res, fmt.Errorf("no window titled %q: %w", title, err)
		}
	}
	res.WindowMs = ms(time.Since(start))

	for {
		img, err := x.capture(win, 4)
		if err == nil && distinctColors(img) >= painted {
			res.FirstPaintMs = ms(time.Since(start))
			break
		}
		if err := wait(deadline, exited); err != nil {
			return res, fmt.Errorf("window stayed blank: %w", err)
		}
	}

	if shot != "" {
		if res.DistinctColors, err = x.screenshot(win, shot, settle); err != nil {
			return res, err
		}
		res.Screenshot = shot
		if res.DistinctColors < painted {
			return res, fmt.Errorf("screenshot is blank (%d colours)", res.DistinctColors)
		}
	}

	if rssAfter > 0 {
		time.Sleep(time.Until(start.Add(rssAfter)))
		kb, n := treeRSS(cmd.Process.Pid)
		res.RSSMB, res.Processes = float64(kb)/1024, n
	}
	return res, nil
}

// wait sleeps a little, failing at the deadline or when the program has exited.
func wait(deadline time.Time, exited chan error) error {
	select {
	case err := <-exited:
		exited <- err
		return fmt.Errorf("program exited early (%v)", err)
	case <-time.After(5 * time.Millisecond):
	}
	if time.Now().After(deadline) {
		return fmt.Errorf("timed out")
	}
	return nil
}

func stop(cmd *exec.Cmd, exited chan error) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func distinctColors(img *image.RGBA) int {
	seen := map[uint32]struct{}{}
	for i := 0; i+3 < len(img.Pix); i += 4 {
		seen[uint32(img.Pix[i])<<16|uint32(img.Pix[i+1])<<8|uint32(img.Pix[i+2])] = struct{}{}
		if len(seen) >= 256 {
			break
		}
	}
	return len(seen)
}

func writePNG(path string, img image.Image) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// treeRSS sums the resident memory of pid and all its descendants (the app and the
// WebKit network and web processes it starts), in KiB, and counts them.
func treeRSS(root int) (kb int64, n int) {
	children := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid := parentOf(pid); ppid > 0 {
			children[ppid] = append(children[ppid], pid)
		}
	}
	queue := []int{root}
	for len(queue) > 0 {
		pid := queue[0]
		queue = queue[1:]
		kb += rssOf(pid)
		n++
		queue = append(queue, children[pid]...)
	}
	return kb, n
}

func parentOf(pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name may contain spaces; fields after the last ')' are fixed.
	fields := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
	if len(fields) < 2 {
		return 0
	}
	ppid, _ := strconv.Atoi(fields[1])
	return ppid
}

func rssOf(pid int) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				v, _ := strconv.ParseInt(f[1], 10, 64)
				return v
			}
		}
	}
	return 0
}
