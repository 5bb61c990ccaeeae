package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/smithygen/smithygen/generator"
	"github.com/smithygen/smithygen/internal/outdir"
	"github.com/smithygen/smithygen/internal/textdiff"
	"github.com/smithygen/smithygen/model"
)

// loadModel reads the model a flag names. A path that does not exist is
// most often relative to the wrong directory: under go generate, relative
// paths start from the directory of the file that holds the directive.
func loadModel(flagName, path string) (*model.Model, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s %s: no such file; relative paths start from the current directory (under go generate, the directory of the file with the //go:generate line)", flagName, path)
	}
	return model.LoadFile(path)
}

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
