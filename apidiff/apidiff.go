// Package apidiff compares two versions of a Smithy model and says what
// changed in a service's API, and what each change means for the users of a
// server generated from it: `smithygen diff`.
//
// The comparison reads the model IR, never the text: formatting, the order
// of shapes and members, and shapes outside the service make no change.
//
// # Severity
//
// Severities are judged from the side of a server's users, who regenerate
// their package from the new model and serve the clients that already exist:
//
//   - breaking: the regenerated code no longer compiles against theirs (a
//     type, field or constant is gone or changed type), or requests that
//     worked before now fail (a route moved, a constraint tightened, a value
//     became required).
//   - dangerous: everything still compiles and serves, but handlers may now
//     meet values or outcomes they were not written for (a new enum value
//     arrives, a member that validation guaranteed may now be absent, an
//     error changes status or fault).
//   - safe: nothing existing is affected (an operation or optional member is
//     added, a constraint is loosened, documentation changed).
//
// # Kinds
//
// Each change has a stable kind, for tools:
//
//	kind                       severity   what changed
//	operation-added            safe       a new operation; servers that embed UnimplementedService
//	                                      answer 501 until they implement it
//	operation-removed          breaking   an operation left the service
//	http-route-changed         breaking   the @http method or URI of an operation
//	http-code-changed          breaking   the @http success status of an operation
//	error-added                dangerous  an operation (or every one: a service error) can return
//	                                      an error old clients do not know
//	error-removed              dangerous  an error is no longer modeled for the operation; a handler
//	                                      that still returns it answers 500
//	shape-added                safe       a new structure, union or enum used by an existing operation
//	shape-removed              breaking   a structure, union or enum existing operations used is gone:
//	                                      a Go type disappears
//	shape-type-changed         breaking   a shape changed type (string to enum, list to map, ...)
//	member-added               safe       an optional structure member
//	                           dangerous  a union member: a variant handlers were not written for
//	                           breaking   a required member without a default
//	member-removed             breaking   a member of a structure, union, list or map is gone
//	member-target-changed      breaking   a member targets another shape
//	                           safe       ... of the same simple type: the Go type stays (the
//	                                      constraints of the two targets are compared too)
//	member-now-required        breaking   @required added (safe when the member has a default)
//	member-no-longer-required  dangerous  @required removed: handlers that relied on validation
//	                                      may now see nil (safe when the member has a default)
//	default-added              breaking   @default added to a scalar member: its Go field turns from
//	                                      pointer to value (dangerous on other members)
//	default-removed            breaking   the opposite
//	default-changed            dangerous  absent members now read as another value
//	binding-changed            breaking   where a member travels: @httpLabel, @httpQuery,
//	                                      @httpQueryParams, @httpHeader, @httpPrefixHeaders,
//	                                      @httpPayload, @httpResponseCode, @jsonName
//	enum-value-added           dangerous  validation lets through a value handlers may not handle
//	enum-value-removed         breaking   a Go constant is gone; clients sending the value get 400
//	enum-value-changed         breaking   the same Go constant stands for another wire value
//	length-tightened           breaking   @length added, or a minimum raised or a maximum lowered
//	length-loosened            safe       @length removed or widened
//	range-tightened            breaking   the same for @range
//	range-loosened             safe
//	pattern-added              breaking
//	pattern-changed            breaking   whether the new pattern accepts every value the old one
//	                                      did cannot be known, so it is taken to reject some
//	pattern-removed            safe
//	unique-items-added         breaking
//	unique-items-removed       safe
//	<trait>-added, -removed,   by trait   traits that change a server and have no comparison of
//	-changed                              their own: sensitive, deprecated, idempotency-token
//	                                      (safe); error-fault, http-error (dangerous: clients
//	                                      retry and report by them); timestamp-format, media-type,
//	                                      sparse, streaming (breaking: wire format or Go type)
//	documentation-changed      safe       @documentation added, removed or changed (quiet)
//	trait-added, -removed,     safe       any other trait: it does not reach the generated server
//	-changed                              (endpoint rules, auth, pagination, examples, ...) (quiet)
//
// Quiet changes are always in Report.Changes; Text and JSON show them only
// when verbose (smithygen diff -v).
//
// # Where changes are reported
//
// Every change belongs to one group. Changes to an operation itself (route,
// errors, removal) are reported under the operation. A change to a shape is
// reported once: under the operation that uses it when only one does (its
// input, typically), or else among the shared shapes, listing in Operations
// the operations that reach it. Service-wide changes (the service's
// errors and traits) have neither. Shapes that leave or join the service
// only because the operations that used them were removed or added are not
// listed again: the operation-removed and operation-added changes stand for
// them.
package apidiff

import (
	"fmt"
	"slices"
	"sort"

	"github.com/smithygen/smithygen/model"
)

// Severity says what a change means for a server's users.
type Severity string

// The severities, worst first.
const (
	Breaking  Severity = "breaking"
	Dangerous Severity = "dangerous"
	Safe      Severity = "safe"
)

func (s Severity) rank() int {
	switch s {
	case Breaking:
		return 0
	case Dangerous:
		return 1
	}
	return 2
}

// Change is one difference between the two models.
type Change struct {
	Severity Severity `json:"severity"`
	Kind     string   `json:"kind"` // see the package documentation
	// Operation is the operation the change belongs to: the one changed, or
	// the only one that uses the changed shape. Empty for shared shapes and
	// service-wide changes.
	Operation string `json:"operation,omitempty"`
	// Operations are the operations that reach a changed shape, in the old
	// version or the new, sorted: those in both versions, which the change
	// may affect, when there are any. Set only for shared shapes.
	Operations []string      `json:"operations,omitempty"`
	Shape      model.ShapeID `json:"shape"` // the shape or member changed
	Message    string        `json:"message"`
	Old        string        `json:"old,omitempty"`
	New        string        `json:"new,omitempty"`
}

// Report is the comparison of two versions of a service.
type Report struct {
	Old, New string // the model files
	Service  model.ShapeID
	Changes  []Change // sorted by group, then severity, then shape
}

// Breaking reports whether any change is breaking.
func (r *Report) Breaking() bool {
	for _, c := range r.Changes {
		if c.Severity == Breaking {
			return true
		}
	}
	return false
}

// Compare compares the service in two versions of a model. service may be
// empty when the old model has only one; the new model must have a service
// of the same ID.
func Compare(oldModel, newModel *model.Model, service model.ShapeID) (*Report, error) {
	oldSvc, err := oldModel.Service(service)
	if err != nil {
		return nil, err
	}
	newSvc, err := newModel.Service(oldSvc.ID)
	if err != nil {
		return nil, err
	}
	d := &differ{old: newSide(oldModel, oldSvc), new: newSide(newModel, newSvc)}
	d.compareService()
	d.compareOperations()
	d.compareShapes()
	sortChanges(d.changes)
	return &Report{Old: oldModel.File, New: newModel.File, Service: oldSvc.ID, Changes: d.changes}, nil
}

// side is one version of the service, indexed for the comparison.
type side struct {
	m   *model.Model
	svc *model.Shape
	// ops are the service's operations by name: names, not IDs, are what a
	// Go server sees (the methods of its Service interface).
	ops map[string]*model.Shape
	// users maps every shape the operations reach (their inputs, outputs and
	// errors, to any depth) to the names of those operations, sorted.
	users map[model.ShapeID][]string
}

func newSide(m *model.Model, svc *model.Shape) side {
	s := side{m: m, svc: svc, ops: map[string]*model.Shape{}, users: map[model.ShapeID][]string{}}
	for _, op := range m.Operations(svc) {
		name := op.ID.Name()
		s.ops[name] = op
		roots := []model.ShapeID{op.Input, op.Output}
		for _, e := range m.OperationErrors(svc, op) {
			roots = append(roots, e.ID)
		}
		for id := range m.Closure(roots) {
			s.users[id] = append(s.users[id], name)
		}
	}
	return s
}

// differ collects the changes between two sides.
type differ struct {
	old, new side
	// pairs are the shapes compared with each other: those of the same ID on
	// both sides, and the inputs and outputs of an operation whose model
	// names changed (the Go types are OInput and OOutput whatever the model
	// calls them, so only their members matter).
	pairs   []pair
	changes []Change
}

// pair is two shapes compared with each other; op is the operation whose
// renamed input or output they are, else empty.
type pair struct {
	old, new model.ShapeID
	op       string
}

// at is where a change is reported: the shape or member, and its group.
type at struct {
	id  model.ShapeID
	op  string
	ops []string
}

// on is the same group for another shape or member.
func (a at) on(id model.ShapeID) at { a.id = id; return a }

func (d *differ) add(a at, sev Severity, kind, msg, oldValue, newValue string) {
	d.changes = append(d.changes, Change{
		Severity: sev, Kind: kind, Operation: a.op, Operations: a.ops, Shape: a.id,
		Message: msg, Old: oldValue, New: newValue,
	})
}

// compareService compares what belongs to every operation: the service's
// errors, and its traits (endpoint rules, auth, documentation).
func (d *differ) compareService() {
	a := at{id: d.new.svc.ID}
	d.compareErrors(a, "every operation", d.old.svc.Errors, d.new.svc.Errors)
	d.compareTraits(a, d.old.svc.Traits, d.new.svc.Traits)
}

// compareOperations reports operations added and removed, and compares
// those in both versions.
func (d *differ) compareOperations() {
	for _, name := range unionKeys(d.old.ops, d.new.ops) {
		o, n := d.old.ops[name], d.new.ops[name]
		switch {
		case n == nil:
			d.add(at{id: o.ID, op: name}, Breaking, "operation-removed",
				fmt.Sprintf("operation %s%s removed", name, routeNote(o)), "", "")
		case o == nil:
			d.add(at{id: n.ID, op: name}, Safe, "operation-added",
				fmt.Sprintf("operation %s%s added", name, routeNote(n)), "", "")
		default:
			d.compareOperation(name, o, n)
		}
	}
}

func (d *differ) compareOperation(name string, o, n *model.Shape) {
	a := at{id: n.ID, op: name}
	d.compareRoute(a, o.Traits.HTTP(), n.Traits.HTTP())
	d.compareErrors(a, name, o.Errors, n.Errors)
	d.compareTraits(a, o.Traits, n.Traits)
	if o.Input != n.Input {
		d.pairs = append(d.pairs, pair{o.Input, n.Input, name})
	}
	if o.Output != n.Output {
		d.pairs = append(d.pairs, pair{o.Output, n.Output, name})
	}
}

// compareRoute compares the @http traits of an operation.
func (d *differ) compareRoute(a at, o, n *model.HTTP) {
	if route(o) != route(n) {
		d.add(a, Breaking, "http-route-changed", "route of "+a.op+" changed", route(o), route(n))
	}
	if o != nil && n != nil && o.Code != n.Code {
		d.add(a, Breaking, "http-code-changed", "success status of "+a.op+" changed",
			fmt.Sprint(o.Code), fmt.Sprint(n.Code))
	}
}

func route(h *model.HTTP) string {
	if h == nil {
		return ""
	}
	return h.Method + " " + h.URI
}

func routeNote(op *model.Shape) string {
	if r := route(op.Traits.HTTP()); r != "" {
		return " (" + r + ")"
	}
	return ""
}

// compareErrors compares the errors an operation, or the service for all
// of them, declares. who says who returns them, for the messages.
func (d *differ) compareErrors(a at, who string, o, n []model.ShapeID) {
	for _, id := range o {
		if !slices.Contains(n, id) {
			d.add(a.on(id), Dangerous, "error-removed", fmt.Sprintf("%s no longer returns %s", who, id.Name()), "", "")
		}
	}
	for _, id := range n {
		if !slices.Contains(o, id) {
			d.add(a.on(id), Dangerous, "error-added", fmt.Sprintf("%s can now return %s", who, id.Name()), "", "")
		}
	}
}

func unionKeys[V any](a, b map[string]V) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}
