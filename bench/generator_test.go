package bench

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/smithygen/smithygen/generator"
	"github.com/smithygen/smithygen/internal/outdir"
	"github.com/smithygen/smithygen/model"
)

const chimeModel = "../model/testdata/aws/2024-06/chime.json"

// generate runs the whole job of `smithygen -model ... -out ...`: load,
// plan, emit, format, write.
func generate(b *testing.B, path string, data []byte) {
	b.Helper()
	m, err := model.Load(path, data)
	if err != nil {
		b.Fatal(err)
	}
	files, err := generator.Generate(m, generator.Options{Package: "chime"})
	if err != nil {
		b.Fatal(err)
	}
	if err := outdir.Write(filepath.Join(b.TempDir(), "chime"), files); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkGenerateChime generates the full legacy Chime service (191
// operations, 836 shapes).
func BenchmarkGenerateChime(b *testing.B) {
	data, err := os.ReadFile(chimeModel)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		generate(b, chimeModel, data)
	}
}

// BenchmarkGenerateChime10x generates a model ten times the size: Chime's
// shapes repeated under other names, bound to one service.
func BenchmarkGenerateChime10x(b *testing.B) {
	data := scaledModel(b, 10)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		generate(b, "chime10x.json", data)
	}
}

var scaled sync.Map

// scaledModel copies every shape of the Chime model n times, the k-th copy
// in namespace com.amazonaws.chimeK with its operations renamed OpK and
// bound to the one service, so that Go names stay distinct.
func scaledModel(b *testing.B, n int) []byte {
	if v, ok := scaled.Load(n); ok {
		return v.([]byte)
	}
	data, err := os.ReadFile(chimeModel)
	if err != nil {
		b.Fatal(err)
	}
	var ast struct {
		Smithy string                     `json:"smithy"`
		Shapes map[string]json.RawMessage `json:"shapes"`
	}
	if err := json.Unmarshal(data, &ast); err != nil {
		b.Fatal(err)
	}
	out := map[string]json.RawMessage{}
	var svc map[string]any
	var ops []any
	for k := 0; k < n; k++ {
		for id, raw := range ast.Shapes {
			text := string(raw)
			newID := id
			if k > 0 {
				text = renameCopy(text, k)
				newID = renameCopy(`"`+id+`"`, k)
				newID = newID[1 : len(newID)-1]
			}
			if strings.HasSuffix(id, "#UCBuzzConsoleService") {
				var s map[string]any
				json.Unmarshal([]byte(text), &s)
				ops = append(ops, s["operations"].([]any)...)
				if k == 0 {
					svc = s
				}
				continue
			}
			out[newID] = json.RawMessage(text)
		}
	}
	svc["operations"] = ops
	svcRaw, _ := json.Marshal(svc)
	out["com.amazonaws.chime#UCBuzzConsoleService"] = svcRaw
	model, err := json.Marshal(map[string]any{"smithy": ast.Smithy, "shapes": out})
	if err != nil {
		b.Fatal(err)
	}
	scaled.Store(n, model)
	return model
}

// renameCopy gives the k-th copy its own namespace and shape names.
func renameCopy(text string, k int) string {
	text = strings.ReplaceAll(text, "com.amazonaws.chime#", fmt.Sprintf("com.amazonaws.chime%d#C%d", k, k))
	return strings.ReplaceAll(text, `"uri": "/`, fmt.Sprintf(`"uri": "/c%d/`, k))
}
