package sockets_test

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/goldseam/goldseam/internal/testkit/sockets"
)

// A child run of this test binary: listen on UDP [::1]:0, print the port and wait for stdin to close.
func TestMain(m *testing.M) {
	if os.Getenv("SOCKETS_TEST_CHILD") == "1" {
		c, err := net.ListenPacket("udp6", "[::1]:0")
		if err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println(c.LocalAddr().(*net.UDPAddr).Port)
		bufio.NewReader(os.Stdin).ReadString('\n')
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func find(list []sockets.Socket, proto string, port int) (sockets.Socket, bool) {
	for _, s := range list {
		if s.Proto == proto && int(s.Local.Port()) == port {
			return s, true
		}
	}
	return sockets.Socket{}, false
}

func TestListsTheSocketsThisProcessHolds(t *testing.T) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	conn, err := net.Dial("tcp4", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	udpProto, udpAddr := "udp6", "::1"
	udp, err := net.ListenPacket("udp6", "[::1]:0")
	if err != nil { // no IPv6 loopback here
		udpProto, udpAddr = "udp", "127.0.0.1"
		if udp, err = net.ListenPacket("udp4", "127.0.0.1:0"); err != nil {
			t.Fatal(err)
		}
	}
	defer udp.Close()
	udpPort := udp.LocalAddr().(*net.UDPAddr).Port
	// A socket never bound nor connected is in no table of the kernel's.
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Close(fd)

	list, err := sockets.InetSockets(os.Getpid(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		t.Log(s)
	}
	l, ok := find(list, "tcp", port)
	if !ok || l.State != "LISTEN" || l.Local.Addr().String() != "127.0.0.1" || l.PID != os.Getpid() || !l.Loopback() {
		t.Errorf("the listener on 127.0.0.1:%d is missing or wrong: %v", port, l)
	}
	clientPort := conn.LocalAddr().(*net.TCPAddr).Port
	c, ok := find(list, "tcp", clientPort)
	if !ok || c.State != "ESTABLISHED" || int(c.Remote.Port()) != port || !c.Loopback() {
		t.Errorf("the connection from port %d is missing or wrong: %v", clientPort, c)
	}
	u, ok := find(list, udpProto, udpPort)
	if !ok || u.Local.Addr().String() != udpAddr || !u.Loopback() {
		t.Errorf("the UDP socket on %s port %d is missing or wrong: %v", udpAddr, udpPort, u)
	}
	unlisted := 0
	for _, s := range list {
		if s.Proto == "unlisted" {
			unlisted++
			if s.Loopback() {
				t.Errorf("an unlisted socket cannot be known to be loopback: %v", s)
			}
		}
	}
	if unlisted != 1 {
		t.Errorf("%d unlisted sockets, want the 1 unbound socket", unlisted)
	}

	// A listener on every address is no loopback socket.
	wide, err := net.Listen("tcp4", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	defer wide.Close()
	list, err = sockets.InetSockets(os.Getpid(), false)
	if err != nil {
		t.Fatal(err)
	}
	if w, ok := find(list, "tcp", wide.Addr().(*net.TCPAddr).Port); !ok || w.Loopback() {
		t.Errorf("the listener on 0.0.0.0 is missing or taken for loopback: %v", w)
	}

	ln.Close()
	conn.Close()
	list, err = sockets.InetSockets(os.Getpid(), false)
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := find(list, "tcp", port); ok && s.State == "LISTEN" {
		t.Errorf("the closed listener is still listed: %v", s)
	}
}

func TestWithChildrenTakesInTheProcessTree(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SOCKETS_TEST_CHILD=1")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { stdin.Close(); cmd.Wait() }()
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	port, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		t.Skip("the child could not open an IPv6 loopback socket:", line)
	}

	if tree := sockets.Tree(os.Getpid()); len(tree) < 2 || tree[0] != os.Getpid() {
		t.Errorf("Tree(%d) = %v, want this process then its child %d", os.Getpid(), tree, cmd.Process.Pid)
	}
	alone, err := sockets.InetSockets(os.Getpid(), false)
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := find(alone, "udp6", port); ok {
		t.Errorf("without children, the child's socket is listed: %v", s)
	}
	tree, err := sockets.InetSockets(os.Getpid(), true)
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := find(tree, "udp6", port); !ok || s.PID != cmd.Process.Pid {
		t.Errorf("with children, the child's UDP socket on port %d is missing or not its own: %v", port, s)
	}
	if _, err := sockets.InetSockets(1<<30, true); err == nil {
		t.Error("a process that does not exist gave no error")
	}
}
