package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// jargon is the words issue 15 took off the screens: a person keeps "your journal", "what
// you share", "a backup file" and "the program's text", never the names of our parts.
var jargon = regexp.MustCompile(`(?i)\bvaults?\b|\bshared space\b|\bmarkdown\b|\bage files?\b|\b(?-i:JSON)\b`)

// TestCodedSentencesUsePlainWords reads every sentence Go hands to a person through apperr
// (apperr.New, Wrap and Errorf, whose text the window and the command line show as they are)
// and refuses the jargon the screens stopped using. Tests are left out.
func TestCodedSentencesUsePlainWords(t *testing.T) {
	fset := token.NewFileSet()
	read := 0
	err := filepath.WalkDir("internal", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		file, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || !isApperrCall(call) {
				return true
			}
			for _, arg := range call.Args {
				lit, ok := arg.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				text, err := strconv.Unquote(lit.Value)
				if err != nil {
					continue
				}
				read++
				if m := jargon.FindString(text); m != "" {
					t.Errorf("%s: a person reads %q in %q; say it in plain words", fset.Position(lit.Pos()), m, text)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if read < 60 {
		t.Fatalf("only %d sentences read; the check is looking in the wrong place", read)
	}
}

func isApperrCall(call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "apperr" && (sel.Sel.Name == "New" || sel.Sel.Name == "Wrap" || sel.Sel.Name == "Errorf")
}
