// Package corpus checks the generator against a directory of models: it
// generates a package from each, then builds and vets them all, and
// reports every model that fails at either stage.
package corpus

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/smithygen/smithygen/generator"
	"github.com/smithygen/smithygen/internal/outdir"
	"github.com/smithygen/smithygen/model"
)

// modulePath is the module that holds every generated package, so that
// one go build and one go vet cover them all and the go command spreads
// the work over every core.
const modulePath = "corpus.test"

// Failure is a model that did not get through a stage.
type Failure struct {
	Model string // file name of the model
	Stage string // "generate", "build" or "vet"
	Error string // the first line of what went wrong
}

func (f Failure) String() string {
	return fmt.Sprintf("%s %s: %s", f.Model, f.Stage, f.Error)
}

// Result is what Check found.
type Result struct {
	Models    int       // models in the directory
	Generated int       // models that generated a package
	Clean     int       // packages that built and vetted clean
	Failures  []Failure // sorted by model
}

// Summary is the one-line outcome.
func (r Result) Summary() string {
	return fmt.Sprintf("%d/%d generate, %d/%d build and vet clean", r.Generated, r.Models, r.Clean, r.Models)
}

// Models lists the model files of dir, sorted.
func Models(dir string) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	return paths, nil
}

// Check generates a package from every model of dir into a module under
// work, then builds and vets that module. Progress goes to log.
func Check(dir, work string, log io.Writer) (Result, error) {
	paths, err := Models(dir)
	if err != nil {
		return Result{}, err
	}
	if len(paths) == 0 {
		return Result{}, fmt.Errorf("corpus: no *.json models in %s", dir)
	}
	if err := os.WriteFile(filepath.Join(work, "go.mod"), []byte("module "+modulePath+"\n\ngo 1.24\n"), 0o644); err != nil {
		return Result{}, err
	}
	res := Result{Models: len(paths)}
	pkgModel := map[string]string{} // package directory -> model file name
	for _, path := range paths {
		name := filepath.Base(path)
		pkg := PackageDir(name)
		if err := generate(path, filepath.Join(work, pkg), pkg); err != nil {
			res.Failures = append(res.Failures, Failure{name, "generate", firstLine(err.Error())})
			continue
		}
		fmt.Fprintf(log, "generated %s\n", name)
		res.Generated++
		pkgModel[pkg] = name
	}
	failed := map[string]bool{}
	for _, stage := range []string{"build", "vet"} {
		out, err := goCommand(work, stage)
		if err != nil && len(out) == 0 {
			return res, fmt.Errorf("corpus: go %s: %v", stage, err)
		}
		for pkg, msg := range packageErrors(out) {
			model, ok := pkgModel[pkg]
			if !ok || failed[pkg] {
				continue
			}
			failed[pkg] = true
			res.Failures = append(res.Failures, Failure{model, stage, msg})
		}
		if err != nil && len(failed) == 0 {
			return res, fmt.Errorf("corpus: go %s failed without naming a package:\n%s", stage, out)
		}
	}
	res.Clean = res.Generated - len(failed)
	sort.Slice(res.Failures, func(i, j int) bool { return res.Failures[i].Model < res.Failures[j].Model })
	return res, nil
}

// generate writes the package of one model, turning a panic into an
// error so that one model cannot stop the check of the others.
func generate(modelPath, out, pkg string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	m, err := model.LoadFile(modelPath)
	if err != nil {
		return err
	}
	files, err := generator.Generate(m, generator.Options{Package: pkg})
	if err != nil {
		return err
	}
	return outdir.Write(out, files)
}

// PackageDir is the package (and directory) name for a model file:
// "api-gateway-2015-07-09.json" gives "apigateway".
func PackageDir(file string) string {
	base := strings.TrimSuffix(file, ".json")
	// Drop the trailing -YYYY-MM-DD version.
	if parts := strings.Split(base, "-"); len(parts) > 3 {
		base = strings.Join(parts[:len(parts)-3], "-")
	}
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	name := b.String()
	if name == "" || unicode.IsDigit(rune(name[0])) {
		name = "p" + name
	}
	return name
}

// goCommand runs go build or go vet over every package of the module and
// returns its combined output.
func goCommand(work, stage string) ([]byte, error) {
	args := []string{stage, "./..."}
	if stage == "build" {
		// Build everything that compiles rather than stopping early.
		args = []string{"build", "-o", os.DevNull, "./..."}
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = work
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	return cmd.CombinedOutput()
}

// packageErrors reads the output of go build or go vet, where each
// package's errors follow a "# import/path" line, and returns the first
// error line of each package directory.
func packageErrors(out []byte) map[string]string {
	errs := map[string]string{}
	pkg := ""
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if path, ok := strings.CutPrefix(line, "# "); ok {
			pkg = strings.TrimPrefix(strings.Fields(path + " ")[0], modulePath+"/")
			continue
		}
		if pkg == "" || strings.TrimSpace(line) == "" {
			continue
		}
		if _, seen := errs[pkg]; !seen {
			errs[pkg] = strings.TrimSpace(line)
		}
	}
	return errs
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
