package main

import (
	"math/rand/v2"
	"regexp/syntax"
	"strings"
	"unicode/utf8"

	"hash/fnv"

	"github.com/smithygen/smithygen/internal/ecmaregex"
)

// specials are characters likely to sit on the edge of a class or to be
// read differently by different engines.
var specials = []string{
	" ", "\t", "\n", "\r", "\v", "\x00", "-", "_", ".", ",", ":", "/", "\\", "$", "@", "*", "a", "z", "A", "Z",
	"0", "9", "é", "ß", "日", "\u0085", "\u00a0", "\u2028", "\u3000", "\ufeff", "\uffff", "😀", "\U0010FFFF", "aws:",
}

// generate returns candidate strings for p, without duplicates, in a
// deterministic order: strings the translation matches, then mutations.
func generate(p *ecmaregex.Pattern, latin1 bool) []string {
	rng := seed(p.Source)
	g := &generator{rng: rng, latin1: latin1}
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] && utf8.RuneCountInString(s) <= maxLen {
			seen[s] = true
			out = append(out, s)
		}
	}
	main := parse(p.RE2)
	var base []string
	for range 16 {
		s := g.gen(main)
		base = append(base, s)
		add(s)
	}
	add("")
	for _, l := range p.Looks {
		look := parse(l.RE2)
		for range 3 {
			ls := g.gen(look)
			for _, b := range base[:6] {
				add(ls + b)
				add(b + ls)
				add(insertAt(b, ls, rng))
			}
		}
	}
	for _, b := range base {
		for range 6 {
			add(mutate(b, rng))
		}
	}
	return out
}

func parse(re string) *syntax.Regexp {
	tree, err := syntax.Parse(re, syntax.Perl)
	must(err)
	return tree
}

// maxLen bounds generated strings, in code points.
const maxLen = 300

// gen writes a random string that re matches, repeating at most a few
// times more than the minimum.
func (g *generator) gen(re *syntax.Regexp) string {
	var b strings.Builder
	g.genInto(&b, re)
	return b.String()
}

// generator writes strings; latin1 makes it pick class members below U+0100
// when a class has any.
type generator struct {
	rng    *rand.Rand
	latin1 bool
}

func (g *generator) genInto(b *strings.Builder, re *syntax.Regexp) {
	rng := g.rng
	if b.Len() > 4*maxLen {
		return
	}
	switch re.Op {
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
	case syntax.OpCharClass:
		b.WriteRune(g.pick(re.Rune))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteString(specials[rng.IntN(len(specials))])
	case syntax.OpCapture:
		g.genInto(b, re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			g.genInto(b, sub)
		}
	case syntax.OpAlternate:
		g.genInto(b, re.Sub[rng.IntN(len(re.Sub))])
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := bounds(re)
		n := lo
		if hi != lo {
			extra := 3
			if hi >= 0 && hi-lo < extra {
				extra = hi - lo
			}
			n += rng.IntN(extra + 1)
			// Sometimes go to the maximum, to test the bound.
			if hi >= 0 && hi <= 100 && rng.IntN(6) == 0 {
				n = hi
			}
		}
		for range n {
			g.genInto(b, re.Sub[0])
		}
	}
}

func bounds(re *syntax.Regexp) (lo, hi int) {
	switch re.Op {
	case syntax.OpStar:
		return 0, -1
	case syntax.OpPlus:
		return 1, -1
	case syntax.OpQuest:
		return 0, 1
	}
	return re.Min, re.Max
}

// pick returns a rune of a class: often an end of a range, where
// translations go wrong; never a surrogate, which a string cannot hold.
func (g *generator) pick(ranges []rune) rune {
	rng := g.rng
	if len(ranges) == 0 {
		return 'a'
	}
	if g.latin1 && ranges[0] < 0x100 {
		var low []rune
		for i := 0; i < len(ranges) && ranges[i] < 0x100; i += 2 {
			low = append(low, ranges[i], min(ranges[i+1], 0xFF))
		}
		ranges = low
	}
	for range 10 {
		i := 2 * rng.IntN(len(ranges)/2)
		lo, hi := ranges[i], ranges[i+1]
		var r rune
		switch rng.IntN(3) {
		case 0:
			r = lo
		case 1:
			r = hi
		default:
			r = lo + rng.Int32N(hi-lo+1)
		}
		if r < 0xD800 || r > 0xDFFF {
			return r
		}
	}
	return 'a'
}

// mutate changes s a little: a character dropped, added, replaced or
// doubled, or the string cut short.
func mutate(s string, rng *rand.Rand) string {
	rs := []rune(s)
	sp := []rune(specials[rng.IntN(len(specials))])
	i := 0
	if len(rs) > 0 {
		i = rng.IntN(len(rs))
	}
	switch rng.IntN(5) {
	case 0:
		if len(rs) > 0 {
			return string(rs[:i]) + string(rs[i+1:])
		}
	case 1:
		return string(rs[:i]) + string(sp) + string(rs[i:])
	case 2:
		if len(rs) > 0 {
			return string(rs[:i]) + string(sp) + string(rs[i+1:])
		}
	case 3:
		if len(rs) > 0 {
			return string(rs[:i+1]) + string(rs[i:])
		}
	}
	return string(rs[:i])
}

func insertAt(s, ins string, rng *rand.Rand) string {
	rs := []rune(s)
	i := rng.IntN(len(rs) + 1)
	return string(rs[:i]) + ins + string(rs[i:])
}

// seed makes the strings of a pattern depend only on the pattern.
func seed(src string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(src))
	return rand.New(rand.NewPCG(h.Sum64(), 12))
}
