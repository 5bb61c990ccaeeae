// Command smithygen generates a Go restJson1 server package from a Smithy
// service model (the JSON AST), and compares two versions of a model.
//
//	smithygen -model FILE -out DIR [-package NAME] [-service SHAPE_ID]
//	          [-ops Op1,Op2,...] [-validation-error SHAPE_NAME] [-check]
//	smithygen diff -old OLD.json -new NEW.json [-service SHAPE_ID] [-json] [-fail-on-breaking] [-v]
//
// Exit status: 0 done, 1 -check found differences, 2 bad usage or an
// invalid model, 3 diff -fail-on-breaking found breaking changes.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
