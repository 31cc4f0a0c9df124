// Package machine describes the computer a measurement ran on, for the benchmark and
// reliability reports, so a figure is never read without knowing where it came from.
package machine

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// Describe lists the CPU, cores, memory, OS, Go version and display as Markdown bullets.
func Describe() string {
	var lines []string
	add := func(k, v string) { lines = append(lines, fmt.Sprintf("- %s: %s", k, v)) }
	add("CPU", cpuModel())
	add("cores", fmt.Sprint(runtime.NumCPU()))
	add("memory", memTotal())
	add("OS", osName())
	add("Go", runtime.Version())
	add("display", "Xvfb (software rendering), 1280x860x24")
	return strings.Join(lines, "\n") + "\n\n"
}

func cpuModel() string {
	data, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "model name") {
			if _, v, ok := strings.Cut(line, ":"); ok {
				return strings.TrimSpace(v)
			}
		}
	}
	return runtime.GOARCH
}

func memTotal() string {
	data, _ := os.ReadFile("/proc/meminfo")
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "MemTotal:") {
			var kb int64
			fmt.Sscanf(strings.TrimPrefix(line, "MemTotal:"), "%d", &kb)
			return fmt.Sprintf("%.1f GiB", float64(kb)/1024/1024)
		}
	}
	return "unknown"
}

func osName() string {
	data, _ := os.ReadFile("/etc/os-release")
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "PRETTY_NAME="); ok {
			return strings.Trim(v, `"`)
		}
	}
	out, _ := exec.Command("uname", "-sr").Output()
	return strings.TrimSpace(string(out))
}
