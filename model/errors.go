package model

import "fmt"

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
