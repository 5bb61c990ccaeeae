package templates

import (
	"embed"
	"io/fs"
	"strings"
)

//go:embed *.go
var sources embed.FS

// signingName stands in for the constant that each generated package
// declares beside NewHandler: the name of the model's aws.auth#sigv4 trait,
// which SigV4 signatures are scoped to. "service" is the name AWS's SigV4
// test suite signs for.
const signingName = "service"

// Files returns the runtime's source files by name: every file of this
// package but its tests and this one, which only exists to embed them.
func Files() map[string][]byte {
	entries, _ := fs.ReadDir(sources, ".")
	files := map[string][]byte{}
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, "_test.go") || name == "embed.go" {
			continue
		}
		data, _ := sources.ReadFile(name)
		files[name] = data
	}
	return files
}
