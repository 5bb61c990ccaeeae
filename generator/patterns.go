package generator

import (
	"fmt"
	"sort"

	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/internal/ecmaregex"
	"github.com/smithygen/smithygen/model"
)

// Patterns are translated from ECMA-262 at generation time and checked
// without compiling anything per request: a pattern that is one character
// class repeated becomes a loop over runes; any other becomes a regexp
// compiled once, when the package is initialised.

type patternDecl struct {
	name string
	pat  *ecmaregex.Pattern
}

// patternFunc names the function that matches src, a pattern of shape t,
// and records it for emission; "" when every string matches. The error
// says why Go cannot match src as ECMA-262 does.
func (p *plan) patternFunc(src string, t *model.Shape) (string, error) {
	if d, ok := p.patterns[src]; ok {
		return d.name, nil
	}
	pat, err := ecmaregex.Translate(src)
	if err != nil {
		return "", err
	}
	if pat.Class != nil && pat.Class.Any && !pat.Class.NonEmpty {
		p.patterns[src] = &patternDecl{pat: pat}
		return "", nil
	}
	name := "match" + p.funcSuffix(t.ID)
	for n := 2; p.patternNames[name]; n++ {
		name = fmt.Sprintf("match%s%d", p.funcSuffix(t.ID), n)
	}
	p.patternNames[name] = true
	p.patterns[src] = &patternDecl{name: name, pat: pat}
	return name, nil
}

// patternName is the matcher that patternFunc named for src.
func (p *plan) patternName(src string) string { return p.patterns[src].name }

// patternDecls emits the recorded pattern matchers, in name order.
func (p *plan) patternDecls(f *jen.File) {
	var decls []*patternDecl
	for _, d := range p.patterns {
		if d.name != "" {
			decls = append(decls, d)
		}
	}
	sort.Slice(decls, func(i, j int) bool { return decls[i].name < decls[j].name })
	for _, d := range decls {
		f.Commentf("// %s reports whether s matches the pattern %s.", d.name, d.pat.Source)
		if c := d.pat.Class; c != nil {
			p.classMatcher(f, d.name, c)
		} else {
			f.Var().Id(d.name).Op("=").Qual("regexp", "MustCompile").Call(jen.Lit(d.pat.RE2)).Dot("MatchString")
		}
		f.Line()
	}
}

// classMatcher declares the matcher of a one-class pattern: the class's
// ranges, checked rune by rune by the runtime's charClass.
func (p *plan) classMatcher(f *jen.File, name string, c *ecmaregex.CharClass) {
	if c.Any {
		f.Func().Id(name).Params(jen.Id("s").String()).Bool().Block(jen.Return(jen.Id("s").Op("!=").Lit("")))
		return
	}
	f.Var().Id(name).Op("=").Id("newCharClass").Call(jen.Lit(c.NonEmpty), jen.Index().Index(jen.Lit(2)).Rune().ValuesFunc(func(g *jen.Group) {
		for _, r := range c.Ranges {
			g.Line().Values(runeLit(r[0]), runeLit(r[1]))
		}
		g.Line()
	})).Dot("matches")
}

// runeLit writes printable ASCII as a character literal and the rest in hex.
func runeLit(r rune) *jen.Statement {
	if r > ' ' && r < 0x7f && r != '\'' && r != '\\' {
		return jen.Id("'" + string(r) + "'")
	}
	return jen.Id(fmt.Sprintf("0x%X", r))
}
