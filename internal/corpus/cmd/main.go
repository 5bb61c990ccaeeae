// Command cmd checks the generator against a directory of models (make
// corpus): it prints one line per model that fails to generate, build or
// vet, then the summary, and exits 1 when any failed.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/smithygen/smithygen/internal/corpus"
)

func main() {
	dir := flag.String("dir", "../shared/models/aws-restjson1", "`directory` of Smithy JSON AST models")
	keep := flag.Bool("keep", false, "keep the generated module and print where it is")
	verbose := flag.Bool("v", false, "print each model as it is generated")
	flag.Parse()
	work, err := os.MkdirTemp("", "smithygen-corpus-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(2)
	}
	if *keep {
		fmt.Fprintln(os.Stderr, "corpus: packages in", work)
	} else {
		defer os.RemoveAll(work)
	}
	log := io.Discard
	if *verbose {
		log = os.Stderr
	}
	res, err := corpus.Check(*dir, work, log)
	for _, f := range res.Failures {
		fmt.Println(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.RemoveAll(work)
		os.Exit(2)
	}
	fmt.Println(res.Summary())
	if len(res.Failures) > 0 {
		if !*keep {
			os.RemoveAll(work)
		}
		os.Exit(1)
	}
}
