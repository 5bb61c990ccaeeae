package generator

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/internal/htmldoc"
	"github.com/smithygen/smithygen/model"
)

// Go types of shapes and members, and the struct declarations.

// hasDefault reports whether a member is a plain value that holds its
// @default when absent, rather than a pointer.
func (p *plan) hasDefault(m *model.Member) bool {
	t := p.m.MemberTraits(m)
	v, ok := t.Default()
	return ok && v != nil && !m.Traits.ClientOptional()
}

// isPointer reports whether a member is held through a pointer, so that the
// server can tell absent from zero.
func (p *plan) isPointer(m *model.Member) bool {
	switch p.m.Target(m).Type {
	case model.Structure:
		return true
	case model.Enum, model.IntEnum, model.Blob, model.Document, model.List, model.Set, model.Map, model.Union,
		model.BigInteger, model.BigDecimal: // *big.Int and *big.Float are pointers already
		return false
	}
	return !p.hasDefault(m)
}

// memberType is the Go type of a structure member.
func (p *plan) memberType(m *model.Member) *jen.Statement {
	if p.isEventStream(m) {
		return p.streamType(m)
	}
	if p.isPointer(m) {
		return jen.Op("*").Add(p.valueType(m.Target))
	}
	return p.valueType(m.Target)
}

// elementType is the Go type of a list element or map value: values, or
// pointers in @sparse collections.
func (p *plan) elementType(container *model.Shape, m *model.Member) *jen.Statement {
	if container.Traits.Sparse() && p.nullable(m.Target) {
		return jen.Op("*").Add(p.valueType(m.Target))
	}
	return p.valueType(m.Target)
}

// nullable reports whether the Go value type of a shape cannot hold "absent"
// on its own.
func (p *plan) nullable(id model.ShapeID) bool {
	switch p.m.Shape(id).Type {
	case model.Blob, model.Document, model.List, model.Set, model.Map, model.Union:
		return false
	}
	return true
}

// valueType is the Go type that holds a value of the shape.
func (p *plan) valueType(id model.ShapeID) *jen.Statement {
	s := p.m.Shape(id)
	switch s.Type {
	case model.String:
		return jen.String()
	case model.Boolean:
		return jen.Bool()
	case model.Byte:
		return jen.Int8()
	case model.Short:
		return jen.Int16()
	case model.Integer:
		return jen.Int32()
	case model.Long:
		return jen.Int64()
	case model.Float:
		return jen.Float32()
	case model.Double:
		return jen.Float64()
	case model.BigInteger:
		return jen.Op("*").Qual("math/big", "Int")
	case model.BigDecimal:
		return jen.Op("*").Qual("math/big", "Float")
	case model.Timestamp:
		return jen.Qual("time", "Time")
	case model.Blob:
		return jen.Index().Byte()
	case model.Document:
		return jen.Any()
	case model.List, model.Set:
		return jen.Index().Add(p.elementType(s, s.Member))
	case model.Map:
		return jen.Map(jen.String()).Add(p.elementType(s, s.Value))
	case model.Structure:
		if id == model.UnitID {
			return jen.Struct()
		}
	}
	return jen.Id(p.typeName(id))
}

// structFields declares the members of a structure, documented, in the
// AWS SDK's order. A @streaming blob payload gets streamType, when given:
// the struct is an operation's input or output.
func (p *plan) structFields(s *model.Shape, streamType *jen.Statement) []jen.Code {
	var fields []jen.Code
	for i, m := range sortedMembers(s) {
		if i > 0 {
			fields = append(fields, jen.Line())
		}
		doc := p.memberDoc(m)
		if p.isEventStream(m) {
			doc = strings.TrimPrefix(doc+"\n\n"+p.streamMemberDoc(m), "\n\n")
		}
		if doc != "" {
			fields = append(fields, docComment(doc))
		}
		typ := p.memberType(m)
		if streamType != nil && p.streamingBlob(m) {
			typ = streamType.Clone()
		}
		fields = append(fields, jen.Id(p.fieldName(m)).Add(typ))
	}
	return fields
}

// memberDoc is a member's doc comment: its documentation (or its target's),
// whether it is required, and its deprecation.
func (p *plan) memberDoc(m *model.Member) string {
	html := m.Traits.Documentation()
	if html == "" {
		html = p.m.Target(m).Traits.Documentation()
	}
	var parts []string
	if doc := htmldoc.Text(html, docWidth); doc != "" {
		parts = append(parts, doc)
	}
	if m.Traits.Required() {
		parts = append(parts, "This member is required.")
	}
	if d := m.Traits.Deprecated(); d != nil {
		parts = append(parts, deprecatedText(d))
	}
	return strings.Join(parts, "\n\n")
}

// shapeDoc is a shape's doc comment: the documentation, then any deprecation.
func shapeDoc(s *model.Shape) string {
	var parts []string
	if doc := htmldoc.Text(s.Traits.Documentation(), docWidth); doc != "" {
		parts = append(parts, doc)
	}
	if d := s.Traits.Deprecated(); d != nil {
		parts = append(parts, deprecatedText(d))
	}
	return strings.Join(parts, "\n\n")
}

func deprecatedText(d *model.Deprecation) string {
	text := "Deprecated: "
	switch {
	case d.Message != "":
		text += strings.Join(strings.Fields(d.Message), " ")
	default:
		text += "this is deprecated in the service model."
	}
	if d.Since != "" {
		text += " (since " + d.Since + ")"
	}
	return text
}

// docWidth is where doc comments wrap.
const docWidth = 77

// docComment renders text as // lines; jennifer's own multi-line comments
// are /* */ blocks, which Go doc comments are not.
func docComment(text string) *jen.Statement {
	return jen.Comment(commentLines(text))
}

// commentLines prefixes each line of text with //.
func commentLines(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if l == "" {
			lines[i] = "//"
		} else {
			lines[i] = "// " + l
		}
	}
	return strings.Join(lines, "\n")
}

// withDoc puts a doc comment before a declaration when there is one.
func withDoc(f *jen.File, doc string) {
	if doc != "" {
		f.Add(docComment(doc))
	}
}

// structDecl declares a structure shape's Go type; streamType is the type
// of its @streaming blob payload, for an operation's input or output.
// A struct that holds a stream prints it as a placeholder, as one that
// holds @sensitive values prints them redacted: printing must not read it.
func (p *plan) structDecl(f *jen.File, name string, s *model.Shape, doc string, streamType *jen.Statement) {
	withDoc(f, doc)
	if s == nil || s.ID == model.UnitID {
		f.Type().Id(name).Struct()
		return
	}
	f.Type().Id(name).Struct(p.structFields(s, streamType)...)
	if p.holdsSensitive(s.ID) || streamType != nil && p.streamingPayload(s) != nil {
		f.Line()
		// An event stream is a function or a reader: nothing to print.
		var members []*model.Member
		for _, m := range sortedMembers(s) {
			if !p.isEventStream(m) {
				members = append(members, m)
			}
		}
		p.redactingStringer(f, name, members, false)
	}
}

// typesFile declares the structures and unions that are neither operation
// inputs and outputs nor errors.
func (p *plan) typesFile() *jen.File {
	f := p.newFile()
	var shapes []*model.Shape
	for _, id := range model.SortedIDs(p.shapes) {
		s := p.shapes[id]
		if (s.Type == model.Structure || s.Type == model.Union) && s.ID != model.UnitID && !p.isIO(id) && !s.Traits.Has(model.TraitError) {
			shapes = append(shapes, s)
		}
	}
	sortByName(p, shapes)
	for _, s := range shapes {
		if s.Type == model.Union {
			p.unionDecl(f, s)
			if es := p.streams[s.ID]; es != nil {
				p.streamDecls(f, es)
			}
			continue
		}
		p.structDecl(f, p.typeName(s.ID), s, shapeDoc(s), nil)
		f.Line()
	}
	return f
}
