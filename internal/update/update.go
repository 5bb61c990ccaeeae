// Package update holds the -update flag of the golden tests. `go test ./...
// -update` rewrites every golden file, and passes the flag to every test
// binary of the module, so each one imports this package to accept it.
package update

import "flag"

// Golden is true when golden files are to be rewritten rather than compared.
var Golden = flag.Bool("update", false, "rewrite golden files instead of comparing with them")
