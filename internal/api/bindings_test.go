package api_test

import (
	"bufio"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/goldseam/goldseam/internal/api"
	"github.com/goldseam/goldseam/internal/session"
)

// boundMethods lists what JavaScript can call, found the way Wails finds it
// (internal/binding/reflect.go, getMethods): every exported method of each struct pointer
// handed to options.App.Bind, named package.Struct.Method.
func boundMethods(bound []any) []string {
	var names []string
	for _, svc := range bound {
		t := reflect.TypeOf(svc)
		for i := 0; i < t.NumMethod(); i++ {
			names = append(names, path.Base(t.Elem().PkgPath())+"."+t.Elem().Name()+"."+t.Method(i).Name)
		}
	}
	sort.Strings(names)
	return names
}

// allowList reads testdata/bound_methods.txt: the methods the screens use, one a line.
func allowList(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("testdata/bound_methods.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var names []string
	for sc := bufio.NewScanner(f); sc.Scan(); {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			names = append(names, line)
		}
	}
	sort.Strings(names)
	return names
}

func servicesForBinding() *api.Services {
	return api.NewServices(&recordingHost{}, api.Storage{Session: session.New(nil, nil)})
}

func TestOnlyTheMethodsTheScreensUseAreBound(t *testing.T) {
	got, want := boundMethods(servicesForBinding().Bind()), allowList(t)
	for _, name := range got {
		if !slices.Contains(want, name) {
			t.Errorf("%s is bound but not in testdata/bound_methods.txt: unexport it or move it to a type that is not bound", name)
		}
	}
	for _, name := range want {
		if !slices.Contains(got, name) {
			t.Errorf("%s is in testdata/bound_methods.txt but not bound", name)
		}
	}
}

// goCall matches a call of a generated binding in api.ts, such as `Vault.Unlock(`.
var goCall = regexp.MustCompile(`\b(System|Vault|Journal|Program|Profile|Backup|Space|Agreements|CheckIns|Experiences|Sharing|People)\.([A-Z]\w*)\(`)

func TestEveryBoundMethodIsCalledByTheInterface(t *testing.T) {
	src, err := os.ReadFile("../../frontend/src/lib/api.ts")
	if err != nil {
		t.Fatal(err)
	}
	called := map[string]bool{}
	for _, m := range goCall.FindAllStringSubmatch(string(src), -1) {
		called["api."+m[1]+"."+m[2]] = true
	}
	allowed := allowList(t)
	for _, name := range allowed {
		if !called[name] {
			t.Errorf("%s is bound but frontend/src/lib/api.ts never calls it: do not bind it", name)
		}
	}
	for name := range called {
		if !slices.Contains(allowed, name) {
			t.Errorf("api.ts calls %s, which is not in the allow-list", name)
		}
	}
}

// exported matches a method in a generated binding's declaration file.
var exported = regexp.MustCompile(`(?m)^export function (\w+)\(`)

// The bindings `wails generate module` writes (make bindings, before every make test-go) hold
// the same methods: what Wails really generates, not only what this test's reflection finds.
func TestTheGeneratedBindingsHoldOnlyTheAllowedMethods(t *testing.T) {
	files, _ := filepath.Glob("../../frontend/wailsjs/go/api/*.d.ts")
	if len(files) == 0 {
		t.Skip("no generated bindings: run make bindings (scripts/wails generate module -tags webkit2_41)")
	}
	var got []string
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range exported.FindAllStringSubmatch(string(src), -1) {
			got = append(got, "api."+strings.TrimSuffix(filepath.Base(file), ".d.ts")+"."+m[1])
		}
	}
	sort.Strings(got)
	if want := allowList(t); !slices.Equal(got, want) {
		t.Fatalf("the generated bindings hold\n%v\nwant exactly\n%v", got, want)
	}
}
