package generator

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/dave/jennifer/jen"

	"github.com/smithygen/smithygen/internal/ecmaregex"
	"github.com/smithygen/smithygen/model"
)

// Patterns are translated from ECMA-262 at generation time and checked
// without compiling anything per request: a pattern that is one character
// class repeated becomes a loop over runes; a pattern with look-arounds
// becomes the runtime's linear-time look-around matcher; any other becomes
// a regexp compiled once, when the package is initialised.

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
		f.Commentf("// %s reports whether s matches the pattern %s.", d.name, commentSafe(d.pat.Source))
		if c := d.pat.Class; c != nil {
			p.classMatcher(f, d.name, c)
		} else if len(d.pat.Looks) > 0 {
			lookMatcher(f, d.name, d.pat)
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

// lookMatcher declares the matcher of a pattern with look-arounds.
func lookMatcher(f *jen.File, name string, pat *ecmaregex.Pattern) {
	args := []jen.Code{jen.Lit(pat.RE2), marksLit(pat.Marks)}
	for _, l := range pat.Looks {
		args = append(args, jen.Line().Id("lookaround").Values(jen.DictFunc(func(d jen.Dict) {
			if l.Behind {
				d[jen.Id("behind")] = jen.True()
			}
			if l.Negative {
				d[jen.Id("negative")] = jen.True()
			}
			d[jen.Id("re")] = jen.Lit(l.RE2)
			if len(l.Marks) > 0 {
				d[jen.Id("marks")] = marksLit(l.Marks)
			}
		})))
	}
	args = append(args, jen.Line())
	f.Var().Id(name).Op("=").Id("newLookMatcher").Call(args...).Dot("matches")
}

func marksLit(marks []int) jen.Code {
	if len(marks) == 0 {
		return jen.Nil()
	}
	return jen.Index().Int().ValuesFunc(func(g *jen.Group) {
		for _, m := range marks {
			g.Lit(m)
		}
	})
}

// commentSafe returns a pattern as it can stand in a comment: as it is, or
// quoted when it holds a line break or another character that is not
// printable.
func commentSafe(src string) string {
	if strings.IndexFunc(src, func(r rune) bool { return !unicode.IsPrint(r) }) < 0 {
		return src
	}
	return strconv.Quote(src)
}

// runeLit writes printable ASCII as a character literal and the rest in hex.
func runeLit(r rune) *jen.Statement {
	if r > ' ' && r < 0x7f && r != '\'' && r != '\\' {
		return jen.Id("'" + string(r) + "'")
	}
	return jen.Id(fmt.Sprintf("0x%X", r))
}
