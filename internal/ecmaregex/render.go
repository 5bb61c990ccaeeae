package ecmaregex

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Go's regexp rejects repetition counts above 1000; ECMA has no such limit
// and AWS models use counts like {0,1023}. Larger counts are split using
// X{0,a+b} = X{0,a}X{0,b}.
const re2MaxRepeat = 1000

// maxRepeatCount bounds what is worth expanding; beyond it the program would
// be far larger than Go's regexp accepts anyway.
const maxRepeatCount = 100_000

func (p *patternParser) render(b *strings.Builder, n reNode, noCapture bool) error {
	switch n := n.(type) {
	case *reChar:
		writeSet(b, n.cps)
	case *reAssert:
		switch n.kind {
		case '^':
			b.WriteString("^")
		case '$':
			b.WriteString("$")
		case 'b':
			// ECMA \b is defined with \w, which is ASCII without the i and u
			// flags; RE2's \b is the same ASCII word boundary.
			b.WriteString(`\b`)
		case 'B':
			b.WriteString(`\B`)
		}
	case *reGroup:
		switch {
		case !n.capture || noCapture:
			b.WriteString("(?:")
		case n.name != "":
			b.WriteString("(?P<" + n.name + ">")
		default:
			b.WriteString("(")
		}
		if err := p.render(b, n.sub, noCapture); err != nil {
			return err
		}
		b.WriteString(")")
	case *reConcat:
		for _, it := range n.items {
			if _, ok := it.(*reAlt); ok {
				b.WriteString("(?:")
				if err := p.render(b, it, noCapture); err != nil {
					return err
				}
				b.WriteString(")")
				continue
			}
			if err := p.render(b, it, noCapture); err != nil {
				return err
			}
		}
	case *reAlt:
		for i, a := range n.alts {
			if i > 0 {
				b.WriteString("|")
			}
			if err := p.render(b, a, noCapture); err != nil {
				return err
			}
		}
	case *reRepeat:
		return p.renderRepeat(b, n, noCapture)
	case *reLook:
		return p.renderLook(b, n)
	}
	return nil
}

// renderLook renders the look-around's own expression, records it, and
// writes the empty capture group that marks its position.
func (p *patternParser) renderLook(b *strings.Builder, n *reLook) error {
	var sb strings.Builder
	var inner []int
	outer := p.marks
	p.marks = &inner
	err := p.render(&sb, n.sub, true)
	p.marks = outer
	if err != nil {
		return err
	}
	p.lookOut = append(p.lookOut, Look{Behind: n.behind, Negative: n.negative, RE2: sb.String(), Marks: inner})
	*p.marks = append(*p.marks, len(p.lookOut)-1)
	b.WriteString("()")
	return nil
}

func (p *patternParser) renderRepeat(b *strings.Builder, n *reRepeat, noCapture bool) error {
	if n.min > maxRepeatCount || n.max > maxRepeatCount {
		return p.errAt(n.off, "repetition count %d is too large", max(n.min, n.max))
	}
	first := true
	atom := func() error {
		var sb strings.Builder
		// A repeated copy must not repeat a group name (Go rejects
		// duplicates), and its captures are never looked at.
		if err := p.render(&sb, n.sub, noCapture || !first); err != nil {
			return err
		}
		first = false
		s := sb.String()
		switch n.sub.(type) {
		case *reChar, *reGroup:
		default:
			s = "(?:" + s + ")"
		}
		b.WriteString(s)
		return nil
	}
	lazy := ""
	if n.lazy {
		lazy = "?"
	}
	emit := func(lo, hi int) error {
		if err := atom(); err != nil {
			return err
		}
		switch {
		case lo == 0 && hi < 0:
			b.WriteString("*")
		case lo == 1 && hi < 0:
			b.WriteString("+")
		case lo == 0 && hi == 1:
			b.WriteString("?")
		case hi < 0:
			b.WriteString("{" + strconv.Itoa(lo) + ",}")
		case lo == hi:
			b.WriteString("{" + strconv.Itoa(lo) + "}")
		default:
			b.WriteString("{" + strconv.Itoa(lo) + "," + strconv.Itoa(hi) + "}")
		}
		b.WriteString(lazy)
		return nil
	}
	if n.min <= re2MaxRepeat && n.max <= re2MaxRepeat {
		return emit(n.min, n.max)
	}
	need := n.min
	for need > re2MaxRepeat {
		if err := emit(re2MaxRepeat, re2MaxRepeat); err != nil {
			return err
		}
		need -= re2MaxRepeat
	}
	if n.max < 0 {
		return emit(need, -1)
	}
	if need > 0 {
		if err := emit(need, need); err != nil {
			return err
		}
	}
	for opt := n.max - n.min; opt > 0; opt -= re2MaxRepeat {
		if err := emit(0, min(opt, re2MaxRepeat)); err != nil {
			return err
		}
	}
	return nil
}

var (
	allCodePoints = runeSet{{0, utf8.MaxRune}}
	surrogates    = runeSet{{highSurStart, lowSurEnd}}
)

// writeSet writes a code point set as one RE2 atom.
func writeSet(b *strings.Builder, s runeSet) {
	if len(s) == 0 {
		b.WriteString(`[^\x00-\x{10FFFF}]`) // matches nothing, like ECMA []
		return
	}
	if len(s) == 1 && s[0][0] == s[0][1] {
		writeRune(b, s[0][0])
		return
	}
	// Surrogates never occur in a Go string, so they may be added or left
	// out freely; a negated class is shorter for sets like [^/] or '.'.
	neg := complement(union(s, surrogates), 0, utf8.MaxRune)
	if len(neg) == 0 {
		b.WriteString(`[\x00-\x{10FFFF}]`)
		return
	}
	b.WriteString("[")
	if len(neg) < len(s) {
		b.WriteString("^")
		s = neg
	}
	for _, r := range s {
		writeRune(b, r[0])
		if r[1] != r[0] {
			if r[1] > r[0]+1 {
				b.WriteString("-")
			}
			writeRune(b, r[1])
		}
	}
	b.WriteString("]")
}

// writeRune writes r so that it is literal both inside and outside a class.
func writeRune(b *strings.Builder, r rune) {
	switch {
	case r < utf8.RuneSelf && strings.ContainsRune(`\.+*?()|[]{}^$-`, r):
		// Metacharacters in or outside a class; RE2 treats any escaped
		// ASCII punctuation as a literal.
		b.WriteByte('\\')
		b.WriteRune(r)
	case r >= ' ' && r < 0x7F:
		b.WriteRune(r)
	case r == '\t':
		b.WriteString(`\t`)
	case r == '\n':
		b.WriteString(`\n`)
	case r == '\v':
		b.WriteString(`\v`)
	case r == '\f':
		b.WriteString(`\f`)
	case r == '\r':
		b.WriteString(`\r`)
	case r < 0x100:
		fmt.Fprintf(b, `\x%02X`, r)
	default:
		fmt.Fprintf(b, `\x{%X}`, r)
	}
}
