package generator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/smithygen/smithygen/generator"
	"github.com/smithygen/smithygen/internal/outdir"
	"github.com/smithygen/smithygen/internal/update"
	"github.com/smithygen/smithygen/model"
)

// goldenCase is a committed generated package: the golden packages are
// ordinary packages of this module, so `go vet` and the tests compile them.
type goldenCase struct {
	model, dir, pkg string // model and dir relative to this directory
	opts            generator.Options
}

// goldenCases reads the list of golden packages, which `make generate`
// reads too: the two AWS services, which users see, and small hand-written
// models that together use every shape type and trait the generator
// supports.
func goldenCases(t *testing.T) []goldenCase {
	t.Helper()
	data, err := os.ReadFile("testdata/goldens.txt")
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if len(fields) < 2 {
			t.Fatalf("testdata/goldens.txt: %q is not a model and a directory", line)
		}
		c := goldenCase{model: "../" + fields[0], dir: "../" + fields[1], pkg: filepath.Base(fields[1])}
		c.opts.Package = c.pkg
		// The flags smithygen is run with, if any: -service and
		// -validation-error, each followed by its value.
		flags := fields[2:]
		for i := 0; i+1 < len(flags); i += 2 {
			switch flags[i] {
			case "-service":
				c.opts.Service = model.ShapeID(flags[i+1])
			case "-validation-error":
				c.opts.ValidationError = flags[i+1]
			default:
				t.Fatalf("testdata/goldens.txt: %q: unknown flag %s", line, flags[i])
			}
		}
		if len(flags)%2 != 0 {
			t.Fatalf("testdata/goldens.txt: %q: flag without a value", line)
		}
		cases = append(cases, c)
	}
	return cases
}

// TestGolden regenerates each golden package and compares it, file by
// file, with what is committed: a failure means output/ is stale (run
// `make generate`) or the generator changed (review the diff).
func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.pkg, func(t *testing.T) {
			m, err := model.LoadFile(c.model)
			if err != nil {
				t.Fatal(err)
			}
			files, err := generator.Generate(m, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if *update.Golden {
				if err := outdir.Write(c.dir, files); err != nil {
					t.Fatal(err)
				}
				return
			}
			changes, err := outdir.Compare(c.dir, files)
			if err != nil {
				t.Fatal(err)
			}
			for _, ch := range changes {
				t.Errorf("%s/%s is stale; run `make generate` (-committed +generated):\n%s", c.dir, ch.Name, cmp.Diff(string(ch.Old), string(ch.New)))
			}
		})
	}
}

// TestDeterministic generates the largest model twice: the bytes must not
// change from run to run.
func TestDeterministic(t *testing.T) {
	m, err := model.LoadFile("../model/testdata/aws/2024-06/chime.json")
	if err != nil {
		t.Fatal(err)
	}
	first, err := generator.Generate(m, generator.Options{Package: "chime"})
	if err != nil {
		t.Fatal(err)
	}
	second, err := generator.Generate(m, generator.Options{Package: "chime"})
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != len(second) {
		t.Fatalf("two runs give %d and %d files", len(first), len(second))
	}
	for i := range first {
		if first[i].Name != second[i].Name || !bytes.Equal(first[i].Content, second[i].Content) {
			t.Errorf("two runs differ in %s:\n%s", first[i].Name, cmp.Diff(string(first[i].Content), string(second[i].Content)))
		}
	}
}
