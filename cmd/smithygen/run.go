package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/smithygen/smithygen/generator"
	"github.com/smithygen/smithygen/internal/outdir"
	"github.com/smithygen/smithygen/model"
)

// Exit statuses.
const (
	exitOK       = 0
	exitChanged  = 1
	exitUsage    = 2
	exitBreaking = 3
)

// run is the whole command, testable without a process of its own.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "diff" {
		return runDiff(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("smithygen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		modelPath = fs.String("model", "", "Smithy JSON AST `file` to read")
		out       = fs.String("out", "", "`directory` to write the package to (created if missing)")
		pkg       = fs.String("package", "", "Go package `name` (default: base name of -out)")
		service   = fs.String("service", "", "absolute shape ID of the service, when the model has several")
		ops       = fs.String("ops", "", "comma-separated operation `names` to generate (default: all)")
		invalid   = fs.String("validation-error", "", "error `shape` that reports invalid input")
		check     = fs.Bool("check", false, "write nothing; print a diff and exit 1 if -out is not up to date")
		version   = fs.Bool("version", false, "print the version and exit")
	)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: smithygen -model FILE -out DIR [-package NAME] [-service SHAPE_ID] [-ops Op1,Op2] [-validation-error SHAPE] [-check]")
		fmt.Fprintln(stderr, "       smithygen diff -old OLD.json -new NEW.json [-service SHAPE_ID] [-json] [-fail-on-breaking] [-v]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if *version {
		fmt.Fprintln(stdout, "smithygen", buildVersion())
		return exitOK
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "smithygen: unexpected argument %q; flags come first, and the model is named with -model FILE\n", fs.Arg(0))
		return exitUsage
	}
	if *modelPath == "" || *out == "" {
		fmt.Fprintln(stderr, "smithygen: -model and -out are required")
		fs.Usage()
		return exitUsage
	}
	opts := generator.Options{
		Package:         *pkg,
		Service:         model.ShapeID(*service),
		ValidationError: *invalid,
		Warn:            func(msg string) { fmt.Fprintln(stderr, "smithygen: warning:", msg) },
	}
	if opts.Package == "" {
		opts.Package = packageName(*out)
		if opts.Package == "" {
			fmt.Fprintf(stderr, "smithygen: cannot make a package name from %q; use -package\n", *out)
			return exitUsage
		}
	}
	if *ops != "" {
		for _, o := range strings.Split(*ops, ",") {
			if o = strings.TrimSpace(o); o != "" {
				opts.Operations = append(opts.Operations, o)
			}
		}
	}
	m, err := loadModel("-model", *modelPath)
	if err != nil {
		printModelErrors(stderr, err)
		return exitUsage
	}
	files, err := generator.Generate(m, opts)
	if err != nil {
		printModelErrors(stderr, err)
		return exitUsage
	}
	if *check {
		diff, err := checkDir(*out, files)
		if err != nil {
			fmt.Fprintln(stderr, "smithygen:", err)
			return exitUsage
		}
		if diff != "" {
			fmt.Fprint(stdout, diff)
			fmt.Fprintf(stderr, "smithygen: %s is not what %s generates; regenerate it with `go generate ./...` (or this command without -check) and commit the result\n", *out, *modelPath)
			return exitChanged
		}
		return exitOK
	}
	if err := outdir.Write(*out, files); err != nil {
		if errors.As(err, new(*os.PathError)) {
			// The file system refused: the message names the path, not why
			// smithygen wanted it.
			err = fmt.Errorf("%w; -out must be a directory you can write (it is created if missing)", err)
		}
		fmt.Fprintln(stderr, "smithygen:", err)
		return exitUsage
	}
	return exitOK
}

// packageName derives a package name from the output directory: its base
// name, lower-cased, with everything but letters and digits dropped.
func packageName(dir string) string {
	abs, err := filepath.Abs(dir)
	if err == nil {
		dir = abs
	}
	var b strings.Builder
	for _, r := range strings.ToLower(filepath.Base(dir)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	name := b.String()
	if name != "" && unicode.IsDigit(rune(name[0])) {
		name = "p" + name
	}
	return name
}

// printModelErrors prints every error of a model on a line of its own.
func printModelErrors(w io.Writer, err error) {
	var errs model.Errors
	if !errors.As(err, &errs) {
		errs = model.Errors{{Msg: err.Error()}}
	}
	for _, e := range errs {
		if e.Pos.File == "" && e.Shape == "" {
			fmt.Fprintln(w, "smithygen:", e.Msg)
			continue
		}
		fmt.Fprintln(w, "smithygen:", e)
	}
}
