package generator

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/smithygen/smithygen/internal/suggest"
	"github.com/smithygen/smithygen/model"
)

// Options select what to generate.
type Options struct {
	Package string        // Go package name
	Service model.ShapeID // empty: the model's only service
	// Operations lists operation names to generate; empty means all.
	Operations []string
	// ValidationError names the error shape that constraint and
	// malformed-input failures are reported as; empty: chosen per operation.
	ValidationError string
	// Warn receives the warnings of a run: choices the user may want to
	// override. Nil discards them.
	Warn func(msg string)
}

// plan is the generator's view of one service: the IR plus the Go names and
// the decisions every emitter shares. Emitters read the plan, never JSON.
type plan struct {
	m        *model.Model
	svc      *model.Shape
	pkg      string
	ops      []*operation
	shapes   map[model.ShapeID]*model.Shape // every shape the operations reach
	inputs   map[model.ShapeID]bool         // shapes reachable from an input
	outputs  map[model.ShapeID]bool         // shapes reachable from an output or error
	errors   []*model.Shape                 // every error shape used, sorted by name
	io       map[model.ShapeID]bool         // the operations' inputs and outputs
	opInputs map[model.ShapeID]bool         // the operations' inputs

	// Go names, decided by nameShapes and nameMembers (see naming.go) and
	// decideChecks.
	names          map[model.ShapeID]string // types of generated shapes
	suffixes       map[model.ShapeID]string // of each shape's helper functions
	fields         map[*model.Member]string // struct fields
	unionTypes     map[*model.Member]string // union member structs
	consts         map[*model.Member]string // enum constants
	checkFuncNames map[model.ShapeID]string // check functions, by target or member ID
	exported       map[string]bool          // exported package-level names taken
	helpers        map[string]bool          // unexported package-level names taken

	validates map[model.ShapeID]bool // shapes whose values can violate a constraint
	sensitive map[model.ShapeID]bool // shapes that can hold a @sensitive value

	// What the validators file declares: check functions by name, and the
	// pattern matchers they use.
	checks       map[string]*model.Member
	patterns     map[string]*patternDecl
	patternNames map[string]bool

	// streams are the event streams, by union; streamMembers the input
	// and output members that carry them, true for those sent (outputs).
	streams       map[model.ShapeID]*eventStream
	streamMembers map[*model.Member]bool

	// problems are the model errors planning found: all of them are
	// reported at once, and nothing is emitted.
	problems model.Errors
}

// operation is one operation with everything resolved.
type operation struct {
	shape  *model.Shape
	name   string // Go name, e.g. CreateAppInstance
	input  *model.Shape
	output *model.Shape
	http   *model.HTTP
	errors []*model.Shape
	// invalid is the error shape validation failures are reported as; nil
	// with builtinInvalid set when no modeled error can report them, and
	// the package's built-in ValidationException does.
	invalid        *model.Shape
	builtinInvalid bool
	server         *model.Shape // the modeled server error for unexpected failures, or nil
	receive        string       // the helper that gives an input its event stream reader
}

// newPlan decides everything the emitters need before any of them runs:
// the operations and the shapes they reach, every Go name, which shapes
// are validated and redacted, the check functions and pattern matchers,
// and whether routes and bindings are sound. It reports every problem of
// the model at once.
func newPlan(m *model.Model, opts Options) (*plan, error) {
	svc, err := m.Service(opts.Service)
	if err != nil {
		return nil, err
	}
	p := &plan{
		m: m, svc: svc, pkg: opts.Package, names: map[model.ShapeID]string{}, io: map[model.ShapeID]bool{}, opInputs: map[model.ShapeID]bool{},
		checks: map[string]*model.Member{}, patterns: map[string]*patternDecl{},
		suffixes: map[model.ShapeID]string{}, fields: map[*model.Member]string{}, unionTypes: map[*model.Member]string{},
		consts: map[*model.Member]string{}, checkFuncNames: map[model.ShapeID]string{}, helpers: runtimeNames(false),
	}
	// Pattern matchers are helpers like the others: their names are
	// taken from the same set.
	p.patternNames = p.helpers
	ops, err := selectOperations(m, svc, opts.Operations)
	if err != nil {
		return nil, err
	}
	if err := checkValidationFlag(m, svc, opts.ValidationError); err != nil {
		return nil, err
	}
	m, ops = separateSharedIO(m, ops)
	p.m = m
	var roots, inRoots, outRoots []model.ShapeID
	for _, o := range ops {
		op, err := p.operation(o, opts.ValidationError)
		if err != nil {
			p.refuse(err)
			continue
		}
		p.ops = append(p.ops, op)
		p.opInputs[op.input.ID] = true
		inRoots = append(inRoots, o.Input)
		outRoots = append(outRoots, o.Output)
		for _, e := range op.errors {
			outRoots = append(outRoots, e.ID)
		}
	}
	roots = append(append(roots, inRoots...), outRoots...)
	p.shapes = m.Closure(roots)
	p.inputs = idSet(m.Closure(inRoots))
	p.outputs = idSet(m.Closure(outRoots))
	seenErr := map[model.ShapeID]bool{}
	for _, op := range p.ops {
		used := op.errors
		if op.invalid != nil {
			used = append(used, op.invalid)
		}
		for _, e := range used {
			if !seenErr[e.ID] {
				seenErr[e.ID] = true
				p.errors = append(p.errors, e)
				for id, s := range m.Closure([]model.ShapeID{e.ID}) {
					p.shapes[id] = s
					p.outputs[id] = true
				}
			}
		}
	}
	p.errors = append(p.errors, p.streamingErrors(seenErr)...)
	sort.Slice(p.errors, func(i, j int) bool { return p.errors[i].ID.Name() < p.errors[j].ID.Name() })
	p.markIO()
	p.nameShapes()
	p.nameMembers()
	p.planEventStreams()
	p.decideValidation()
	p.decideSensitive()
	p.decideChecks()
	p.checkRoutes()
	p.checkBindings()
	p.checkRedaction()
	if len(p.problems) > 0 {
		return nil, p.problems.Sorted()
	}
	if opts.Warn != nil {
		p.warnBuiltinValidation(opts.Warn)
	}
	return p, nil
}

// warnBuiltinValidation names the operations whose invalid input is
// reported as the built-in ValidationException, which their clients do
// not know from the model.
func (p *plan) warnBuiltinValidation(warn func(string)) {
	var names []string
	for _, op := range p.ops {
		if op.builtinInvalid {
			names = append(names, op.name)
		}
	}
	if len(names) == 0 {
		return
	}
	warn(fmt.Sprintf("%d operations model no error that can report invalid input; they answer it with a built-in ValidationException (400) unless -validation-error names one: %s",
		len(names), strings.Join(names, ", ")))
}

// markIO records the shapes that are only operation inputs and outputs,
// which each operation's file declares as OInput and OOutput (one pair per
// operation, even when operations share a shape, as in the AWS SDK for Go
// v2). A shape that is also the target of a member elsewhere is a type of
// its own besides, with the decoders and encoders of any other structure.
func (p *plan) markIO() {
	nested := map[model.ShapeID]bool{}
	for _, s := range p.shapes {
		if s.Type == model.Enum || s.Type == model.IntEnum {
			continue
		}
		for _, m := range s.ChildMembers() {
			nested[m.Target] = true
		}
	}
	for _, op := range p.ops {
		for _, id := range []model.ShapeID{op.input.ID, op.output.ID} {
			if !nested[id] {
				p.io[id] = true
			}
		}
	}
}

func idSet(shapes map[model.ShapeID]*model.Shape) map[model.ShapeID]bool {
	s := make(map[model.ShapeID]bool, len(shapes))
	for id := range shapes {
		s[id] = true
	}
	return s
}

// selectOperations returns the operations named, or all of them; an unknown
// name is an error listing the valid ones.
func selectOperations(m *model.Model, svc *model.Shape, names []string) ([]*model.Shape, error) {
	all := m.Operations(svc)
	if len(names) == 0 {
		return all, nil
	}
	byName := map[string]*model.Shape{}
	valid := make([]string, len(all))
	for i, o := range all {
		byName[o.ID.Name()] = o
		valid[i] = o.ID.Name()
	}
	var ops []*model.Shape
	seen := map[string]bool{}
	for _, n := range names {
		o := byName[n]
		if o == nil {
			return nil, &model.Error{Pos: model.Position{File: m.File}, Shape: svc.ID, Msg: unknownOperation(n, valid)}
		}
		if !seen[n] {
			seen[n] = true
			ops = append(ops, o)
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].ID.Name() < ops[j].ID.Name() })
	return ops, nil
}

// unknownOperation says that -ops names an operation the service does not
// have, which names it may have meant, and every valid name, wrapped so that
// a service with hundreds of operations stays readable.
func unknownOperation(name string, valid []string) string {
	msg := fmt.Sprintf("unknown operation %q in -ops", name)
	if _, short, ok := strings.Cut(name, "#"); ok {
		msg += " (-ops takes operation names, not shape IDs)"
		name = short
	}
	list := fmt.Sprintf("the service's %d operations are:%s", len(valid), wrapNames(valid))
	if len(valid) == 1 {
		list = "the service's only operation is " + valid[0]
	}
	if near := suggest.Nearest(name, valid); near != nil && len(valid) > 10 {
		return fmt.Sprintf("%s; did you mean %s? The %s", msg, suggest.List(near), strings.TrimPrefix(list, "the "))
	}
	return msg + "; " + list
}

// wrapNames lists names on indented lines of at most about 80 columns.
func wrapNames(names []string) string {
	var b strings.Builder
	line := 0
	for i, n := range names {
		if i == 0 || line+len(n)+2 > 72 {
			b.WriteString("\n\t")
			line = 0
		} else {
			b.WriteString(" ")
			line++
		}
		b.WriteString(n)
		line += len(n)
		if i < len(names)-1 {
			b.WriteString(",")
			line++
		}
	}
	return b.String()
}

func (p *plan) operation(o *model.Shape, validationError string) (*operation, error) {
	op := &operation{
		shape:  o,
		name:   exported(o.ID.Name()),
		input:  p.m.Shape(o.Input),
		output: p.m.Shape(o.Output),
		http:   o.Traits.HTTP(),
		errors: p.m.OperationErrors(p.svc, o),
	}
	if op.http == nil {
		return nil, model.Errorf(o.Pos, o.ID, "the operation has no @http trait, which restJson1 needs")
	}
	for _, e := range op.errors {
		if _, ok := e.Traits.ErrorFault(); !ok || e.Type != model.Structure {
			return nil, model.Errorf(o.Pos, o.ID, "error %s is not a structure with the @error trait", e.ID)
		}
	}
	// An input without members cannot be invalid: its body must be empty
	// or {}, anything else is a 415, so it needs no validation error.
	if op.input.ID != model.UnitID && len(op.input.Members) > 0 || validationError != "" {
		var err error
		if op.invalid, err = p.validationShape(op, validationError); err != nil {
			return nil, err
		}
		op.builtinInvalid = op.invalid == nil
	}
	for _, e := range op.errors {
		if f, _ := e.Traits.ErrorFault(); f == "server" {
			if op.server == nil || strings.Contains(e.ID.Name(), "ServiceFailure") || strings.Contains(e.ID.Name(), "InternalServer") {
				op.server = e
			}
		}
	}
	return op, nil
}

// checkValidationFlag reports once, not for every operation, a
// -validation-error that names no error shape of the model, and which
// error shapes it may have meant.
func checkValidationFlag(m *model.Model, svc *model.Shape, flag string) error {
	if flag == "" {
		return nil
	}
	var names []string
	for _, id := range model.SortedIDs(m.Shapes) {
		if m.Shapes[id].Traits.Has(model.TraitError) {
			if id.Name() == flag || string(id) == flag {
				return nil
			}
			names = append(names, id.Name())
		}
	}
	msg := fmt.Sprintf("-validation-error %q is not an error shape of the model", flag)
	if near := suggest.Nearest(flag, names); near != nil {
		msg += "; did you mean " + suggest.List(near) + "?"
	} else if names != nil {
		msg += "; its error shapes are: " + strings.Join(names, ", ")
	}
	return &model.Error{Pos: model.Position{File: m.File}, Shape: svc.ID, Msg: msg}
}

// validationShape chooses the error that reports constraint and
// malformed-input failures, in this order: the -validation-error
// flag, smithy.framework#ValidationException, then the operation's 400
// client error named *BadRequest* or *Validation*. It returns nil when none
// applies: the package's built-in ValidationException reports them then
// (SPEC §4).
func (p *plan) validationShape(op *operation, flag string) (*model.Shape, error) {
	if flag != "" {
		for _, e := range op.errors {
			if e.ID.Name() == flag || string(e.ID) == flag {
				return e, nil
			}
		}
		for _, id := range model.SortedIDs(p.m.Shapes) {
			if s := p.m.Shapes[id]; (id.Name() == flag || string(id) == flag) && s.Traits.Has(model.TraitError) {
				return s, nil
			}
		}
		return nil, model.Errorf(op.shape.Pos, op.shape.ID, "-validation-error %q is not an error shape of the model", flag)
	}
	for _, e := range op.errors {
		if e.ID == "smithy.framework#ValidationException" {
			return e, nil
		}
	}
	for _, e := range op.errors {
		code, ok := e.Traits.HTTPError()
		fault, _ := e.Traits.ErrorFault()
		name := e.ID.Name()
		if fault == "client" && (!ok || code == 400) && (strings.Contains(name, "BadRequest") || strings.Contains(name, "Validation")) {
			return e, nil
		}
	}
	return nil, nil
}

// needsType reports whether a shape becomes a named Go type: structures,
// unions and enums do; lists, maps and simple shapes become Go's own types.
func needsType(s *model.Shape) bool {
	switch s.Type {
	case model.Structure, model.Union, model.Enum, model.IntEnum:
		return s.ID != model.UnitID
	}
	return false
}

// typeName is the Go name of a named shape.
func (p *plan) typeName(id model.ShapeID) string { return p.names[id] }

// inputName and outputName are the Go names of an operation's structs.
func (op *operation) inputName() string  { return op.name + "Input" }
func (op *operation) outputName() string { return op.name + "Output" }

// sortedMembers orders members as the AWS SDK for Go v2 does: required
// first, then the rest, each alphabetically.
func sortedMembers(s *model.Shape) []*model.Member {
	ms := append([]*model.Member{}, s.Members...)
	sort.SliceStable(ms, func(i, j int) bool {
		ri, rj := ms[i].Traits.Required(), ms[j].Traits.Required()
		if ri != rj {
			return ri
		}
		return ms[i].Name < ms[j].Name
	})
	return ms
}

// refuse records a model error; planning goes on, to find the others.
func (p *plan) refuse(err error) {
	var e *model.Error
	if !errors.As(err, &e) {
		e = &model.Error{Pos: model.Position{File: p.m.File}, Msg: err.Error()}
	}
	p.problems = append(p.problems, e)
}

// refuseTrait records a model error about a trait of member m: at the
// member when the trait is its own, else at the shape it targets, where
// the trait was written.
func (p *plan) refuseTrait(m *model.Member, trait model.ShapeID, format string, args ...any) {
	if m.Traits.Has(trait) {
		p.refuse(model.Errorf(m.Pos, m.ID(), format, args...))
		return
	}
	t := p.m.Target(m)
	p.refuse(model.Errorf(t.Pos, t.ID, format, args...))
}
