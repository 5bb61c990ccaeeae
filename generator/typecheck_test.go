package generator_test

import (
	"errors"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"testing"

	"github.com/smithygen/smithygen/generator"
	"github.com/smithygen/smithygen/model"
)

// TestEveryModelTypeChecks: whatever model of the repository smithygen
// accepts, the package it generates compiles. Models it refuses must be
// refused with a model error, never turned into code that does not build.
func TestEveryModelTypeChecks(t *testing.T) {
	var paths []string
	for _, pattern := range []string{"../*/testdata/*.json", "../*/testdata/*/*.json", "../*/testdata/*/*/*.json"} {
		found, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, found...)
	}
	if len(paths) < 10 {
		t.Fatalf("found only %d models: %v", len(paths), paths)
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", nil)
	for _, path := range paths {
		m, err := model.LoadFile(path)
		if err != nil {
			continue // not a Smithy model: apidiff's golden reports
		}
		for _, svc := range model.SortedIDs(m.Shapes) {
			if m.Shapes[svc].Type != model.Service {
				continue
			}
			t.Run(path+"/"+svc.Name(), func(t *testing.T) {
				typeCheck(t, fset, imp, m, svc)
			})
		}
	}
}

// typeCheck generates the package of a service and type-checks it, or
// makes sure that smithygen refused the model with model errors.
func typeCheck(t *testing.T, fset *token.FileSet, imp types.Importer, m *model.Model, svc model.ShapeID) {
	files, err := generator.Generate(m, generator.Options{Package: "p", Service: svc})
	if err != nil {
		var errs model.Errors
		var e *model.Error
		if !errors.As(err, &errs) && !errors.As(err, &e) {
			t.Fatalf("refused without a model error: %v", err)
		}
		t.Skipf("refused: %v", err)
	}
	var parsed []*ast.File
	for _, f := range files {
		pf, err := parser.ParseFile(fset, f.Name, f.Content, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, pf)
	}
	conf := types.Config{Importer: imp, Error: func(err error) { t.Error(err) }}
	conf.Check("p", fset, parsed, nil)
}
