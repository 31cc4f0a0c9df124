// Package sockets lists the internet sockets (TCP and UDP, IPv4 and IPv6) a process, or a
// whole process tree, holds right now, read from Linux's /proc. Tests use it to prove that a
// program opened no network socket (Goldseam during a sharing session: sync_sockets_opened)
// or only loopback ones (the Syncthing instances of internal/testkit/syncthing).
//
// It is a snapshot: a socket opened and closed between two looks is not seen (tracing every
// socket call is scripts/reliability's strace check). An internet socket that is neither bound
// nor connected is in no kernel table; it is still reported, as Proto "unlisted", so a caller
// that wants "none at all" does not miss it.
package sockets

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Socket is one internet socket a process holds.
type Socket struct {
	PID    int
	Proto  string         // tcp, tcp6, udp, udp6, raw, raw6, or unlisted (see the package comment)
	Local  netip.AddrPort // zero for unlisted
	Remote netip.AddrPort // 0.0.0.0:0 or [::]:0 when not connected
	State  string         // LISTEN, ESTABLISHED, ...; for UDP the kernel's own (CLOSE when unconnected)
	Inode  uint64
}

func (s Socket) String() string {
	if s.Proto == "unlisted" {
		return fmt.Sprintf("pid %d unlisted internet socket (inode %d, neither bound nor connected)", s.PID, s.Inode)
	}
	return fmt.Sprintf("pid %d %s %s -> %s %s", s.PID, s.Proto, s.Local, s.Remote, s.State)
}

// Loopback reports whether the socket's own address, and its peer's when connected, are
// loopback addresses (127.0.0.0/8 or ::1, or IPv4-mapped loopback).
func (s Socket) Loopback() bool {
	if s.Proto == "unlisted" {
		return false
	}
	loop := func(a netip.Addr) bool { return a.Unmap().IsLoopback() }
	if !loop(s.Local.Addr()) {
		return false
	}
	return s.Remote.Addr().IsUnspecified() || loop(s.Remote.Addr())
}

// Tables the kernel lists internet sockets in, under /proc/<pid>/net.
var inetTables = []string{"tcp", "tcp6", "udp", "udp6", "raw", "raw6"}

// Tables of the other socket families: an inode found in none of these nor the internet
// ones is an internet socket not yet bound or connected (or an exotic family).
var otherTables = []string{"unix", "netlink", "packet"}

// InetSockets lists the internet sockets held by pid, and by all its descendants when
// withChildren, sorted by pid then inode. A process that ends while it is read is skipped;
// one that cannot be read at all (another user's, without the right) is an error, since
// "none found" would then be a lie.
func InetSockets(pid int, withChildren bool) ([]Socket, error) {
	pids := []int{pid}
	if withChildren {
		pids = Tree(pid)
	}
	if len(pids) == 0 {
		return nil, fmt.Errorf("process %d does not exist", pid)
	}
	tables := map[string]*netTables{} // by network namespace
	var out []Socket
	for _, p := range pids {
		inodes, err := socketInodes(p)
		if errors.Is(err, os.ErrNotExist) {
			continue // it ended meanwhile
		}
		if err != nil {
			return nil, err
		}
		if len(inodes) == 0 {
			continue
		}
		ns, err := os.Readlink(fmt.Sprintf("/proc/%d/ns/net", p))
		if err != nil {
			ns = "unknown"
		}
		nt := tables[ns]
		if nt == nil {
			if nt, err = readTables(p); errors.Is(err, os.ErrNotExist) {
				continue
			} else if err != nil {
				return nil, err
			}
			tables[ns] = nt
		}
		for _, ino := range inodes {
			if s, ok := nt.inet[ino]; ok {
				s.PID = p
				out = append(out, s)
			} else if !nt.other[ino] {
				out = append(out, Socket{PID: p, Proto: "unlisted", Inode: ino})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].PID != out[j].PID {
			return out[i].PID < out[j].PID
		}
		return out[i].Inode < out[j].Inode
	})
	return out, nil
}

// Tree returns pid and all its living descendants, pid first; empty if pid does not exist.
func Tree(pid int) []int {
	if _, err := os.Stat(fmt.Sprintf("/proc/%d", pid)); err != nil {
		return nil
	}
	children := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, err := Stat(p); err == nil {
			children[st.PPID] = append(children[st.PPID], p)
		}
	}
	out := []int{pid}
	for i := 0; i < len(out); i++ {
		out = append(out, children[out[i]]...)
	}
	return out
}

// ProcStat is the part of /proc/<pid>/stat the test kits need.
type ProcStat struct {
	PPID, PGID int
	State      byte // R, S, D, Z (a zombie: ended, not yet reaped), ...
}

// Stat reads /proc/<pid>/stat.
func Stat(pid int) (ProcStat, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ProcStat{}, err
	}
	// The command name may hold spaces and parentheses; the fields after the last ')' are fixed:
	// state, ppid, pgrp, ...
	i := strings.LastIndexByte(string(data), ')')
	if i < 0 {
		return ProcStat{}, fmt.Errorf("unexpected /proc/%d/stat: %q", pid, data)
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 3 || len(f[0]) != 1 {
		return ProcStat{}, fmt.Errorf("unexpected /proc/%d/stat: %q", pid, data)
	}
	ppid, err1 := strconv.Atoi(f[1])
	pgid, err2 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil {
		return ProcStat{}, fmt.Errorf("unexpected /proc/%d/stat: %q", pid, data)
	}
	return ProcStat{PPID: ppid, PGID: pgid, State: f[0][0]}, nil
}

// socketInodes lists the inodes of the sockets among pid's open files.
func socketInodes(pid int) ([]uint64, error) {
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	fds, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("cannot read the open files of process %d: %w", pid, err)
	}
	var out []uint64
	for _, fd := range fds {
		link, err := os.Readlink(filepath.Join(dir, fd.Name()))
		if err != nil {
			continue // closed meanwhile
		}
		if rest, ok := strings.CutPrefix(link, "socket:["); ok {
			if ino, err := strconv.ParseUint(strings.TrimSuffix(rest, "]"), 10, 64); err == nil {
				out = append(out, ino)
			}
		}
	}
	return out, nil
}

type netTables struct {
	inet  map[uint64]Socket
	other map[uint64]bool
}

// readTables reads the socket tables of pid's network namespace.
func readTables(pid int) (*netTables, error) {
	nt := &netTables{inet: map[uint64]Socket{}, other: map[uint64]bool{}}
	for _, name := range inetTables {
		if err := readInet(pid, name, nt.inet); err != nil {
			return nil, err
		}
	}
	for _, name := range otherTables {
		if err := readOther(pid, name, nt.other); err != nil {
			return nil, err
		}
	}
	return nt, nil
}

// readInet parses /proc/<pid>/net/{tcp,udp,raw}[6]:
//
//	sl  local_address rem_address   st tx_queue:rx_queue tr:tm->when retrnsmt   uid  timeout inode
//	0: 0100007F:59CB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 ...
func readInet(pid int, name string, into map[uint64]Socket) error {
	f, err := os.Open(fmt.Sprintf("/proc/%d/net/%s", pid, name))
	if errors.Is(err, os.ErrNotExist) {
		if _, serr := os.Stat(fmt.Sprintf("/proc/%d", pid)); serr == nil {
			return nil // a kernel without this table (no IPv6)
		}
		return err
	}
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 4096), 1<<20)
	sc.Scan() // header
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 10 {
			continue
		}
		local, err1 := parseAddr(fields[1])
		remote, err2 := parseAddr(fields[2])
		ino, err3 := strconv.ParseUint(fields[9], 10, 64)
		st, err4 := strconv.ParseUint(fields[3], 16, 8)
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			return fmt.Errorf("unexpected line in /proc/net/%s: %q: %w", name, sc.Text(), err)
		}
		if ino == 0 {
			continue // a connection in TIME_WAIT, owned by no one
		}
		into[ino] = Socket{Proto: name, Local: local, Remote: remote, State: tcpState(int(st)), Inode: ino}
	}
	return sc.Err()
}

// readOther collects the inodes of /proc/<pid>/net/{unix,netlink,packet}, whose inode
// column differs by table: it is the last numeric column of unix, and the 9th of netlink
// and packet in current kernels, so every table's header names it "Inode" and we look it up.
func readOther(pid int, name string, into map[uint64]bool) error {
	f, err := os.Open(fmt.Sprintf("/proc/%d/net/%s", pid, name))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 4096), 1<<20)
	if !sc.Scan() {
		return sc.Err()
	}
	col := -1
	for i, h := range strings.Fields(sc.Text()) {
		if strings.EqualFold(h, "inode") {
			col = i
		}
	}
	if col < 0 {
		return fmt.Errorf("no Inode column in /proc/net/%s", name)
	}
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if col < len(fields) {
			if ino, err := strconv.ParseUint(fields[col], 10, 64); err == nil {
				into[ino] = true
			}
		}
	}
	return sc.Err()
}

// parseAddr reads the kernel's "0100007F:1F90" form: the address as 32-bit words in host
// order (little-endian on every machine Goldseam tests on), the port big-endian hex.
func parseAddr(s string) (netip.AddrPort, error) {
	hexAddr, hexPort, ok := strings.Cut(s, ":")
	if !ok {
		return netip.AddrPort{}, fmt.Errorf("address %q has no port", s)
	}
	raw, err := hex.DecodeString(hexAddr)
	if err != nil || (len(raw) != 4 && len(raw) != 16) {
		return netip.AddrPort{}, fmt.Errorf("address %q is not 4 or 16 bytes of hex", s)
	}
	for w := 0; w < len(raw); w += 4 { // each 32-bit word is little-endian
		raw[w], raw[w+1], raw[w+2], raw[w+3] = raw[w+3], raw[w+2], raw[w+1], raw[w]
	}
	port, err := strconv.ParseUint(hexPort, 16, 16)
	if err != nil {
		return netip.AddrPort{}, fmt.Errorf("port in %q: %w", s, err)
	}
	addr, _ := netip.AddrFromSlice(raw)
	return netip.AddrPortFrom(addr, uint16(port)), nil
}

// tcpState names the kernel's TCP states (include/net/tcp_states.h); UDP uses the same numbers.
func tcpState(n int) string {
	names := []string{1: "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
		"CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV"}
	if n > 0 && n < len(names) {
		return names[n]
	}
	return "state-" + strconv.Itoa(n)
}
