package apidiff

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Groups of a report, in the order they are shown.
const (
	groupService = iota
	groupOperation
	groupShared
)

func (c Change) group() int {
	switch {
	case c.Operation != "":
		return groupOperation
	case len(c.Operations) > 0:
		return groupShared
	}
	return groupService
}

func (c Change) quiet() bool { return quietKinds[c.Kind] }

// sortChanges orders changes by group (service, operations by name, shared
// shapes), then severity, worst first, then shape; the rest of the fields
// only make the order total, so that reports compare line by line.
func sortChanges(cs []Change) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		switch {
		case a.group() != b.group():
			return a.group() < b.group()
		case a.Operation != b.Operation:
			return a.Operation < b.Operation
		case a.Severity != b.Severity:
			return a.Severity.rank() < b.Severity.rank()
		case a.Shape != b.Shape:
			return a.Shape < b.Shape
		case a.Kind != b.Kind:
			return a.Kind < b.Kind
		case a.Message != b.Message:
			return a.Message < b.Message
		case a.Old != b.Old:
			return a.Old < b.Old
		}
		return a.New < b.New
	})
}

// visible returns the changes a report shows, and how many quiet ones it
// leaves out.
func (r *Report) visible(verbose bool) (shown []Change, hidden int) {
	shown = []Change{}
	for _, c := range r.Changes {
		if c.quiet() && !verbose {
			hidden++
			continue
		}
		shown = append(shown, c)
	}
	return shown, hidden
}

// Summary counts the changes a report shows.
type Summary struct {
	Total     int `json:"total"`
	Breaking  int `json:"breaking"`
	Dangerous int `json:"dangerous"`
	Safe      int `json:"safe"`
	// Hidden counts the quiet changes left out (documentation and traits
	// that do not reach the server).
	Hidden int `json:"hidden"`
}

func summarize(cs []Change, hidden int) Summary {
	s := Summary{Total: len(cs), Hidden: hidden}
	for _, c := range cs {
		switch c.Severity {
		case Breaking:
			s.Breaking++
		case Dangerous:
			s.Dangerous++
		default:
			s.Safe++
		}
	}
	return s
}

// String is the summary line of a text report, the quiet changes left out
// included, so that one line says all there is to know at a glance.
func (s Summary) String() string {
	left := ""
	if s.Hidden > 0 {
		them := "them"
		if s.Hidden == 1 {
			them = "it"
		}
		left = count(s.Hidden, "change") + " to documentation, or to traits the server does not use, left out; -v shows " + them
	}
	switch {
	case s.Total == 0 && left == "":
		return "no changes"
	case s.Total == 0:
		return "no changes to the API (" + left + ")"
	case left != "":
		left = " (" + left + ")"
	}
	return fmt.Sprintf("%s: %d breaking, %d dangerous, %d safe%s", count(s.Total, "change"), s.Breaking, s.Dangerous, s.Safe, left)
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// usedByShown is how many operations the text names under a shared shape
// before it only counts them; verbose text names them all.
const usedByShown = 5

// Text renders the report for people: a header, the changes grouped by
// operation with service-wide changes first and shared shapes last, and a
// summary line. verbose adds the quiet changes and names every operation
// that uses a shared shape.
func (r *Report) Text(verbose bool) string {
	shown, hidden := r.visible(verbose)
	var b strings.Builder
	// The summary first: a long report should not hide its verdict at the
	// bottom.
	fmt.Fprintf(&b, "%s\n", summarize(shown, hidden))
	fmt.Fprintf(&b, "  service: %s\n  old: %s\n  new: %s\n", r.Service, r.Old, r.New)
	heading := ""
	for _, c := range shown {
		if h := c.heading(); h != heading {
			heading = h
			fmt.Fprintf(&b, "\n%s\n", h)
		}
		fmt.Fprintf(&b, "  %-9s  %s%s\n", c.Severity, c.Message, c.values())
		if c.group() == groupShared {
			fmt.Fprintf(&b, "  %-9s  used by %s\n", "", usedBy(c.Operations, verbose))
		}
	}
	return b.String()
}

func (c Change) heading() string {
	switch c.group() {
	case groupOperation:
		return "Operation " + c.Operation
	case groupShared:
		return "Shared shapes"
	}
	return "Service"
}

// values renders the old and new values after a message: both when both
// exist, else what was added or what is gone.
func (c Change) values() string {
	switch {
	case c.Old != "" && c.New != "":
		return ": " + c.Old + " -> " + c.New
	case c.New != "":
		return ": " + c.New
	case c.Old != "":
		return ": was " + c.Old
	}
	return ""
}

func usedBy(ops []string, all bool) string {
	if all || len(ops) <= usedByShown {
		return strings.Join(ops, ", ")
	}
	return fmt.Sprintf("%d operations: %s, ...", len(ops), strings.Join(ops[:usedByShown], ", "))
}

// JSON renders the report for tools, indented, with the field names of
// Change and Summary. verbose adds the quiet changes, as in Text.
func (r *Report) JSON(verbose bool) ([]byte, error) {
	shown, hidden := r.visible(verbose)
	out := struct {
		Old     string   `json:"old"`
		New     string   `json:"new"`
		Service string   `json:"service"`
		Summary Summary  `json:"summary"`
		Changes []Change `json:"changes"`
	}{r.Old, r.New, string(r.Service), summarize(shown, hidden), shown}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
