// Package bench holds the benchmarks of smithygen and of the code it
// generates, each beside the baseline it is measured against. `make bench`
// runs them and writes BENCHMARKS.md; no benchmark is a pass/fail test.
package bench
