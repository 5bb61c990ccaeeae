package main

import (
	"path/filepath"
	"strings"

	"github.com/smithygen/smithygen/generator"
	"github.com/smithygen/smithygen/internal/outdir"
	"github.com/smithygen/smithygen/internal/textdiff"
)

// checkDir returns a unified diff from what dir holds to what would be
// generated, or "" when they are the same.
func checkDir(dir string, files []generator.File) (string, error) {
	changes, err := outdir.Compare(dir, files)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, c := range changes {
		// a/ and b/ prefixes as git writes them, also for absolute paths.
		name := strings.TrimPrefix(filepath.ToSlash(filepath.Join(dir, c.Name)), "/")
		b.WriteString(textdiff.Unified(name, name, string(c.Old), string(c.New)))
	}
	return b.String(), nil
}
