package generator

import (
	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/model"
)

// Unions, as in the AWS SDK for Go v2: an interface with one struct per
// member (UnionMemberName{Value}), so that exactly one member is set.

func (p *plan) unionMemberType(s *model.Shape, m *model.Member) string {
	return p.unionTypes[m]
}

func (p *plan) unionDecl(f *jen.File, s *model.Shape) {
	name := p.typeName(s.ID)
	doc := shapeDoc(s)
	list := "The following types satisfy this interface:\n"
	for _, m := range s.Members {
		list += "\n\t" + p.unionMemberType(s, m)
	}
	if doc != "" {
		doc += "\n\n"
	}
	withDoc(f, doc+list)
	f.Type().Id(name).Interface(jen.Id("is" + name).Params())
	f.Line()
	for _, m := range s.Members {
		mt := p.unionMemberType(s, m)
		withDoc(f, p.memberDoc(m))
		f.Type().Id(mt).Struct(jen.Id("Value").Add(p.valueType(m.Target)))
		f.Line()
		if p.sensitiveMember(m) || p.holdsSensitive(m.Target) {
			value := &model.Member{Name: "Value", Target: m.Target, Traits: m.Traits, Container: m.Container}
			p.redactingStringer(f, mt, []*model.Member{value}, true)
		}
		f.Func().Params(jen.Op("*").Id(mt)).Id("is" + name).Params().Block()
		f.Line()
	}
}

// decodeInto is the expression (of type error) that decodes a JSON value
// into the value (not pointer) dst of shape t.
func (p *plan) decodeInto(m *model.Member, dst *jen.Statement) jen.Code {
	t := p.m.Target(m)
	if t.ID == model.UnitID { // a union member without a value: any object
		return jen.Id("r").Dot("readObject").Call(jen.Func().Params(jen.Index().Byte()).Error().Block(jen.Return(jen.Id("r").Dot("skip").Call())))
	}
	if aggregate(t) {
		return jen.Id("decode"+p.funcSuffix(t.ID)).Call(jen.Id("r"), jen.Op("&").Add(dst))
	}
	return jen.Id("decodeValue").Call(jen.Id("r"), jen.Op("&").Add(dst), p.readFunc(t, p.m.MemberTraits(m)))
}

func (p *plan) unionDecoder(f *jen.File, s *model.Shape) {
	name := p.typeName(s.ID)
	f.Func().Id("decode"+p.funcSuffix(s.ID)).Params(jen.Id("r").Op("*").Id("jsonReader"), jen.Id("v").Op("*").Id(name)).Error().Block(
		jen.If(jen.Id("r").Dot("readNull").Call()).Block(jen.Return(jen.Nil())),
		jen.Return(jen.Id("r").Dot("readUnion").Call(jen.Func().Params(jen.Id("key").Index().Byte()).Params(jen.Bool(), jen.Error()).Block(
			jen.Switch(jen.String().Parens(jen.Id("key"))).BlockFunc(func(g *jen.Group) {
				for _, m := range s.Members {
					g.Case(jen.Lit(jsonName(m))).Block(
						jen.Id("u").Op(":=").New(jen.Id(p.unionMemberType(s, m))),
						jen.Op("*").Id("v").Op("=").Id("u"),
						jen.Return(jen.True(), p.decodeInto(m, jen.Id("u").Dot("Value"))),
					)
				}
			}),
			jen.Return(jen.False(), jen.Nil()),
		))),
	)
	f.Line()
}

func (p *plan) unionEncoder(f *jen.File, s *model.Shape) {
	name := p.typeName(s.ID)
	// u is not declared when no member has a value to write.
	sw := jen.Id("v").Assert(jen.Type())
	for _, m := range s.Members {
		if m.Target != model.UnitID {
			sw = jen.Id("u").Op(":=").Add(sw)
			break
		}
	}
	f.Func().Id("encode"+p.funcSuffix(s.ID)).Params(jen.Id("w").Op("*").Id("jsonWriter"), jen.Id("v").Id(name)).Block(
		jen.Id("w").Dot("objectStart").Call(),
		jen.Switch(sw).BlockFunc(func(g *jen.Group) {
			for _, m := range s.Members {
				g.Case(jen.Op("*").Id(p.unionMemberType(s, m))).Block(
					writeKey(jsonName(m)),
					p.writeValue(p.m.Target(m), p.m.MemberTraits(m), jen.Id("u").Dot("Value"), false),
				)
			}
		}),
		jen.Id("w").Dot("objectEnd").Call(),
	)
	f.Line()
}

func (p *plan) unionValidator(f *jen.File, s *model.Shape) {
	name := p.typeName(s.ID)
	f.Func().Id("validate"+p.funcSuffix(s.ID)).Params(jen.Id("c").Op("*").Id("validator"), jen.Id("v").Id(name)).Block(
		jen.Switch(jen.Id("u").Op(":=").Id("v").Assert(jen.Type())).BlockFunc(func(g *jen.Group) {
			for _, m := range s.Members {
				if !p.memberNeedsValidation(m) {
					continue
				}
				value := jen.Id("u").Dot("Value")
				g.Case(jen.Op("*").Id(p.unionMemberType(s, m))).Block(p.valueChecks(m, jen.Lit(m.Name), value)...)
			}
		}),
	)
	f.Line()
}
