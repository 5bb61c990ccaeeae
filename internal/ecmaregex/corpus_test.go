package ecmaregex

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/smithygen/smithygen/model"
)

// TestCorpusPatterns translates every @pattern of the model corpus (the
// directory in $CORPUS, by default ../shared/models/aws-restjson1 beside the
// repository) and reports how many were read with the u flag, how many under
// Annex B, and every refusal. It is skipped when the corpus is absent.
func TestCorpusPatterns(t *testing.T) {
	dir := os.Getenv("CORPUS")
	if dir == "" {
		dir = "../../../shared/models/aws-restjson1"
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Skipf("no corpus in %s", dir)
	}
	where := map[string]string{}
	uses := 0
	for _, f := range files {
		m, err := model.LoadFile(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		forEachPattern(m, func(pos model.Position, src string) {
			uses++
			if _, ok := where[src]; !ok {
				where[src] = fmt.Sprintf("%s:%d:%d", filepath.Base(pos.File), pos.Line, pos.Column)
			}
		})
	}
	srcs := make([]string, 0, len(where))
	for src := range where {
		srcs = append(srcs, src)
	}
	sort.Strings(srcs)
	var unicode, legacy, looks, refused int
	for _, src := range srcs {
		p, err := Translate(src)
		switch {
		case err != nil:
			refused++
			t.Logf("refused: %s: %v", where[src], err)
		case p.Unicode:
			unicode++
		default:
			legacy++
		}
		if err == nil && len(p.Looks) > 0 {
			looks++
		}
	}
	t.Logf("%d models, %d @pattern uses, %d distinct patterns: %d read with the u flag, %d under Annex B, %d with look-arounds, %d refused",
		len(files), uses, len(srcs), unicode, legacy, looks, refused)
}
