// Package textdiff produces line-oriented unified diffs of text, in the form
// printed by `diff -u` and `git diff`, for showing how generated output differs
// from what is on disk.
package textdiff

import (
	"strconv"
	"strings"
)

// context is the number of unchanged lines shown around each change, the
// default of both diff -u and git diff.
const context = 3

// noNewline follows a line that is the last one of its file and lacks a
// terminating newline; patch(1) and git apply recognise it.
const noNewline = "\\ No newline at end of file\n"

// Unified returns a unified diff (as `diff -u` / `git diff` print it) from old
// to new, with 3 lines of context, headers "--- a/<oldName>" and
// "+++ b/<newName>", and hunks "@@ -l,s +l,s @@". Empty string when old == new.
//
// Like diff, a range of exactly one line is written without its count
// ("@@ -5 +5 @@"), and an empty range names the line before it ("-0,0" when
// old is empty, "+0,0" when new is). A last line without a newline is followed
// by "\ No newline at end of file"; such a line never equals the same text
// with a newline, so adding or dropping the final newline shows as a change of
// that line, as diff shows it.
func Unified(oldName, newName, old, new string) string {
	if old == new {
		return ""
	}
	a := splitLines(old)
	b := splitLines(new)
	delA, insB := diffLines(a, b)
	changes := collectChanges(delA, insB)
	if len(changes) == 0 {
		// Unreachable: distinct texts always split into distinct line
		// sequences, because joining the lines gives the text back.
		return ""
	}

	var sb strings.Builder
	sb.WriteString("--- a/")
	sb.WriteString(oldName)
	sb.WriteString("\n+++ b/")
	sb.WriteString(newName)
	sb.WriteString("\n")
	for i := 0; i < len(changes); {
		// Changes separated by at most 2*context unchanged lines share a
		// hunk, since their contexts would touch or overlap (GNU diff's
		// find_hunk uses the same threshold).
		j := i + 1
		for j < len(changes) && changes[j].a0-changes[j-1].aEnd() <= 2*context {
			j++
		}
		writeHunk(&sb, a, b, changes[i:j])
		i = j
	}
	return sb.String()
}

// splitLines cuts s after every newline. Each line keeps its newline so that
// a final line without one compares unequal to the same text with one; the
// last element lacks a newline exactly when s does not end in one.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := make([]string, 0, strings.Count(s, "\n")+1)
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

// change is a maximal run of edits: old lines [a0, a0+del) are replaced by new
// lines [b0, b0+ins). Either count may be zero, not both.
type change struct {
	a0, del, b0, ins int
}

func (c change) aEnd() int { return c.a0 + c.del }
func (c change) bEnd() int { return c.b0 + c.ins }

// collectChanges turns per-line marks into runs. Unmarked lines of the two
// sides pair up in order, which is what makes the walk below well defined.
func collectChanges(delA, insB []bool) []change {
	var out []change
	i, j := 0, 0
	for i < len(delA) || j < len(insB) {
		if i < len(delA) && j < len(insB) && !delA[i] && !insB[j] {
			i++
			j++
			continue
		}
		c := change{a0: i, b0: j}
		for i < len(delA) && delA[i] {
			i++
		}
		for j < len(insB) && insB[j] {
			j++
		}
		c.del, c.ins = i-c.a0, j-c.b0
		if c.del == 0 && c.ins == 0 {
			panic("textdiff: inconsistent edit marks")
		}
		out = append(out, c)
	}
	return out
}

// writeHunk writes one hunk covering changes, which are close enough together
// to share it. Unchanged stretches have the same length on both sides, so the
// leading and trailing context are the same number of lines in a and b.
func writeHunk(sb *strings.Builder, a, b []string, changes []change) {
	first, last := changes[0], changes[len(changes)-1]
	lead := min(context, first.a0)
	trail := min(context, len(a)-last.aEnd())
	start0, end0 := first.a0-lead, last.aEnd()+trail
	start1, end1 := first.b0-lead, last.bEnd()+trail

	sb.WriteString("@@ -")
	writeRange(sb, start0, end0-start0)
	sb.WriteString(" +")
	writeRange(sb, start1, end1-start1)
	sb.WriteString(" @@\n")

	i := start0
	for _, c := range changes {
		for ; i < c.a0; i++ {
			writeLine(sb, ' ', a[i])
		}
		for k := c.a0; k < c.aEnd(); k++ {
			writeLine(sb, '-', a[k])
		}
		for k := c.b0; k < c.bEnd(); k++ {
			writeLine(sb, '+', b[k])
		}
		i = c.aEnd()
	}
	for ; i < end0; i++ {
		writeLine(sb, ' ', a[i])
	}
}

// writeRange writes a hunk range the way GNU diff does: "l,s" in general,
// just "l" for one line, and for an empty range the number of the line before
// it followed by ",0". start is 0-based.
func writeRange(sb *strings.Builder, start, count int) {
	switch count {
	case 0:
		sb.WriteString(strconv.Itoa(start))
		sb.WriteString(",0")
	case 1:
		sb.WriteString(strconv.Itoa(start + 1))
	default:
		sb.WriteString(strconv.Itoa(start + 1))
		sb.WriteByte(',')
		sb.WriteString(strconv.Itoa(count))
	}
}

func writeLine(sb *strings.Builder, prefix byte, line string) {
	sb.WriteByte(prefix)
	sb.WriteString(line)
	if !strings.HasSuffix(line, "\n") {
		sb.WriteByte('\n')
		sb.WriteString(noNewline)
	}
}
