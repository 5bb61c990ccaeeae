package generator

import (
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/model"
)

// Error shapes: structs with the modeled members and the methods every
// generated error has, plus the constructors the handler uses to report
// invalid input and unexpected failures.

func (p *plan) errorsFile() *jen.File {
	f := p.newFile()
	for _, e := range p.errors {
		p.errorDecl(f, e)
	}
	invalid, internal := map[model.ShapeID]bool{}, map[model.ShapeID]bool{}
	for _, op := range p.ops {
		if op.invalid != nil {
			invalid[op.invalid.ID] = true
		}
		if op.server != nil {
			internal[op.server.ID] = true
		}
	}
	for _, e := range p.errors {
		if invalid[e.ID] {
			p.invalidConstructor(f, e)
		}
		if internal[e.ID] {
			p.internalConstructor(f, e)
		}
	}
	return f
}

// messageMember is the member that carries an error's message: "Message" or
// "message", as models spell it.
func messageMember(s *model.Shape) *model.Member {
	for _, m := range s.Members {
		if strings.EqualFold(m.Name, "message") {
			return m
		}
	}
	return nil
}

func (p *plan) errorDecl(f *jen.File, s *model.Shape) {
	name := p.typeName(s.ID)
	fault, _ := s.Traits.ErrorFault()
	status, ok := s.Traits.HTTPError()
	if !ok {
		status = 400
		if fault == "server" {
			status = 500
		}
	}
	p.structDecl(f, name, s, shapeDoc(s), nil)
	f.Line()
	recv := jen.Id("e").Op("*").Id(name)
	f.Func().Params(recv.Clone()).Id("Error").Params().String().Block(
		jen.Return(jen.Id("e").Dot("ErrorCode").Call().Op("+").Lit(": ").Op("+").Id("e").Dot("ErrorMessage").Call()),
	)
	f.Line()
	f.Comment("ErrorMessage returns the error's message, or \"\" when it has none.")
	f.Func().Params(recv.Clone()).Id("ErrorMessage").Params().String().BlockFunc(func(g *jen.Group) {
		m := messageMember(s)
		if m == nil || p.m.Target(m).Type != model.String {
			g.Return(jen.Lit(""))
			return
		}
		field := jen.Id("e").Dot(p.fieldName(m))
		if p.isPointer(m) {
			g.If(field.Clone().Op("==").Nil()).Block(jen.Return(jen.Lit("")))
			g.Return(jen.Op("*").Add(field))
			return
		}
		g.Return(field)
	})
	f.Line()
	f.Add(docComment("ErrorCode returns the name of the error shape, which is also its\nX-Amzn-ErrorType on the wire."))
	f.Func().Params(recv.Clone()).Id("ErrorCode").Params().String().Block(jen.Return(jen.Lit(s.ID.Name())))
	f.Line()
	f.Comment("ErrorFault returns \"client\" or \"server\": who is at fault.")
	f.Func().Params(recv.Clone()).Id("ErrorFault").Params().String().Block(jen.Return(jen.Lit(fault)))
	f.Line()
	f.Comment("HTTPStatusCode returns the status code the error is sent with.")
	f.Func().Params(recv.Clone()).Id("HTTPStatusCode").Params().Int().Block(jen.Return(jen.Lit(status)))
	f.Line()
	inBody := map[*model.Member]bool{}
	for _, m := range outputBodyMembers(s) {
		inBody[m] = true
	}
	var body []*model.Member
	for _, m := range sortedMembers(s) {
		if inBody[m] {
			body = append(body, m)
		}
	}
	f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("writeBody").Params(jen.Id("w").Op("*").Id("jsonWriter")).BlockFunc(func(g *jen.Group) {
		g.Id("w").Dot("objectStart").Call()
		p.writeMembers(g, body)
		g.Id("w").Dot("objectEnd").Call()
	})
	f.Line()
	if len(membersBound(s, inHeader))+len(membersBound(s, inPrefixHeaders)) > 0 {
		// Errors bind headers as outputs do (Smithy's
		// RestJsonComplexErrorWithNoMessage).
		f.Func().Params(jen.Id("v").Op("*").Id(name)).Id("writeHeaders").Params(jen.Id("x").Op("*").Id("exchange")).BlockFunc(func(g *jen.Group) {
			p.encodeHeaders(g, s)
		})
		f.Line()
	}
}

// codeValue returns the assignment of an error's Code member when the shape
// has an enum Code with the value its name suggests: ErrorCodeBadRequest for
// BadRequestException, as the AWS services fill it.
func (p *plan) codeValue(s *model.Shape) jen.Code {
	m := s.MemberNamed("Code")
	if m == nil {
		return nil
	}
	t := p.m.Target(m)
	if t.Type != model.Enum {
		return nil
	}
	want := strings.TrimSuffix(s.ID.Name(), "Exception")
	for _, em := range t.Members {
		if v, _ := em.Traits.EnumValue(); v == want {
			return jen.Id(p.fieldName(m)).Op(":").Id(p.enumConst(em))
		}
	}
	return nil
}

// errorLiteral is &E{Code: ..., Message: &message}.
func (p *plan) errorLiteral(s *model.Shape, message jen.Code) *jen.Statement {
	return jen.Op("&").Id(p.typeName(s.ID)).ValuesFunc(func(g *jen.Group) {
		if c := p.codeValue(s); c != nil {
			g.Add(c)
		}
		if m := messageMember(s); m != nil && p.m.Target(m).Type == model.String {
			if p.isPointer(m) {
				g.Id(p.fieldName(m)).Op(":").Op("&").Add(message)
			} else {
				g.Id(p.fieldName(m)).Op(":").Add(message)
			}
		}
	})
}

// invalidConstructor emits invalidE, which reports malformed or invalid
// input as the error shape E, listing the fields when E has a field list
// (smithy.framework#ValidationException).
func (p *plan) invalidConstructor(f *jen.File, s *model.Shape) {
	name := p.typeName(s.ID)
	list, field := p.fieldList(s)
	verr := jen.Id("_")
	if list != nil {
		verr = jen.Id("verr")
	}
	f.Commentf("// invalid%s reports malformed or invalid input as a %s.", p.funcSuffix(s.ID), name)
	f.Func().Id("invalid"+p.funcSuffix(s.ID)).Params(jen.Id("message").String(), verr.Op("*").Id("validationError")).Id("modeledError").BlockFunc(func(g *jen.Group) {
		if list == nil {
			g.Return(p.errorLiteral(s, jen.Id("message")))
			return
		}
		g.If(jen.Id("verr").Op("==").Nil()).Block(jen.Return(p.errorLiteral(s, jen.Id("message"))))
		g.Comment("A field list follows Smithy's validation protocol tests, which")
		g.Comment("state no values.")
		g.Id("message").Op("=").Id("verr").Dot("summary").Call(jen.False())
		g.Id("e").Op(":=").Add(p.errorLiteral(s, jen.Id("message")))
		path, msg := field.MemberNamed("path"), field.MemberNamed("message")
		g.For(jen.Id("i").Op(":=").Range().Id("verr").Dot("violations")).Block(
			jen.Id("v").Op(":=").Op("&").Id("verr").Dot("violations").Index(jen.Id("i")),
			jen.Id("e").Dot(p.fieldName(list)).Op("=").Append(jen.Id("e").Dot(p.fieldName(list)), jen.Id(p.typeName(field.ID)).Values(
				jen.Id(p.fieldName(path)).Op(":").Op("&").Id("v").Dot("path"),
				jen.Id(p.fieldName(msg)).Op(":").Op("&").Id("v").Dot("message"),
			)),
		)
		g.Return(jen.Id("e"))
	})
	f.Line()
}

// fieldList finds a list member of structures with "path" and "message"
// string members, as smithy.framework#ValidationException has.
func (p *plan) fieldList(s *model.Shape) (*model.Member, *model.Shape) {
	for _, m := range s.Members {
		t := p.m.Target(m)
		if t.Type != model.List || p.m.Target(t.Member).Type != model.Structure {
			continue
		}
		el := p.m.Target(t.Member)
		path, msg := el.MemberNamed("path"), el.MemberNamed("message")
		if path != nil && msg != nil && p.isPointer(path) && p.isPointer(msg) &&
			p.m.Target(path).Type == model.String && p.m.Target(msg).Type == model.String {
			return m, el
		}
	}
	return nil, nil
}

// internalConstructor emits internalE, the error sent for failures the
// client must not learn the details of.
func (p *plan) internalConstructor(f *jen.File, s *model.Shape) {
	name := p.typeName(s.ID)
	f.Commentf("// internal%s reports an unexpected failure as a %s that gives nothing away.", p.funcSuffix(s.ID), name)
	f.Func().Id("internal" + p.funcSuffix(s.ID)).Params().Id("modeledError").BlockFunc(func(g *jen.Group) {
		if m := messageMember(s); m != nil && p.m.Target(m).Type == model.String {
			g.Id("message").Op(":=").Lit("An internal error occurred.")
		}
		g.Return(p.errorLiteral(s, jen.Id("message")))
	})
	f.Line()
}
