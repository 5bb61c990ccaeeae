package main

import (
	"fmt"
	"io"
)

// runDiff is `smithygen diff`.
func runDiff(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "smithygen diff: not available yet")
	return exitUsage
}
