package bench

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/smithygen/smithygen/generator"
	"github.com/smithygen/smithygen/internal/corpus"
	"github.com/smithygen/smithygen/internal/outdir"
	"github.com/smithygen/smithygen/model"
)

// corpusDir holds every restJson1 model AWS publishes, beside the
// repository rather than in it; the benchmarks below skip without it.
const corpusDir = "../../shared/models/aws-restjson1"

// corpusModels reads the corpus, or skips when it is absent.
func corpusModels(b *testing.B) map[string][]byte {
	b.Helper()
	paths, err := corpus.Models(corpusDir)
	if err != nil || len(paths) == 0 {
		b.Skipf("no corpus in %s", corpusDir)
	}
	data := map[string][]byte{}
	for _, p := range paths {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		data[p] = d
	}
	return data
}

// generateModel is smithygen's whole job for one model; it reports
// whether the generator accepted the model.
func generateModel(b *testing.B, path string, data []byte) bool {
	m, err := model.Load(path, data)
	if err != nil {
		return false
	}
	pkg := corpus.PackageDir(filepath.Base(path))
	files, err := generator.Generate(m, generator.Options{Package: pkg})
	if err != nil {
		return false
	}
	if err := outdir.Write(filepath.Join(b.TempDir(), pkg), files); err != nil {
		b.Fatal(err)
	}
	return true
}

// BenchmarkGenerateCorpus generates every model of the AWS corpus that the
// generator accepts (the others cost only their refusal).
func BenchmarkGenerateCorpus(b *testing.B) {
	models := corpusModels(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for path, data := range models {
			generateModel(b, path, data)
		}
	}
}

// BenchmarkGenerateQuickSight generates the largest model of the corpus.
func BenchmarkGenerateQuickSight(b *testing.B) {
	path := filepath.Join(corpusDir, "quicksight-2018-04-01.json")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Skipf("no corpus in %s", corpusDir)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if !generateModel(b, path, data) {
			b.Skip("the generator refuses QuickSight")
		}
	}
}
