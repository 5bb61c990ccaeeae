package model

import (
	"sort"
	"strings"
)

// Service finds the service shape: the one named, or the only one.
func (m *Model) Service(id ShapeID) (*Shape, error) {
	var ids []string
	for _, sid := range SortedIDs(m.Shapes) {
		if m.Shapes[sid].Type == Service {
			ids = append(ids, string(sid))
		}
	}
	if id != "" {
		if s := m.Shapes[id]; s != nil && s.Type == Service {
			return s, nil
		}
		return nil, &Error{Pos: Position{File: m.File}, Shape: id, Msg: "no such service in the model; " + theServices(ids)}
	}
	switch len(ids) {
	case 0:
		return nil, &Error{Pos: Position{File: m.File}, Msg: "the model has no service shape; -model must be the model of a service, with its operations"}
	case 1:
		return m.Shapes[ShapeID(ids[0])], nil
	}
	return nil, &Error{Pos: Position{File: m.File}, Msg: "the model has several services; choose one with -service: " + strings.Join(ids, ", ")}
}

// theServices tells which -service values a model accepts.
func theServices(ids []string) string {
	switch len(ids) {
	case 0:
		return "it has no service shape at all"
	case 1:
		return "its service is " + ids[0] + " (-service can be left out)"
	}
	return "its services are " + strings.Join(ids, ", ")
}

// Operations returns every operation of a service, bound directly or
// through resources (at any depth), sorted by name.
func (m *Model) Operations(svc *Shape) []*Shape {
	seen := map[ShapeID]bool{}
	var ops []*Shape
	var walk func(s *Shape)
	walk = func(s *Shape) {
		ids := append([]ShapeID{}, s.Operations...)
		for _, name := range sortedKeys(s.Lifecycle) {
			ids = append(ids, s.Lifecycle[name])
		}
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				ops = append(ops, m.Shapes[id])
			}
		}
		for _, r := range s.Resources {
			if !seen[r] {
				seen[r] = true
				walk(m.Shapes[r])
			}
		}
	}
	walk(svc)
	sort.Slice(ops, func(i, j int) bool { return ops[i].ID.Name() < ops[j].ID.Name() })
	return ops
}

// OperationErrors returns the errors an operation can return: its own and
// the service's, which belong to every operation. Order: the operation's
// first, as declared, then the service's; no repeats.
func (m *Model) OperationErrors(svc, op *Shape) []*Shape {
	seen := map[ShapeID]bool{}
	var errs []*Shape
	for _, id := range append(append([]ShapeID{}, op.Errors...), svc.Errors...) {
		if !seen[id] {
			seen[id] = true
			errs = append(errs, m.Shapes[id])
		}
	}
	return errs
}

// Closure returns the shapes reachable from roots through members, the
// roots included. Member targets are followed to any depth.
func (m *Model) Closure(roots []ShapeID) map[ShapeID]*Shape {
	out := map[ShapeID]*Shape{}
	var visit func(id ShapeID)
	visit = func(id ShapeID) {
		s := m.Shapes[id]
		if s == nil || out[id] != nil {
			return
		}
		out[id] = s
		if s.Type == Enum || s.Type == IntEnum {
			return
		}
		for _, mem := range s.ChildMembers() {
			visit(mem.Target)
		}
	}
	for _, r := range roots {
		visit(r)
	}
	return out
}

// MemberTraits returns a member's effective traits: those of its target
// shape with the member's own on top.
func (m *Model) MemberTraits(mem *Member) Traits {
	if t := m.Shapes[mem.Target]; t != nil {
		return Merge(t.Traits, mem.Traits)
	}
	return mem.Traits
}
