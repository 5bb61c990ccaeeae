// Command report turns the output of `go test -bench` (several counts) into
// BENCHMARKS.md: for each benchmark and its baseline, the median time and
// allocations, their ratio, and the goal it is held to. `make bench` runs it.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// result is the medians of one benchmark over its runs.
type result struct {
	ns, bytes, allocs float64
	runs              int
}

// goal is what a benchmark is held to.
type goal struct {
	name, baseline string
	what           string
	met            func(r, base result) (string, bool)
}

var goals = []goal{
	{"BenchmarkGenerateChime", "", "full legacy Chime model end to end: ≤ 300 ms/op",
		func(r, _ result) (string, bool) { return ms(r.ns), r.ns <= 300e6 }},
	{"BenchmarkGenerateChime10x", "BenchmarkGenerateChime", "a model 10× the size: time ≤ 11× the 1× figure",
		func(r, base result) (string, bool) { return ratio(r.ns / base.ns), r.ns <= 11*base.ns }},
	// Figures without a goal (met is nil): skipped where the corpus is absent.
	{"BenchmarkGenerateCorpus", "", "all 239 AWS restJson1 models, loaded, generated and written", nil},
	{"BenchmarkGenerateQuickSight", "", "QuickSight, the largest model of the corpus", nil},
	{"BenchmarkRequestPath", "BenchmarkRequestPathBaseline", "CreateAppInstance in process: ≥ 4× faster than encoding/json + regexp, ≤ 8 allocs/op",
		func(r, base result) (string, bool) {
			return fmt.Sprintf("%s faster, %.0f allocs/op", ratio(base.ns/r.ns), r.allocs), base.ns >= 4*r.ns && r.allocs <= 8
		}},
	{"BenchmarkRequestPathMiddleware", "BenchmarkRequestPath", "the same with one empty middleware: its cost, ≤ 2 allocs/op more",
		func(r, base result) (string, bool) {
			return fmt.Sprintf("%+.0f ns, %+.0f allocs/op", r.ns-base.ns, r.allocs-base.allocs), r.allocs-base.allocs <= 2
		}},
	{"BenchmarkEncodeDescribeAppInstance", "BenchmarkEncodeDescribeAppInstanceBaseline", "DescribeAppInstance response encoding: ≥ 4× faster than encoding/json",
		func(r, base result) (string, bool) { return ratio(base.ns/r.ns) + " faster", base.ns >= 4*r.ns }},
	{"BenchmarkValidateSeed", "", "validation of the seed input: ≤ 100 ns/op, 0 allocs",
		func(r, _ result) (string, bool) {
			return fmt.Sprintf("%.0f ns, %.0f allocs", r.ns, r.allocs), r.ns <= 100 && r.allocs == 0
		}},
	{"BenchmarkEventWrite", "", "one event message encoded, written and flushed by the event-stream writer: 0 allocs/op",
		func(r, _ result) (string, bool) {
			return fmt.Sprintf("%.0f ns, %.0f allocs", r.ns, r.allocs), r.allocs == 0
		}},
	{"BenchmarkEventRead", "", "one 3.2 KB audio event read from a request's event stream: 0 allocs/op",
		func(r, _ result) (string, bool) {
			return fmt.Sprintf("%.0f ns, %.0f allocs", r.ns, r.allocs), r.allocs == 0
		}},
	{"BenchmarkEventDecode", "", "one Bedrock-sized event message decoded from its frame", nil},
	{"BenchmarkEventStreamConverse", "BenchmarkEventStreamConverseByHand", "ConverseStream text deltas through the generated handler, per event: 0 allocs, vs the same frames written by hand",
		func(r, base result) (string, bool) {
			return fmt.Sprintf("%.1fM events/s (%.1fM by hand), %.0f allocs/event", 1e3/r.ns, 1e3/base.ns, r.allocs), r.allocs == 0
		}},
	{"BenchmarkHTTPLoopback", "BenchmarkHTTPLoopbackBaseline", "over loopback, vs a bare handler answering a constant 201: overhead ≤ 15%",
		func(r, base result) (string, bool) {
			over := (r.ns - base.ns) / base.ns * 100
			return fmt.Sprintf("%+.1f%%", over), over <= 15
		}},
}

// ms shows a time per op in milliseconds, or in nanoseconds when it is
// under one.
func ms(ns float64) string {
	if ns < 1e6 {
		return fmt.Sprintf("%.0f ns", ns)
	}
	return fmt.Sprintf("%.0f ms", ns/1e6)
}

func ratio(x float64) string { return fmt.Sprintf("%.1f×", x) }
func median(xs []float64) float64 {
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 0 {
		return (xs[n/2-1] + xs[n/2]) / 2
	}
	return xs[n/2]
}

func main() {
	in := flag.String("in", "", "go test -bench output")
	out := flag.String("out", "BENCHMARKS.md", "report to write")
	tmpdir := flag.String("tmpdir", "", "where the generator benchmarks wrote their files")
	flag.Parse()
	raw, err := os.ReadFile(*in)
	if err != nil {
		fatal(err)
	}
	results := parse(string(raw))
	f, err := os.Create(*out)
	if err != nil {
		fatal(err)
	}
	defer f.Close()
	write(f, results, string(raw), *tmpdir)
}

// parse collects each benchmark's ns/op, B/op and allocs/op over its runs.
func parse(text string) map[string]result {
	samples := map[string][3][]float64{}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		name := fields[0]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			name = name[:i]
		}
		s := samples[name]
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			switch fields[i+1] {
			case "ns/op":
				s[0] = append(s[0], v)
			case "B/op":
				s[1] = append(s[1], v)
			case "allocs/op":
				s[2] = append(s[2], v)
			}
		}
		samples[name] = s
	}
	results := map[string]result{}
	for name, s := range samples {
		if len(s[0]) == 0 {
			continue
		}
		r := result{ns: median(s[0]), runs: len(s[0])}
		if len(s[1]) > 0 {
			r.bytes = median(s[1])
		}
		if len(s[2]) > 0 {
			r.allocs = median(s[2])
		}
		results[name] = r
	}
	return results
}

func write(w io.Writer, results map[string]result, raw, tmpdir string) {
	fmt.Fprintln(w, "# Benchmarks")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Measured %s on %s, %d cores, %s. Medians over the runs of each benchmark, one test binary running at a time. The generator benchmarks run one after another in one process; the others come in rounds of one run each, a benchmark and its baseline one after the other in the same process.\n\n",
		time.Now().UTC().Format("2006-01-02"), cpuName(), runtime.NumCPU(), goVersion())
	if tmpdir == "" {
		tmpdir = os.TempDir()
	}
	fmt.Fprintf(w, "The generator benchmarks write their files under `%s`. ", tmpdir)
	fmt.Fprintln(w, "Reproduce with `make bench` (it writes this file); compare two runs with benchstat on the raw output below.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| goal | benchmark | ns/op | B/op | allocs/op | baseline ns/op | baseline allocs/op | measured | met |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---|---|")
	for _, g := range goals {
		r, ok := results[g.name]
		if !ok {
			fmt.Fprintf(w, "| %s | %s | – | – | – | – | – | not run | no |\n", g.what, g.name)
			continue
		}
		base := results[g.baseline]
		measured, met := ms(r.ns), "–"
		if g.met != nil {
			var ok bool
			measured, ok = g.met(r, base)
			met = yes(ok)
		}
		baseNs, baseAllocs := "–", "–"
		if g.baseline != "" {
			baseNs, baseAllocs = fmt.Sprintf("%.0f", base.ns), fmt.Sprintf("%.0f", base.allocs)
		}
		fmt.Fprintf(w, "| %s | %s | %.0f | %.0f | %.0f | %s | %s | %s | %s |\n",
			g.what, strings.TrimPrefix(g.name, "Benchmark"), r.ns, r.bytes, r.allocs, baseNs, baseAllocs, measured, met)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "## Raw output")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "```")
	fmt.Fprint(w, strings.TrimSpace(raw))
	fmt.Fprintln(w)
	fmt.Fprintln(w, "```")
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "**no**"
}

func cpuName() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				return strings.TrimSpace(v)
			}
		}
	}
	return runtime.GOARCH
}

func goVersion() string {
	out, err := exec.Command("go", "version").Output()
	if err != nil {
		return runtime.Version()
	}
	return strings.TrimSpace(string(out))
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "report:", err)
	os.Exit(1)
}
