// Command smithyidl converts Smithy IDL 2.0 files into one Smithy JSON AST
// model.
//
//	smithyidl -out model.json [-drop-dangling] file.smithy...
//
// With -drop-dangling, operations and resources bound to a service or
// resource but defined in none of the files are left out of it, and listed
// on standard error: that is how a suite is converted without some of its
// files.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/smithygen/smithygen/internal/smithyidl"
)

func main() {
	out := flag.String("out", "", "the JSON AST file to write (standard output if empty)")
	dropDangling := flag.Bool("drop-dangling", false, "leave out bindings to shapes defined in none of the files")
	flag.Parse()
	if err := run(*out, *dropDangling, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "smithyidl:", err)
		os.Exit(2)
	}
}

func run(out string, dropDangling bool, files []string) error {
	if len(files) == 0 {
		return fmt.Errorf("no .smithy files given")
	}
	c := smithyidl.New()
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if err := c.AddFile(f, src); err != nil {
			return err
		}
	}
	ast, err := c.Build()
	if err != nil {
		return err
	}
	if dropDangling {
		for _, id := range ast.DropDangling() {
			fmt.Fprintln(os.Stderr, "left out:", id)
		}
	}
	data, err := ast.JSON()
	if err != nil {
		return err
	}
	if out == "" {
		_, err = os.Stdout.Write(data)
		return err
	}
	return os.WriteFile(out, data, 0o644)
}
