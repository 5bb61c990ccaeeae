package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/model"
)

// Redaction: every type that holds a @sensitive value, directly or through
// its members, prints with that value replaced, whatever fmt verb is used
// (%v, %+v and %s call String; %#v calls GoString), and logs with it
// replaced through log/slog (LogValue, the same text). Logging an input
// cannot leak what the model marks sensitive.

// sensitiveMember reports whether a member's value is @sensitive.
func (p *plan) sensitiveMember(m *model.Member) bool {
	return p.m.MemberTraits(m).Sensitive()
}

// holdsSensitive reports whether values of a shape can contain a @sensitive
// value anywhere inside; decideSensitive has decided it for every shape of
// the plan.
func (p *plan) holdsSensitive(id model.ShapeID) bool { return p.sensitive[id] }

// checkRedaction refuses a structure that holds @sensitive values and
// has members named both String (or GoString) and Format, or one named
// LogValue: its Go type cannot have the methods that would redact them.
func (p *plan) checkRedaction() {
	for _, id := range model.SortedIDs(p.shapes) {
		s := p.shapes[id]
		if s.Type != model.Structure || !p.holdsSensitive(id) && p.streamingPayload(s) == nil {
			continue
		}
		names := map[string]bool{}
		for _, m := range s.Members {
			names[p.fieldName(m)] = true
		}
		if (names["String"] || names["GoString"]) && names["Format"] {
			p.refuse(model.Errorf(s.Pos, s.ID, "it has members named String and Format and holds @sensitive values: its Go type can have no method that redacts them when printed"))
		}
		if names["LogValue"] {
			p.refuse(model.Errorf(s.Pos, s.ID, "it has a member named LogValue and holds @sensitive values: its Go type can have no method that redacts them when logged"))
		}
	}
}

// redactingStringer emits String and GoString for a structure type whose
// members hold sensitive values. A structure with a member named String or
// GoString cannot have those methods; it gets Format instead, which fmt
// prefers to both for every verb. A union member's struct holds its value
// itself rather than a pointer to it (unionValue): that value is always
// printed.
func (p *plan) redactingStringer(f *jen.File, name string, members []*model.Member, unionValue bool) {
	body := func(g *jen.Group) {
		g.Var().Id("r").Id("redactor")
		for _, m := range members {
			field := jen.Id("v").Dot(p.fieldName(m))
			var write jen.Code
			switch {
			case p.sensitiveMember(m):
				write = jen.Id("r").Dot("redacted").Call(jen.Lit(p.fieldName(m)))
			case p.streamingBlob(m) && !unionValue:
				write = jen.Id("r").Dot("stream").Call(jen.Lit(p.fieldName(m)))
			default:
				write = jen.Id("r").Dot("field").Call(jen.Lit(p.fieldName(m)), field.Clone())
			}
			if cond := p.presence(m, field.Clone()); cond != nil && !unionValue {
				g.If(cond).Block(write)
			} else {
				g.Add(write)
			}
		}
	}
	collides := false
	for _, m := range members {
		switch p.fieldName(m) {
		case "String", "GoString":
			collides = true
		}
	}
	if collides {
		f.Add(docComment("Format prints v with its @sensitive values redacted, whatever the verb, so\nthat printing or logging v cannot leak them."))
		f.Func().Params(jen.Id("v").Id(name)).Id("Format").Params(jen.Id("f").Qual("fmt", "State"), jen.Id("_").Rune()).BlockFunc(func(g *jen.Group) {
			body(g)
			g.List(jen.Id("_"), jen.Id("_")).Op("=").Qual("io", "WriteString").Call(jen.Id("f"), jen.Id("r").Dot("String").Call())
		})
		f.Line()
		logValuer(f, name, jen.Qual("fmt", "Sprint").Call(jen.Id("v")))
		return
	}
	f.Add(docComment(p.stringDoc(members, unionValue)))
	f.Func().Params(jen.Id("v").Id(name)).Id("String").Params().String().BlockFunc(func(g *jen.Group) {
		body(g)
		g.Return(jen.Id("r").Dot("String").Call())
	})
	f.Line()
	f.Comment("GoString is String, for %#v.")
	f.Func().Params(jen.Id("v").Id(name)).Id("GoString").Params().String().Block(jen.Return(jen.Id("v").Dot("String").Call()))
	f.Line()
	logValuer(f, name, jen.Id("v").Dot("String").Call())
}

// stringDoc documents the String of a type that holds sensitive values,
// a stream, or both.
func (p *plan) stringDoc(members []*model.Member, unionValue bool) string {
	stream, secret := false, false
	for _, m := range members {
		stream = stream || p.streamingBlob(m) && !unionValue
		secret = secret || p.sensitiveMember(m) || p.holdsSensitive(m.Target)
	}
	switch {
	case stream && secret:
		return "String returns v with its @sensitive values redacted and its stream shown as\n" + streamPlaceholder + ", so that printing or logging v neither leaks them nor reads it."
	case stream:
		return "String returns v with its stream shown as " + streamPlaceholder + ", so that printing or\nlogging v does not read it."
	}
	return "String returns v with its @sensitive values redacted, so that printing\nor logging v cannot leak them."
}

// streamPlaceholder is what the runtime's redactor prints for a stream.
const streamPlaceholder = "<stream>"

// logValuer emits LogValue, which logs v as text, the redacted text that
// printing it gives: slog's handlers would otherwise print the members
// themselves (the JSON handler through encoding/json).
func logValuer(f *jen.File, name string, text jen.Code) {
	f.Comment("LogValue logs v as it prints, with its @sensitive values redacted.")
	f.Func().Params(jen.Id("v").Id(name)).Id("LogValue").Params().Qual("log/slog", "Value").Block(
		jen.Return(jen.Qual("log/slog", "StringValue").Call(text)))
	f.Line()
}
