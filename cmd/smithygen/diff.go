package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/smithygen/smithygen/apidiff"
	"github.com/smithygen/smithygen/model"
)

// runDiff is `smithygen diff`: what changed in a service's API between two
// versions of its model, and what each change means for a server's users.
func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("smithygen diff", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		oldPath        = fs.String("old", "", "the earlier model `file` (Smithy JSON AST)")
		newPath        = fs.String("new", "", "the later model `file`")
		service        = fs.String("service", "", "absolute shape ID of the service, when the model has several")
		asJSON         = fs.Bool("json", false, "print the report as JSON, for tools")
		failOnBreaking = fs.Bool("fail-on-breaking", false, "exit 3 when any change is breaking")
		verbose        = fs.Bool("v", false, "also report documentation and other changes that do not reach the server")
	)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: smithygen diff -old OLD.json -new NEW.json [-service SHAPE_ID] [-json] [-fail-on-breaking] [-v]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "smithygen diff: unexpected argument %q; flags come first, and the models are named with -old and -new\n", fs.Arg(0))
		return exitUsage
	}
	if *oldPath == "" || *newPath == "" {
		fmt.Fprintln(stderr, "smithygen diff: -old and -new are required")
		fs.Usage()
		return exitUsage
	}
	report, err := compareFiles(*oldPath, *newPath, model.ShapeID(*service))
	if err != nil {
		fmt.Fprintln(stderr, "smithygen diff:", err)
		return exitUsage
	}
	if *asJSON {
		out, err := report.JSON(*verbose)
		if err != nil {
			fmt.Fprintln(stderr, "smithygen diff:", err)
			return exitUsage
		}
		stdout.Write(out)
	} else {
		fmt.Fprint(stdout, report.Text(*verbose))
	}
	if *failOnBreaking && report.Breaking() {
		fmt.Fprintln(stderr, "smithygen diff: the new model has breaking changes, marked breaking in the report; exit status 3 (-fail-on-breaking)")
		return exitBreaking
	}
	return exitOK
}

func compareFiles(oldPath, newPath string, service model.ShapeID) (*apidiff.Report, error) {
	oldModel, err := loadModel("-old", oldPath)
	if err != nil {
		return nil, err
	}
	newModel, err := loadModel("-new", newPath)
	if err != nil {
		return nil, err
	}
	return apidiff.Compare(oldModel, newModel, service)
}
