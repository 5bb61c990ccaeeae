package textdiff

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// numbered returns the lines "from\n" … "to\n".
func numbered(from, to int) string {
	var sb strings.Builder
	for i := from; i <= to; i++ {
		sb.WriteString(strconv.Itoa(i))
		sb.WriteByte('\n')
	}
	return sb.String()
}

// replaceLine returns s with its line n (1-based) replaced by repl, which
// carries its own newline (or none, to remove the line).
func replaceLine(s string, n int, repl string) string {
	lines := strings.SplitAfter(s, "\n")
	lines[n-1] = repl
	return strings.Join(lines, "")
}

const nl = "\\ No newline at end of file\n"

type unifiedCase struct {
	name             string
	oldName, newName string
	old, new         string
	want             string
}

// unifiedCases have a single shortest edit script each, so their expected
// output is also what GNU diff prints (checked by TestUnifiedMatchesGNUDiff).
var unifiedCases = []unifiedCase{
	{
		name: "identical",
		old:  "a\nb\n", new: "a\nb\n",
		want: "",
	},
	{
		name: "both empty",
		want: "",
	},
	{
		name: "one line changed in the middle",
		old:  numbered(1, 10), new: replaceLine(numbered(1, 10), 5, "five\n"),
		want: "--- a/f\n+++ b/f\n" +
			"@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
	},
	{
		name:    "names differ",
		oldName: "old/x.go", newName: "new/x.go",
		old: "a\n", new: "b\n",
		want: "--- a/old/x.go\n+++ b/new/x.go\n@@ -1 +1 @@\n-a\n+b\n",
	},
	{
		name: "file added",
		old:  "", new: "a\nb\n",
		want: "--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n",
	},
	{
		name: "one-line file added",
		old:  "", new: "a\n",
		want: "--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n",
	},
	{
		name: "file removed",
		old:  "a\nb\n", new: "",
		want: "--- a/f\n+++ b/f\n@@ -1,2 +0,0 @@\n-a\n-b\n",
	},
	{
		name: "file added without final newline",
		old:  "", new: "a\nb",
		want: "--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n" + nl,
	},
	{
		name: "final newline removed",
		old:  "a\nb\n", new: "a\nb",
		want: "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n" + nl,
	},
	{
		name: "final newline added",
		old:  "a", new: "a\n",
		want: "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n" + nl + "+a\n",
	},
	{
		name: "last line changed, neither side has a final newline",
		old:  "a\nb", new: "a\nc",
		want: "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n" + nl + "+c\n" + nl,
	},
	{
		name: "context line without final newline",
		old:  "a\nb\nc", new: "x\nb\nc",
		want: "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n-a\n+x\n b\n c\n" + nl,
	},
	{
		name: "line inserted at the top",
		old:  numbered(1, 10), new: "0\n" + numbered(1, 10),
		want: "--- a/f\n+++ b/f\n@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n",
	},
	{
		name: "line appended at the end",
		old:  numbered(1, 10), new: numbered(1, 11),
		want: "--- a/f\n+++ b/f\n@@ -8,3 +8,4 @@\n 8\n 9\n 10\n+11\n",
	},
	{
		name: "line inserted in the middle",
		old:  numbered(1, 10), new: numbered(1, 5) + "x\n" + numbered(6, 10),
		want: "--- a/f\n+++ b/f\n@@ -3,6 +3,7 @@\n 3\n 4\n 5\n+x\n 6\n 7\n 8\n",
	},
	{
		name: "lines deleted in the middle",
		old:  numbered(1, 10), new: numbered(1, 4) + numbered(7, 10),
		want: "--- a/f\n+++ b/f\n@@ -2,8 +2,6 @@\n 2\n 3\n 4\n-5\n-6\n 7\n 8\n 9\n",
	},
	{
		name: "changes six lines apart share a hunk",
		old:  numbered(1, 20),
		new:  replaceLine(replaceLine(numbered(1, 20), 4, "four\n"), 11, "eleven\n"),
		want: "--- a/f\n+++ b/f\n@@ -1,14 +1,14 @@\n" +
			" 1\n 2\n 3\n-4\n+four\n 5\n 6\n 7\n 8\n 9\n 10\n-11\n+eleven\n 12\n 13\n 14\n",
	},
	{
		name: "changes seven lines apart get separate hunks",
		old:  numbered(1, 20),
		new:  replaceLine(replaceLine(numbered(1, 20), 4, "four\n"), 12, "twelve\n"),
		want: "--- a/f\n+++ b/f\n" +
			"@@ -1,7 +1,7 @@\n 1\n 2\n 3\n-4\n+four\n 5\n 6\n 7\n" +
			"@@ -9,7 +9,7 @@\n 9\n 10\n 11\n-12\n+twelve\n 13\n 14\n 15\n",
	},
	{
		name: "hunks shift line numbers of later hunks",
		old:  numbered(1, 30),
		new:  numbered(1, 3) + "x\ny\n" + numbered(4, 25) + numbered(27, 30),
		want: "--- a/f\n+++ b/f\n" +
			"@@ -1,6 +1,8 @@\n 1\n 2\n 3\n+x\n+y\n 4\n 5\n 6\n" +
			"@@ -23,7 +25,6 @@\n 23\n 24\n 25\n-26\n 27\n 28\n 29\n",
	},
	{
		name: "everything replaced",
		old:  "a\nb\n", new: "c\nd\ne\n",
		want: "--- a/f\n+++ b/f\n@@ -1,2 +1,3 @@\n-a\n-b\n+c\n+d\n+e\n",
	},
	{
		name: "blank line becomes text",
		old:  "\n", new: "a\n",
		want: "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-\n+a\n",
	},
}

func TestUnified(t *testing.T) {
	for _, tc := range unifiedCases {
		t.Run(tc.name, func(t *testing.T) {
			oldName, newName := names(tc)
			got := Unified(oldName, newName, tc.old, tc.new)
			if d := cmp.Diff(tc.want, got); d != "" {
				t.Errorf("Unified mismatch (-want +got):\n%s", d)
			}
		})
	}
}

func names(tc unifiedCase) (string, string) {
	oldName, newName := tc.oldName, tc.newName
	if oldName == "" {
		oldName = "f"
	}
	if newName == "" {
		newName = "f"
	}
	return oldName, newName
}

// TestUnifiedMatchesGNUDiff checks the expected outputs above against the
// tool whose format Unified reproduces, so the table cannot drift from it.
func TestUnifiedMatchesGNUDiff(t *testing.T) {
	diffPath, err := exec.LookPath("diff")
	if err != nil {
		t.Skip("diff not installed")
	}
	if out, err := exec.Command(diffPath, "--version").Output(); err != nil || !strings.Contains(string(out), "GNU diffutils") {
		t.Skip("diff is not GNU diffutils")
	}
	dir := t.TempDir()
	for i, tc := range unifiedCases {
		t.Run(tc.name, func(t *testing.T) {
			oldName, newName := names(tc)
			oldPath := filepath.Join(dir, fmt.Sprintf("%d.old", i))
			newPath := filepath.Join(dir, fmt.Sprintf("%d.new", i))
			if err := os.WriteFile(oldPath, []byte(tc.old), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(newPath, []byte(tc.new), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(diffPath, "-u", "--label", "a/"+oldName, "--label", "b/"+newName, oldPath, newPath)
			out, err := cmd.Output()
			// Exit status 1 only means the files differ.
			var exitErr *exec.ExitError
			if err != nil && !(errors.As(err, &exitErr) && exitErr.ExitCode() == 1) {
				t.Fatalf("diff: %v", err)
			}
			if d := cmp.Diff(string(out), Unified(oldName, newName, tc.old, tc.new)); d != "" {
				t.Errorf("differs from diff -u (-diff +Unified):\n%s", d)
			}
		})
	}
}

// applyUnified applies a diff produced by Unified to old. It is strict:
// every context and deleted line must match, and every hunk header must
// agree with the lines of its hunk and with where the hunk lands in the
// result, so a malformed diff fails rather than happening to work.
func applyUnified(old, diff string) (string, error) {
	if diff == "" {
		return old, nil
	}
	src := splitLines(old)
	lines := strings.SplitAfter(diff, "\n")
	if lines[len(lines)-1] != "" {
		return "", errors.New("diff does not end in a newline")
	}
	lines = lines[:len(lines)-1]
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "--- a/") || !strings.HasPrefix(lines[1], "+++ b/") {
		return "", errors.New("missing file headers")
	}
	lines = lines[2:]

	var out []string
	pos := 0 // next line of src to copy
	for len(lines) > 0 {
		var oldStart, oldCount, newStart, newCount int
		h := strings.TrimSuffix(lines[0], "\n")
		if !strings.HasPrefix(h, "@@ -") || !strings.HasSuffix(h, " @@") {
			return "", fmt.Errorf("bad hunk header %q", h)
		}
		fields := strings.Fields(h[3 : len(h)-3])
		if len(fields) != 2 || fields[0][0] != '-' || fields[1][0] != '+' {
			return "", fmt.Errorf("bad hunk header %q", h)
		}
		var err error
		if oldStart, oldCount, err = parseRange(fields[0][1:]); err != nil {
			return "", err
		}
		if newStart, newCount, err = parseRange(fields[1][1:]); err != nil {
			return "", err
		}
		lines = lines[1:]

		// An empty range names the line before it; otherwise the start is
		// the 1-based number of its first line.
		at := oldStart
		if oldCount > 0 {
			at--
		}
		if at < pos || at > len(src) {
			return "", fmt.Errorf("hunk %q out of order or out of range", h)
		}
		out = append(out, src[pos:at]...)
		pos = at
		wantNew := newStart
		if newCount > 0 {
			wantNew--
		}
		if len(out) != wantNew {
			return "", fmt.Errorf("hunk %q lands at new line %d", h, len(out)+1)
		}

		seenOld, seenNew := 0, 0
		for len(lines) > 0 && !strings.HasPrefix(lines[0], "@@") {
			l := lines[0]
			lines = lines[1:]
			if l == "" || l == "\n" {
				return "", errors.New("empty diff line")
			}
			text := l[1:]
			if len(lines) > 0 && lines[0] == nl {
				text = strings.TrimSuffix(text, "\n")
				lines = lines[1:]
			}
			switch l[0] {
			case ' ', '-':
				if pos >= len(src) || src[pos] != text {
					return "", fmt.Errorf("hunk %q: line %q does not match old line %d", h, text, pos+1)
				}
				pos++
				seenOld++
				if l[0] == ' ' {
					out = append(out, text)
					seenNew++
				}
			case '+':
				out = append(out, text)
				seenNew++
			default:
				return "", fmt.Errorf("unexpected diff line %q", l)
			}
		}
		if seenOld != oldCount || seenNew != newCount {
			return "", fmt.Errorf("hunk %q has %d old and %d new lines", h, seenOld, seenNew)
		}
	}
	out = append(out, src[pos:]...)
	return strings.Join(out, ""), nil
}

func parseRange(s string) (start, count int, err error) {
	startStr, countStr, hasCount := strings.Cut(s, ",")
	if start, err = strconv.Atoi(startStr); err != nil {
		return 0, 0, fmt.Errorf("bad range %q", s)
	}
	count = 1
	if hasCount {
		if count, err = strconv.Atoi(countStr); err != nil {
			return 0, 0, fmt.Errorf("bad range %q", s)
		}
		if count == 1 {
			return 0, 0, fmt.Errorf("range %q should omit its count", s)
		}
	}
	return start, count, nil
}

// randomText draws lines from a small alphabet so that the two sides share
// many lines in many possible alignments, and leaves off the final newline
// now and then.
func randomText(r *rand.Rand, maxLines int) string {
	var sb strings.Builder
	n := r.IntN(maxLines + 1)
	for i := 0; i < n; i++ {
		sb.WriteByte("abcde"[r.IntN(5)])
		sb.WriteByte('\n')
	}
	s := sb.String()
	if s != "" && r.IntN(4) == 0 {
		s = s[:len(s)-1]
	}
	return s
}

// lcsLen is the textbook dynamic program, the reference for minimality.
func lcsLen(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// countEdits counts the '-' and '+' lines of a unified diff.
func countEdits(diff string) int {
	n := 0
	for i, l := range strings.Split(diff, "\n") {
		if i >= 2 && l != "" && (l[0] == '-' || l[0] == '+') {
			n++
		}
	}
	return n
}

func TestUnifiedRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5000; i++ {
		old, new := randomText(r, 25), randomText(r, 25)
		diff := Unified("f", "f", old, new)
		if (diff == "") != (old == new) {
			t.Fatalf("old %q new %q: got diff %q", old, new, diff)
		}
		got, err := applyUnified(old, diff)
		if err != nil {
			t.Fatalf("old %q new %q: applying diff:\n%s\nerror: %v", old, new, diff, err)
		}
		if got != new {
			t.Fatalf("old %q new %q: applying diff:\n%s\ngives %q", old, new, diff, got)
		}
		// Small inputs never reach the cost limit, so the script must be a
		// shortest one.
		a, b := splitLines(old), splitLines(new)
		if want := len(a) + len(b) - 2*lcsLen(a, b); countEdits(diff) != want {
			t.Fatalf("old %q new %q: %d edits, shortest script has %d:\n%s", old, new, countEdits(diff), want, diff)
		}
	}
}

// TestCostLimit forces the heuristic split on every search step and checks
// that the edit marks still describe a valid transformation.
func TestCostLimit(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 2000; i++ {
		a := splitLines(randomText(r, 60))
		b := splitLines(randomText(r, 60))
		ia, ib := toIDs(a, b)
		m := newMyers(ia, ib)
		m.costLimit = 1 + r.IntN(3)
		m.compare(0, len(ia), 0, len(ib))
		var keptA, keptB []int32
		for k, del := range m.del {
			if !del {
				keptA = append(keptA, ia[k])
			}
		}
		for k, ins := range m.ins {
			if !ins {
				keptB = append(keptB, ib[k])
			}
		}
		if d := cmp.Diff(keptA, keptB); d != "" {
			t.Fatalf("a %q b %q: unmarked lines differ (-a +b):\n%s", a, b, d)
		}
	}
}

func toIDs(a, b []string) ([]int32, []int32) {
	ids := map[string]int32{}
	conv := func(lines []string) []int32 {
		out := make([]int32, len(lines))
		for i, l := range lines {
			id, ok := ids[l]
			if !ok {
				id = int32(len(ids))
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	return conv(a), conv(b)
}

func TestUnifiedDeterministic(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	old, new := randomText(r, 400), randomText(r, 400)
	want := Unified("f", "f", old, new)
	for i := 0; i < 5; i++ {
		if got := Unified("f", "f", old, new); got != want {
			t.Fatalf("run %d gave a different diff", i)
		}
	}
}

// largeFile is n lines resembling source code, all distinct.
func largeFile(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "\tfield%d string `json:\"field%d\"`\n", i, i)
	}
	return sb.String()
}

// TestUnifiedLargeInputs guards against the quadratic cases: they must
// finish and still round-trip. The time bound is loose on purpose; the
// benchmarks below give the real figures.
func TestUnifiedLargeInputs(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	smallAlphabet := func(n int) string {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&sb, "%d\n", r.IntN(4))
		}
		return sb.String()
	}
	cases := []struct {
		name     string
		old, new string
	}{
		{"one change in 20000 lines", largeFile(20000), replaceLine(largeFile(20000), 10000, "changed\n")},
		{"unrelated 5000-line files", largeFile(5000), strings.ReplaceAll(largeFile(5000), "field", "other")},
		{"5000 lines from a 4-line alphabet", smallAlphabet(5000), smallAlphabet(5000)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			diff := Unified("f", "f", tc.old, tc.new)
			if elapsed := time.Since(start); elapsed > 5*time.Second {
				t.Errorf("took %v", elapsed)
			}
			got, err := applyUnified(tc.old, diff)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.new {
				t.Fatal("applying the diff does not give the new text")
			}
		})
	}
}

func BenchmarkUnifiedOneChange20000(b *testing.B) {
	old := largeFile(20000)
	new := replaceLine(old, 12345, "\tchanged string\n")
	b.ReportAllocs()
	for b.Loop() {
		Unified("f", "f", old, new)
	}
}

func BenchmarkUnifiedUnrelated5000(b *testing.B) {
	old := largeFile(5000)
	new := strings.ReplaceAll(old, "field", "other")
	b.ReportAllocs()
	for b.Loop() {
		Unified("f", "f", old, new)
	}
}

func BenchmarkUnifiedSmallAlphabet5000(b *testing.B) {
	r := rand.New(rand.NewPCG(9, 10))
	gen := func() string {
		var sb strings.Builder
		for i := 0; i < 5000; i++ {
			fmt.Fprintf(&sb, "%d\n", r.IntN(4))
		}
		return sb.String()
	}
	old, new := gen(), gen()
	b.ReportAllocs()
	for b.Loop() {
		Unified("f", "f", old, new)
	}
}
