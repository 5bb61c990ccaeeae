package model

import (
	"fmt"
	"sort"
	"strings"
)

// Error is a problem with a model: what is wrong, in which shape, and where
// in which file. The command line prints it and exits 2.
type Error struct {
	Pos   Position
	Shape ShapeID // empty when the problem is not about one shape
	Msg   string
}

func (e *Error) Error() string {
	where := e.Pos.File
	if e.Pos.Line > 0 {
		where = fmt.Sprintf("%s:%d:%d", where, e.Pos.Line, e.Pos.Column)
	}
	if e.Shape != "" {
		return fmt.Sprintf("%s: shape %s: %s", where, e.Shape, e.Msg)
	}
	return fmt.Sprintf("%s: %s", where, e.Msg)
}

// Errorf builds an *Error about a shape.
func Errorf(pos Position, shape ShapeID, format string, args ...any) *Error {
	return &Error{Pos: pos, Shape: shape, Msg: fmt.Sprintf(format, args...)}
}

// Errors are every problem found in a model, reported together so that
// one run names them all.
type Errors []*Error

// Error lists the errors one a line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap gives errors.As and errors.Is the errors one by one.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Sorted returns the errors in the order of their positions, each once.
func (es Errors) Sorted() Errors {
	out := append(Errors{}, es...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Column != b.Pos.Column {
			return a.Pos.Column < b.Pos.Column
		}
		return a.Error() < b.Error()
	})
	n := 0
	for i, e := range out {
		if i > 0 && e.Error() == out[n-1].Error() {
			continue
		}
		out[n] = e
		n++
	}
	return out[:n]
}
