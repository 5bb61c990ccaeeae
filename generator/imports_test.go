package generator_test

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestGeneratedImportsOnlyStandardLibrary: generated packages must build
// anywhere Go does, so they import nothing outside the standard library
// (whose import paths have no dot in their first element).
func TestGeneratedImportsOnlyStandardLibrary(t *testing.T) {
	for _, c := range goldenCases(t) {
		dir := c.dir
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") {
					t.Errorf("%s imports %s, which is not in the standard library", file, path)
				}
			}
		}
	}
}
