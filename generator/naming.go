package generator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/smithygen/smithygen/model"
	"github.com/smithygen/smithygen/templates"
)

// exported turns a Smithy name into an exported Go identifier, keeping its
// casing otherwise, as the AWS SDK for Go v2 does: "appInstanceArn" becomes
// "AppInstanceArn", "AppInstanceArn" stays. Characters that Go does not allow
// in identifiers are dropped, and the letter after them is upper-cased.
func exported(name string) string {
	var b strings.Builder
	upper := true
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			upper = true
			continue
		}
		if upper {
			r = unicode.ToUpper(r)
			upper = false
		}
		b.WriteRune(r)
	}
	s := b.String()
	if s == "" || unicode.IsDigit(rune(s[0])) {
		s = "X" + s
	}
	return s
}

// enumConstName is the Go constant name of an enum member: the enum type
// followed by the member name in Pascal case, as in the AWS SDK for Go v2:
// APNS_SANDBOX of AppInstanceUserEndpointType becomes
// AppInstanceUserEndpointTypeApnsSandbox; BadRequest of ErrorCode stays
// ErrorCodeBadRequest.
func enumConstName(typeName, member string) string {
	var b strings.Builder
	b.WriteString(typeName)
	for _, part := range strings.FieldsFunc(member, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if isUpper(part) {
			part = part[:1] + strings.ToLower(part[1:])
		}
		b.WriteString(exported(part))
	}
	return b.String()
}

func isUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// Names in a generated package cannot clash: the runtime's identifiers
// and the package's own (Service, NewHandler...) are reserved, and every
// other name is claimed in a fixed order, a name already taken getting
// underscores appended until it is free, as protoc-gen-go does. Shapes,
// then union member types and enum constants, are named in the order of
// their shape IDs; so are helpers, which take the name of their shape.

// generatedNames are the exported identifiers every package declares
// besides the runtime's.
var generatedNames = []string{"Service", "UnimplementedService", "NewHandler"}

// helperPrefixes start the names of the functions generated per shape:
// decodeX, encodeX, readX, validateX, checkX, matchX, invalidX, internalX.
var helperPrefixes = []string{"decode", "encode", "read", "validate", "check", "match", "invalid", "internal"}

var (
	runtimeOnce sync.Once
	runtimeIDs  []string
)

// runtimeNames returns the top-level identifiers the runtime declares,
// exported or not: none of them may be declared again.
func runtimeNames(exported bool) map[string]bool {
	runtimeOnce.Do(func() {
		fset := token.NewFileSet()
		for name, src := range templates.Files() {
			f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
			if err != nil {
				panic("generator: the runtime does not parse: " + err.Error())
			}
			for _, d := range f.Decls {
				runtimeIDs = append(runtimeIDs, declNames(d)...)
			}
		}
		sort.Strings(runtimeIDs)
	})
	names := map[string]bool{}
	for _, n := range runtimeIDs {
		if ast.IsExported(n) == exported {
			names[n] = true
		}
	}
	return names
}

// declNames are the package-level names a declaration introduces; methods
// introduce none.
func declNames(d ast.Decl) []string {
	var names []string
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			names = append(names, d.Name.Name)
		}
	case *ast.GenDecl:
		for _, spec := range d.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				names = append(names, s.Name.Name)
			case *ast.ValueSpec:
				for _, n := range s.Names {
					names = append(names, n.Name)
				}
			}
		}
	}
	return names
}

// claim returns name, or name with underscores appended, whichever is not
// yet taken, and takes it.
func claim(taken map[string]bool, name string) string {
	for taken[name] {
		name += "_"
	}
	taken[name] = true
	return name
}

// nameShapes gives every generated shape its Go type name and the suffix
// of its helpers' names. Operation inputs and outputs are named after the
// operation, as in the AWS SDK for Go v2, and before anything else.
func (p *plan) nameShapes() {
	p.exported = runtimeNames(true)
	for _, n := range generatedNames {
		p.exported[n] = true
	}
	opNames := map[string]*operation{}
	for _, op := range p.ops {
		if prev, ok := opNames[op.name]; ok {
			p.refuse(model.Errorf(op.shape.Pos, op.shape.ID, "its Go name %s is that of operation %s too: the Service interface cannot have both", op.name, prev.shape.ID))
			continue
		}
		opNames[op.name] = op
		p.helpers["decode"+op.name+"Request"] = true
		p.helpers["encode"+op.name+"Response"] = true
		for _, io := range []struct {
			id   model.ShapeID
			name string
		}{{op.input.ID, op.inputName()}, {op.output.ID, op.outputName()}} {
			p.exported[io.name] = true // declared for Unit too
			if io.id == model.UnitID {
				continue
			}
			// A shape that is only inputs and outputs goes by the name of
			// the first operation; one also nested elsewhere is named below.
			if _, named := p.names[io.id]; !named && p.isIO(io.id) {
				p.names[io.id] = io.name
			}
		}
	}
	ids := model.SortedIDs(p.shapes)
	for _, id := range ids {
		s := p.shapes[id]
		if _, done := p.names[id]; done || !needsType(s) {
			continue
		}
		name := exported(id.Name())
		if r, ok := p.svc.Rename[id]; ok {
			name = exported(r)
		}
		p.names[id] = claim(p.exported, name)
	}
	used := map[string]bool{}
	for _, id := range ids {
		suffix, ok := p.names[id]
		if !ok {
			suffix = exported(id.Name())
		}
		for used[suffix] || p.helperTaken(suffix) {
			suffix += "_"
		}
		used[suffix] = true
		p.suffixes[id] = suffix
		for _, prefix := range helperPrefixes {
			if prefix != "check" && prefix != "match" { // named with the checks and patterns
				p.helpers[prefix+suffix] = true
			}
		}
	}
}

// helperTaken reports whether a helper of some kind would take a name
// already taken with this suffix.
func (p *plan) helperTaken(suffix string) bool {
	for _, prefix := range helperPrefixes {
		if p.helpers[prefix+suffix] {
			return true
		}
	}
	return false
}

// nameMembers names the fields of structures, the member types of unions
// and the constants of enums. A field may not take the name of a method
// its type has: it gets an underscore, as protoc-gen-go does.
func (p *plan) nameMembers() {
	for _, id := range model.SortedIDs(p.shapes) {
		s := p.shapes[id]
		switch s.Type {
		case model.Structure:
			taken := map[string]bool{}
			for _, m := range p.methods(s) {
				taken[m] = true
			}
			ms := append([]*model.Member{}, s.Members...)
			sort.SliceStable(ms, func(i, j int) bool { return ms[i].Name < ms[j].Name })
			for _, m := range ms {
				p.fields[m] = claim(taken, exported(m.Name))
			}
		case model.Union:
			for _, m := range s.Members {
				p.unionTypes[m] = claim(p.exported, p.typeName(id)+"Member"+exported(m.Name))
			}
		case model.Enum, model.IntEnum:
			for _, m := range s.Members {
				p.consts[m] = claim(p.exported, enumConstName(p.typeName(id), m.Name))
			}
		}
	}
}

// methods are the exported methods the Go type of a structure has whatever
// its members: Validate on those reachable from an input, and those of
// errors. (String and GoString give way to Format, see redact.go.)
func (p *plan) methods(s *model.Shape) []string {
	var ms []string
	if p.inputs[s.ID] {
		ms = append(ms, "Validate")
	}
	if s.Traits.Has(model.TraitError) {
		ms = append(ms, "Error", "ErrorCode", "ErrorMessage", "ErrorFault", "HTTPStatusCode")
	}
	return ms
}

// fieldName is the Go name of a structure member.
func (p *plan) fieldName(m *model.Member) string {
	if n, ok := p.fields[m]; ok {
		return n
	}
	return exported(m.Name)
}

// enumConst is the Go name of an enum member's constant.
func (p *plan) enumConst(m *model.Member) string { return p.consts[m] }
