package generator_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/smithygen/smithygen/generator"
	"github.com/smithygen/smithygen/internal/outdir"
	"github.com/smithygen/smithygen/internal/update"
	"github.com/smithygen/smithygen/model"
)

// goldenCases are the committed generated packages: the two AWS services,
// which users see, and small hand-written models that together use every
// shape type and trait the generator supports. The golden packages are
// ordinary packages of this module, so `go vet` and the tests compile them.
var goldenCases = []struct {
	model, dir, pkg string
	opts            generator.Options // Package aside
}{
	{"../model/testdata/aws/2024-06/chime-sdk-identity.json", "../output/chimesdkidentity", "chimesdkidentity", generator.Options{}},
	{"../model/testdata/aws/2024-06/chime.json", "../output/chime", "chime", generator.Options{}},
	{"testdata/kitchensink.json", "internal/golden/kitchensink", "kitchensink", generator.Options{}},
	{"testdata/legacy10.json", "internal/golden/legacy10", "legacy10", generator.Options{}},
	{"testdata/cycles.json", "internal/golden/cycles", "cycles", generator.Options{}},
	{"../conformance/testdata/restjson.json", "../conformance/internal/restjson", "restjson", generator.Options{}},
	{"../conformance/testdata/restjson-full.json", "../conformance/internal/restjsonfull", "restjsonfull",
		generator.Options{Service: "aws.protocoltests.restjson#RestJson", ValidationError: "smithy.framework#ValidationException"}},
}

// TestGolden regenerates each golden package and compares it, file by
// file, with what is committed: a failure means output/ is stale (run
// `make generate`) or the generator changed (review the diff).
func TestGolden(t *testing.T) {
	for _, c := range goldenCases {
		t.Run(c.pkg, func(t *testing.T) {
			m, err := model.LoadFile(c.model)
			if err != nil {
				t.Fatal(err)
			}
			opts := c.opts
			opts.Package = c.pkg
			files, err := generator.Generate(m, opts)
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
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("two runs differ:\n%s", diff)
	}
}
