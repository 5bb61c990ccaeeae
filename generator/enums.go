package generator

import (
	"sort"

	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/model"
)

// Enums: a named string (or int32) type, one constant per member and
// Values(), as in the AWS SDK for Go v2.

func (p *plan) enumsFile() *jen.File {
	f := p.newFile()
	var enums []*model.Shape
	for _, id := range model.SortedIDs(p.shapes) {
		if s := p.shapes[id]; s.Type == model.Enum || s.Type == model.IntEnum {
			enums = append(enums, s)
		}
	}
	sortByName(p, enums)
	for _, s := range enums {
		p.enumDecl(f, s)
	}
	return f
}

func sortByName(p *plan, shapes []*model.Shape) {
	sort.Slice(shapes, func(i, j int) bool { return p.funcSuffix(shapes[i].ID) < p.funcSuffix(shapes[j].ID) })
}

func (p *plan) enumDecl(f *jen.File, s *model.Shape) {
	name := p.typeName(s.ID)
	base := jen.String()
	if s.Type == model.IntEnum {
		base = jen.Int32()
	}
	withDoc(f, shapeDoc(s))
	f.Type().Id(name).Add(base)
	f.Line()
	f.Comment("Enum values for " + name + ".")
	f.Const().DefsFunc(func(g *jen.Group) {
		for _, m := range s.Members {
			if doc := p.memberDoc(m); doc != "" {
				g.Add(docComment(doc))
			}
			g.Id(p.enumConst(m)).Id(name).Op("=").Add(enumLit(m))
		}
	})
	f.Line()
	f.Add(docComment("Values returns every value of " + name + " the model knows. The\nserver accepts only these."))
	f.Func().Params(jen.Id(name)).Id("Values").Params().Index().Id(name).Block(
		jen.Return(jen.Index().Id(name).ValuesFunc(func(g *jen.Group) {
			for _, m := range s.Members {
				g.Line().Id(p.enumConst(m))
			}
			g.Line()
		})),
	)
	f.Line()
}

func enumLit(m *model.Member) jen.Code {
	v, _ := m.Traits.EnumValue()
	switch x := v.(type) {
	case string:
		return jen.Lit(x)
	case float64:
		return jen.Lit(int(x))
	}
	return jen.Lit(m.Name)
}

// enumIsKnown emits isKnown, which validation uses to refuse values the
// model does not list.
func (p *plan) enumIsKnown(f *jen.File, s *model.Shape) {
	name := p.typeName(s.ID)
	f.Func().Params(jen.Id("v").Id(name)).Id("isKnown").Params().Bool().BlockFunc(func(g *jen.Group) {
		if len(s.Members) == 0 {
			g.Return(jen.False())
			return
		}
		g.Switch(jen.Id("v")).Block(
			jen.CaseFunc(func(c *jen.Group) {
				for _, m := range s.Members {
					c.Line().Id(p.enumConst(m))
				}
			}).Block(jen.Return(jen.True())),
		)
		g.Return(jen.False())
	})
	f.Line()
}
