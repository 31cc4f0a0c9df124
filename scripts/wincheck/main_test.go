package main

import (
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tc-hib/winres"
	"github.com/tc-hib/winres/version"

	"github.com/goldseam/goldseam/internal/buildinfo"
)

// The checks must catch a program that is unsigned, tampered with after signing, or
// stamped with the wrong identity; otherwise a green `make test` would prove nothing.
func TestChecksFailOnWhatWouldBeWrong(t *testing.T) {
	for _, tool := range []string{"osslsigncode", "openssl"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (scripts/deps.sh installs it)", tool)
		}
	}
	dir := t.TempDir()
	plain := filepath.Join(dir, "plain.exe")
	build := exec.Command("go", "build", "-o", plain, "./testdata/hello")
	build.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	want := Want{Version: "v1.2.3-4-gabc1234", Number: "1.2.3.4"}

	if err := CheckVersion(plain, want, buildinfo.Name); err == nil {
		t.Errorf("a program without version resources passed: %v", err)
	}
	wrong := stamp(t, plain, filepath.Join(dir, "wrong.exe"), "Someone Else", "1.2.3.3")
	err := CheckVersion(wrong, want, buildinfo.Name)
	if err == nil || !strings.Contains(err.Error(), "CompanyName") || !strings.Contains(err.Error(), "fixed FileVersion is 1.2.3.3") {
		t.Errorf("a wrong publisher and version passed: %v", err)
	}
	right := stamp(t, plain, filepath.Join(dir, "right.exe"), buildinfo.Publisher, "1.2.3.4")
	if err := CheckVersion(right, want, buildinfo.Name); err != nil {
		t.Errorf("the right identity failed: %v", err)
	}

	if err := VerifySignature(right, ""); err == nil {
		t.Error("an unsigned program passed the signature check")
	}
	sign := exec.Command("../sign-windows.sh", right)
	sign.Env = append(os.Environ(), "GOLDSEAM_SIGN_PFX=")
	if out, err := sign.CombinedOutput(); err != nil {
		t.Fatalf("sign: %v\n%s", err, out)
	}
	ca := "../../build/sign/ca.pem"
	if err := VerifySignature(right, ca); err != nil {
		t.Errorf("a program signed with the throwaway certificate failed: %v", err)
	}
	if err := CheckVersion(right, want, buildinfo.Name); err != nil {
		t.Errorf("signing lost the version resources: %v", err)
	}

	// The path a release takes: a .pfx from a secret, base64-encoded, with a password.
	pfx := filepath.Join(dir, "release.pfx")
	export := exec.Command("openssl", "pkcs12", "-export", "-out", pfx, "-inkey", "../../build/sign/signer.key",
		"-in", "../../build/sign/signer.pem", "-certfile", ca, "-passout", "pass:correct horse")
	if out, err := export.CombinedOutput(); err != nil {
		t.Fatalf("export pfx: %v\n%s", err, out)
	}
	pfxData, err := os.ReadFile(pfx)
	if err != nil {
		t.Fatal(err)
	}
	released := stamp(t, plain, filepath.Join(dir, "released.exe"), buildinfo.Publisher, "1.2.3.4")
	signWith := func(password string) error {
		sign := exec.Command("../sign-windows.sh", released)
		sign.Env = append(os.Environ(), "GOLDSEAM_SIGN_PFX_BASE64="+base64.StdEncoding.EncodeToString(pfxData), "GOLDSEAM_SIGN_PASSWORD="+password)
		out, err := sign.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%v\n%s", err, out)
		}
		return nil
	}
	// A wrong password must fail: proof that the .pfx, not the throwaway, was used.
	if err := signWith("wrong"); err == nil {
		t.Error("signing with a wrong .pfx password succeeded")
	}
	if err := signWith("correct horse"); err != nil {
		t.Fatalf("sign with a pfx: %v", err)
	}
	if err := VerifySignature(released, ca); err != nil {
		t.Errorf("a program signed with a pfx from the environment failed: %v", err)
	}

	data, err := os.ReadFile(right)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/3] ^= 0xff // in the code, covered by the signature's digest
	tampered := filepath.Join(dir, "tampered.exe")
	if err := os.WriteFile(tampered, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := VerifySignature(tampered, ca); err == nil {
		t.Error("a program changed after signing passed the signature check")
	}
}

// stamp writes a copy of exe with version resources naming publisher and number.
func stamp(t *testing.T, exe, out, publisher, number string) string {
	t.Helper()
	var vi version.Info
	var n [4]uint16
	if _, err := fmt.Sscanf(number, "%d.%d.%d.%d", &n[0], &n[1], &n[2], &n[3]); err != nil {
		t.Fatal(err)
	}
	vi.FileVersion, vi.ProductVersion = n, n
	for k, v := range map[string]string{
		version.ProductName: buildinfo.Name, version.ProductVersion: "v1.2.3-4-gabc1234",
		version.FileVersion: number, version.CompanyName: publisher,
		version.FileDescription: buildinfo.Name, version.LegalCopyright: buildinfo.Copyright,
	} {
		if err := vi.Set(version.LangDefault, k, v); err != nil {
			t.Fatal(err)
		}
	}
	var rs winres.ResourceSet
	rs.SetVersionInfo(vi)
	src, err := os.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if err := rs.WriteToEXE(dst, src); err != nil {
		t.Fatal(err)
	}
	return out
}
