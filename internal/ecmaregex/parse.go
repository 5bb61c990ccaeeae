package ecmaregex

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// patternParser parses ECMA-262 patterns under the Annex B grammar without
// flags, one UTF-16 code unit at a time.
type patternParser struct {
	src   string
	units []rune // UTF-16 code units; code points with the u flag
	offs  []int  // offs[i] is the byte offset in src of units[i]; offs[len(units)] = len(src)
	pos   int

	ncap   int             // capturing groups in the whole pattern
	named  bool            // the pattern has named groups, which makes \k a back-reference
	names  map[string]bool // group names seen so far
	u      bool            // parse as new RegExp(src, "u") does
	dotAll bool            // Java's (?s) was seen: '.' matches everything
	java   bool            // a construct was read as java.util.regex reads it

	groups   int  // capturing groups parsed so far
	backrefs int  // back-references parsed
	looks    bool // the pattern has look-arounds

	// Rendering state: the look-arounds rendered so far, and the marks of
	// the expression being rendered.
	lookOut []Look
	marks   *[]int
}

func newPatternParser(src string, u bool) *patternParser {
	p := &patternParser{src: src, names: map[string]bool{}, u: u}
	for i, r := range src {
		if r >= 0x10000 && !u {
			h, l := utf16.EncodeRune(r)
			p.units = append(p.units, h, l)
			p.offs = append(p.offs, i, i)
		} else {
			// Invalid UTF-8, which a JSON model cannot contain, reads as
			// U+FFFD.
			p.units = append(p.units, r)
			p.offs = append(p.offs, i)
		}
	}
	p.offs = append(p.offs, len(src))
	return p
}

func (p *patternParser) errAt(pos int, format string, args ...any) error {
	if pos > len(p.units) {
		pos = len(p.units)
	}
	return &Error{Source: p.src, Offset: p.offs[pos], Msg: fmt.Sprintf(format, args...)}
}

// top is the largest unit: a code unit, or a code point with the u flag.
func (p *patternParser) top() rune {
	if p.u {
		return maxCodePoint
	}
	return maxCodeUnit
}

// text returns the pattern text of units[from:to].
func (p *patternParser) text(from, to int) string {
	if p.u {
		return string(p.units[from:to])
	}
	u16 := make([]uint16, 0, to-from)
	for _, c := range p.units[from:to] {
		u16 = append(u16, uint16(c))
	}
	return string(utf16.Decode(u16))
}

func (p *patternParser) eof() bool { return p.pos >= len(p.units) }

// peekAt returns the unit at pos+k, or -1 past the end.
func (p *patternParser) peekAt(k int) rune {
	if p.pos+k < len(p.units) {
		return rune(p.units[p.pos+k])
	}
	return -1
}

func (p *patternParser) peek() rune { return p.peekAt(0) }

func (p *patternParser) lookingAt(s string) bool {
	for i := 0; i < len(s); i++ {
		if p.peekAt(i) != rune(s[i]) {
			return false
		}
	}
	return true
}

// prescan counts capturing groups and notes named groups. Annex B needs both
// before parsing: `\2` is a back-reference only if the pattern has at least
// two capturing groups (otherwise it is an octal escape), and `\k` is a
// back-reference only in a pattern with named groups.
func (p *patternParser) prescan() {
	inClass := false
	for i := 0; i < len(p.units); i++ {
		switch c := p.units[i]; {
		case c == '\\':
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
		case c == '(':
			if i+1 < len(p.units) && p.units[i+1] == '?' {
				if i+3 < len(p.units) && p.units[i+2] == '<' && p.units[i+3] != '=' && p.units[i+3] != '!' {
					p.ncap++
					p.named = true
				}
			} else {
				p.ncap++
			}
		}
	}
}

func (p *patternParser) parse() (reNode, error) {
	n, err := p.parseDisjunction()
	if err != nil {
		return nil, err
	}
	if !p.eof() {
		// Only an unbalanced ')' stops a top-level disjunction early.
		return nil, p.errAt(p.pos, "unmatched ')'")
	}
	return n, nil
}

func (p *patternParser) parseDisjunction() (reNode, error) {
	first, err := p.parseAlternative()
	if err != nil {
		return nil, err
	}
	if p.peek() != '|' {
		return first, nil
	}
	alt := &reAlt{alts: []reNode{first}}
	for p.peek() == '|' {
		p.pos++
		a, err := p.parseAlternative()
		if err != nil {
			return nil, err
		}
		alt.alts = append(alt.alts, a)
	}
	return alt, nil
}

func (p *patternParser) parseAlternative() (reNode, error) {
	c := &reConcat{}
	var possessive []int // items with a possessive quantifier
	for !p.eof() && p.peek() != '|' && p.peek() != ')' {
		start := p.pos
		atom, quantifiable, err := p.parseAtomOrAssertion()
		if err != nil {
			return nil, err
		}
		if p.quantifierAhead() {
			if !quantifiable && (p.u || !isAnchor(atom)) {
				return nil, p.errAt(p.pos, "nothing to repeat: a quantifier cannot follow an assertion")
			}
			atom, err = p.parseQuantifier(atom, start)
			if err != nil {
				return nil, err
			}
		}
		if r, ok := atom.(*reRepeat); ok && r.possessive {
			possessive = append(possessive, len(c.items))
		}
		c.items = append(c.items, atom)
	}
	for _, i := range possessive {
		if err := p.checkPossessive(c.items, i); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// isAnchor reports whether n is ^ or $, which java.util.regex lets take a
// quantifier (AWS models write ${2,64}).
func isAnchor(n reNode) bool {
	a, ok := n.(*reAssert)
	return ok && (a.kind == '^' || a.kind == '$')
}

// checkPossessive accepts Java's possessive quantifier (X?+, X*+, X++) at
// items[i] only where it means what the greedy one means: X is one
// character class and what follows cannot start with a character of X, so
// giving back a repetition could never help the rest to match.
func (p *patternParser) checkPossessive(items []reNode, i int) error {
	r := items[i].(*reRepeat)
	x, ok := r.sub.(*reChar)
	if ok {
		next, ok2 := firstSet(items[i+1:])
		if ok2 && len(intersectSet(x.units, next)) == 0 {
			return nil
		}
	}
	return p.errAt(r.off, "possessive quantifier (a Java construct, not ECMA-262) is only supported on a character class that what follows cannot continue")
}

// firstSet returns the units the first character matched by items can be,
// for items that start with a character class, possibly repeated at least
// once, or that match only the end of input.
func firstSet(items []reNode) (runeSet, bool) {
	if len(items) == 0 {
		return nil, true
	}
	switch n := items[0].(type) {
	case *reChar:
		return n.units, true
	case *reRepeat:
		if c, ok := n.sub.(*reChar); ok && n.min >= 1 {
			return c.units, true
		}
	case *reAssert:
		if n.kind == '$' && len(items) == 1 {
			return nil, true
		}
	}
	return nil, false
}

// quantifierAhead reports whether a quantifier starts at the current position.
func (p *patternParser) quantifierAhead() bool {
	switch p.peek() {
	case '*', '+', '?':
		return true
	case '{':
		_, _, _, ok := p.bracedQuantifier(p.pos)
		return ok
	}
	return false
}

// bracedQuantifier parses {n}, {n,} or {n,m} at unit index i. It returns the
// bounds (max < 0 for unbounded), the length in units and whether it is one.
// Counts that overflow are clamped; they fail later as too large.
func (p *patternParser) bracedQuantifier(i int) (lo, hi, n int, ok bool) {
	j := i
	if j >= len(p.units) || p.units[j] != '{' {
		return 0, 0, 0, false
	}
	j++
	num := func() (int, bool) {
		start := j
		v := 0
		for j < len(p.units) && p.units[j] >= '0' && p.units[j] <= '9' {
			if v < 1<<30 {
				v = v*10 + int(p.units[j]-'0')
			}
			j++
		}
		return v, j > start
	}
	lo, ok = num()
	if !ok {
		return 0, 0, 0, false
	}
	hi = lo
	if j < len(p.units) && p.units[j] == ',' {
		j++
		var has bool
		hi, has = num()
		if !has {
			hi = -1
		}
	}
	if j >= len(p.units) || p.units[j] != '}' {
		return 0, 0, 0, false
	}
	return lo, hi, j + 1 - i, true
}

func (p *patternParser) parseQuantifier(atom reNode, atomStart int) (reNode, error) {
	r, err := p.parseRepeat(atom, atomStart)
	if err != nil {
		return nil, err
	}
	if _, ok := atom.(*reLook); ok || isAnchor(atom) {
		// A look-around or an anchor consumes nothing, so repeating it
		// changes nothing; allowing zero repetitions drops it.
		if !ok {
			p.java = true
		}
		if r.min == 0 {
			return &reConcat{}, nil
		}
		return atom, nil
	}
	return r, nil
}

func (p *patternParser) parseRepeat(atom reNode, atomStart int) (*reRepeat, error) {
	r := &reRepeat{sub: atom, off: atomStart}
	qpos := p.pos
	switch p.peek() {
	case '*':
		r.min, r.max = 0, -1
		p.pos++
	case '+':
		r.min, r.max = 1, -1
		p.pos++
	case '?':
		r.min, r.max = 0, 1
		p.pos++
	case '{':
		lo, hi, n, _ := p.bracedQuantifier(p.pos)
		if hi >= 0 && lo > hi {
			return nil, p.errAt(qpos, "numbers out of order in {} quantifier")
		}
		r.min, r.max = lo, hi
		p.pos += n
	}
	switch {
	case p.peek() == '?':
		r.lazy = true
		p.pos++
	case p.peek() == '+' && !p.u:
		// Java's possessive quantifier; see checkPossessive.
		r.possessive = true
		p.java = true
		p.pos++
	}
	if _, _, n, ok := p.bracedQuantifier(p.pos); ok && !p.u {
		// java.util.regex ignores a braced quantifier that follows
		// another: it reads x{2}{3} as x{2}, and AWS models rely on it.
		p.pos += n
		p.java = true
	}
	if p.quantifierAhead() {
		return nil, p.errAt(p.pos, "nothing to repeat: quantifier follows a quantifier")
	}
	return r, nil
}

// parseAtomOrAssertion parses one term without its quantifier.
func (p *patternParser) parseAtomOrAssertion() (n reNode, quantifiable bool, err error) {
	start := p.pos
	c := p.peek()
	switch c {
	case '^', '$':
		p.pos++
		return &reAssert{kind: byte(c)}, false, nil
	case '\\':
		switch p.peekAt(1) {
		case 'b', 'B':
			p.pos += 2
			return &reAssert{kind: byte(p.units[p.pos-1])}, false, nil
		case 'A', 'z':
			if !p.u {
				// Java's \A and \z, beginning and end of input.
				p.pos += 2
				p.java = true
				if p.units[p.pos-1] == 'A' {
					return &reAssert{kind: '^'}, false, nil
				}
				return &reAssert{kind: '$'}, false, nil
			}
		}
		ch, err := p.parseAtomEscape()
		return ch, true, err
	case '(':
		g, err := p.parseGroup()
		if l, ok := g.(*reLook); ok {
			// Annex B lets a look-ahead, not a look-behind, take a
			// quantifier (QuantifiableAssertion).
			return g, !l.behind && !p.u, err
		}
		return g, true, err
	case '.':
		p.pos++
		if p.dotAll {
			return &reChar{units: runeSet{{0, p.top()}}, off: start}, true, nil
		}
		return &reChar{units: complement(lineTerminators, 0, p.top()), off: start}, true, nil
	case '[':
		ch, err := p.parseClass()
		return ch, true, err
	case '*', '+', '?':
		return nil, false, p.errAt(start, "nothing to repeat: %q has no preceding atom", c)
	case '{':
		if _, _, _, ok := p.bracedQuantifier(p.pos); ok {
			return nil, false, p.errAt(start, "nothing to repeat: {} quantifier has no preceding atom")
		}
	}
	// Any other unit, including ']', '{' and '}' under Annex B, is literal.
	if p.u && (c == ']' || c == '{' || c == '}') {
		return nil, false, p.errAt(start, "lone %q: with the u flag it must be escaped", c)
	}
	p.pos++
	return &reChar{units: single(c), off: start}, true, nil
}

func (p *patternParser) parseGroup() (reNode, error) {
	start := p.pos
	p.pos++ // (
	g := &reGroup{capture: true}
	if p.peek() == '?' {
		switch {
		case p.lookingAt("?="), p.lookingAt("?!"):
			return p.parseLook(start, false, p.peekAt(1) == '!')
		case p.lookingAt("?<="), p.lookingAt("?<!"):
			return p.parseLook(start, true, p.peekAt(2) == '!')
		case p.lookingAt("?s)") && !p.u:
			// Java's inline flag DOTALL: '.' matches every character up
			// to the end of the enclosing group.
			p.pos += 3
			p.dotAll = true
			p.java = true
			return &reConcat{}, nil
		case p.lookingAt("?:"):
			p.pos += 2
			g.capture = false
		case p.lookingAt("?<"):
			p.pos += 2
			name, err := p.parseGroupName(start)
			if err != nil {
				return nil, err
			}
			g.name = name
		default:
			return nil, p.errAt(start, "invalid group: '(?' must be followed by ':', '=', '!', '<=', '<!' or '<name>'")
		}
	}
	dotAll := p.dotAll
	if g.capture {
		p.groups++
		g.index = p.groups
	}
	sub, err := p.parseDisjunction()
	p.dotAll = dotAll
	if err != nil {
		return nil, err
	}
	if p.peek() != ')' {
		return nil, p.errAt(start, "unterminated group")
	}
	p.pos++
	g.sub = sub
	return g, nil
}

// parseLook parses a look-around; p.pos is just after its '('.
func (p *patternParser) parseLook(start int, behind, negative bool) (reNode, error) {
	p.pos += 2
	if behind {
		p.pos++
	}
	sub, err := p.parseDisjunction()
	if err != nil {
		return nil, err
	}
	if p.peek() != ')' {
		return nil, p.errAt(start, "unterminated look-around")
	}
	p.pos++
	p.looks = true
	return &reLook{behind: behind, negative: negative, sub: sub}, nil
}

// parseGroupName reads "name>" after "(?<". ECMA group names are identifiers;
// Go's are restricted to ASCII letters, digits and '_', so names outside that
// (a '$', non-ASCII letters) cannot be carried over and are reported.
func (p *patternParser) parseGroupName(groupStart int) (string, error) {
	start := p.pos
	for !p.eof() && p.peek() != '>' {
		p.pos++
	}
	if p.eof() {
		return "", p.errAt(groupStart, "unterminated group name")
	}
	name := p.text(start, p.pos)
	p.pos++ // >
	if name == "" {
		return "", p.errAt(groupStart, "empty group name")
	}
	for i, r := range name {
		ok := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9'
		if !ok {
			return "", p.errAt(groupStart, "group name %q: Go supports only ASCII letters, digits and '_' in group names", name)
		}
	}
	if p.names[name] {
		return "", p.errAt(groupStart, "duplicate group name %q", name)
	}
	p.names[name] = true
	return name, nil
}

// parseAtomEscape parses an escape outside a class; p.pos is at the '\'.
func (p *patternParser) parseAtomEscape() (reNode, error) {
	start := p.pos
	c := p.peekAt(1)
	switch {
	case c < 0:
		return nil, p.errAt(start, "\\ at end of pattern")
	case c >= '1' && c <= '9':
		// A DecimalEscape is a back-reference when the pattern has that
		// many capturing groups; otherwise Annex B reads it as a legacy
		// octal escape (or, for \8 and \9, as the digit itself).
		j, v := p.pos+1, 0
		for j < len(p.units) && p.units[j] >= '0' && p.units[j] <= '9' {
			if v < 1<<20 {
				v = v*10 + int(p.units[j]-'0')
			}
			j++
		}
		if v <= p.ncap {
			p.pos = j
			p.backrefs++
			return &reBackref{group: v, off: start}, nil
		}
		if p.u {
			return nil, p.errAt(start, "back-reference \\%d to a group that does not exist", v)
		}
	case c == 'k' && (p.named || p.u):
		return nil, p.errAt(start, "named back-reference \\k is not supported: it cannot be matched in time linear in the input")
	case c == 'c':
		if l := p.peekAt(2); l >= 'a' && l <= 'z' || l >= 'A' && l <= 'Z' {
			p.pos += 3
			return &reChar{units: single(l % 32), off: start}, nil
		}
		// Annex B: a '\' not followed by a control letter is a literal
		// backslash, and the 'c' is parsed as the next atom.
		if p.u {
			return nil, p.errAt(start, "\\c must be followed by a letter")
		}
		p.pos++
		return &reChar{units: single('\\'), off: start}, nil
	}
	units, err := p.parseCharacterEscape()
	if err != nil {
		return nil, err
	}
	return &reChar{units: units, off: start}, nil
}

// parseCharacterEscape parses the escapes shared by atoms and classes; p.pos
// is at the '\' and the special cases of each context are already handled.
func (p *patternParser) parseCharacterEscape() (runeSet, error) {
	start := p.pos
	p.pos++ // \
	c := p.peek()
	p.pos++
	switch c {
	case 'd':
		return digitUnits, nil
	case 'D':
		return complement(digitUnits, 0, p.top()), nil
	case 'w':
		return wordUnits, nil
	case 'W':
		return complement(wordUnits, 0, p.top()), nil
	case 's':
		return spaceUnits, nil
	case 'S':
		return complement(spaceUnits, 0, p.top()), nil
	case 't':
		return single('\t'), nil
	case 'n':
		return single('\n'), nil
	case 'r':
		return single('\r'), nil
	case 'v':
		return single('\v'), nil
	case 'f':
		return single('\f'), nil
	case 'x':
		if v, ok := p.hex(2); ok {
			return single(v), nil
		}
		if !p.u && p.peek() == '{' {
			// Java's \x{h...h}, which AWS models use.
			if v, ok := p.bracedHex(); ok {
				p.java = true
				return single(v), nil
			}
		}
		return nil, p.errAt(start, "\\x must be followed by exactly two hex digits (without the u flag ECMA-262 would read it as a literal 'x')")
	case 'u':
		return p.unicodeEscape(start)
	case 'p', 'P':
		if p.u || p.peek() == '{' {
			return p.propertyEscape(start, c == 'P')
		}
	case '0':
		if d := p.peek(); d < '0' || d > '9' {
			return single(0), nil
		}
		if p.u {
			return nil, p.errAt(start, "octal escapes are not allowed with the u flag")
		}
		p.pos--
		return single(p.legacyOctal()), nil
	case '1', '2', '3', '4', '5', '6', '7':
		if p.u {
			return nil, p.errAt(start, "octal escapes are not allowed with the u flag")
		}
		p.pos--
		return single(p.legacyOctal()), nil
	case 'k':
		if p.named {
			return nil, p.errAt(start, "\\k in a class is a syntax error in a pattern with named groups")
		}
	}
	if p.u && !strings.ContainsRune(`^$\.*+?()[]{}|/`, c) {
		return nil, p.errAt(start, "\\%c is not an escape with the u flag", c)
	}
	// IdentityEscape: under Annex B any other character, letters included,
	// stands for itself (\8, \9, \-, \/, \a, \z, ...).
	return single(c), nil
}

// unicodeEscape parses what follows \u: four hex digits, with the u flag
// also a surrogate pair \uD83D\uDE00 as one code point and \u{1F600}.
func (p *patternParser) unicodeEscape(start int) (runeSet, error) {
	if v, ok := p.hex(4); ok {
		if p.u && v >= highSurStart && v <= highSurEnd && p.peek() == '\\' && p.peekAt(1) == 'u' {
			save := p.pos
			p.pos += 2
			if lo, ok := p.hex(4); ok && lo >= lowSurStart && lo <= lowSurEnd {
				return single(utf16.DecodeRune(v, lo)), nil
			}
			p.pos = save
		}
		return single(v), nil
	}
	if p.peek() == '{' {
		if p.u {
			if v, ok := p.bracedHex(); ok && v <= maxCodePoint {
				return single(v), nil
			}
			return nil, p.errAt(start, "invalid \\u{...} escape")
		}
		return nil, p.errAt(start, "\\u{...} code point escapes need the u flag: "+
			"without it ECMA-262 reads \\u{4} as 'u' repeated 4 times; write \\uXXXX, or a surrogate pair \\uD83D\\uDE00 for a character above U+FFFF")
	}
	return nil, p.errAt(start, "\\u must be followed by exactly four hex digits (without the u flag ECMA-262 would read it as a literal 'u')")
}

// bracedHex reads {h...h}, a code point of at most six hex digits.
func (p *patternParser) bracedHex() (rune, bool) {
	var v rune
	j := p.pos + 1
	for ; j < len(p.units) && j-p.pos <= 7; j++ {
		d := p.units[j]
		switch {
		case d >= '0' && d <= '9':
			d -= '0'
		case d >= 'a' && d <= 'f':
			d -= 'a' - 10
		case d >= 'A' && d <= 'F':
			d -= 'A' - 10
		case d == '}' && j > p.pos+1:
			p.pos = j + 1
			return v, true
		default:
			return 0, false
		}
		v = v<<4 | d
	}
	return 0, false
}

// hex reads exactly n hex digits.
func (p *patternParser) hex(n int) (rune, bool) {
	var v rune
	for i := 0; i < n; i++ {
		d := p.peekAt(i)
		switch {
		case d >= '0' && d <= '9':
			d -= '0'
		case d >= 'a' && d <= 'f':
			d -= 'a' - 10
		case d >= 'A' && d <= 'F':
			d -= 'A' - 10
		default:
			return 0, false
		}
		v = v<<4 | d
	}
	p.pos += n
	return v, true
}

// legacyOctal reads Annex B's LegacyOctalEscapeSequence: up to three octal
// digits, the value staying below 0o400.
func (p *patternParser) legacyOctal() rune {
	isOct := func(r rune) bool { return r >= '0' && r <= '7' }
	first := p.peek()
	v := first - '0'
	p.pos++
	if !isOct(p.peek()) {
		return v
	}
	v = v*8 + p.peek() - '0'
	p.pos++
	if first <= '3' && isOct(p.peek()) {
		v = v*8 + p.peek() - '0'
		p.pos++
	}
	return v
}

// parseClass parses [...] or [^...]. In ECMA-262 "[]" is an empty class that
// matches nothing and "[^]" matches any unit; ']' is never literal in first
// position as it is in POSIX.
func (p *patternParser) parseClass() (*reChar, error) {
	start := p.pos
	p.pos++ // [
	negate := false
	if p.peek() == '^' {
		negate = true
		p.pos++
	}
	var set runeSet
	for {
		if p.eof() {
			return nil, p.errAt(start, "unterminated character class")
		}
		if p.peek() == ']' {
			p.pos++
			break
		}
		atomPos := p.pos
		a, aSingle, err := p.parseClassAtom()
		if err != nil {
			return nil, err
		}
		if p.peek() == '-' && p.peekAt(1) != ']' && p.peekAt(1) >= 0 {
			p.pos++ // -
			b, bSingle, err := p.parseClassAtom()
			if err != nil {
				return nil, err
			}
			if (!aSingle || !bSingle) && p.u {
				return nil, p.errAt(atomPos, "a class escape cannot be the end of a range with the u flag")
			}
			if !aSingle || !bSingle {
				// Annex B: a range with a class escape (\d-x) is the union
				// of both sides and a literal '-'.
				set = append(set, a...)
				set = append(set, b...)
				set = append(set, [2]rune{'-', '-'})
				continue
			}
			if a[0][0] > b[0][0] {
				return nil, p.errAt(atomPos, "range out of order in character class")
			}
			set = append(set, [2]rune{a[0][0], b[0][0]})
			continue
		}
		set = append(set, a...)
	}
	set = normalize(set)
	if negate {
		set = complement(set, 0, p.top())
	}
	return &reChar{units: set, off: start}, nil
}

// parseClassAtom returns the units of one class atom and whether it is a
// single unit (a possible range end point).
func (p *patternParser) parseClassAtom() (runeSet, bool, error) {
	c := p.peek()
	if c != '\\' {
		p.pos++
		return single(c), true, nil
	}
	switch d := p.peekAt(1); {
	case d < 0:
		return nil, false, p.errAt(p.pos, "\\ at end of pattern")
	case d == 'b':
		p.pos += 2
		return single('\b'), true, nil
	case d == 'c':
		// Annex B allows digits and '_' after \c inside a class.
		if l := p.peekAt(2); l >= 'a' && l <= 'z' || l >= 'A' && l <= 'Z' || !p.u && (l >= '0' && l <= '9' || l == '_') {
			p.pos += 3
			return single(l % 32), true, nil
		}
		if p.u {
			return nil, false, p.errAt(p.pos, "\\c must be followed by a letter")
		}
		p.pos++
		return single('\\'), true, nil
	case d == '-' && p.u:
		p.pos += 2
		return single('-'), true, nil
	case (d == '8' || d == '9') && !p.u:
		p.pos += 2
		return single(d), true, nil
	}
	s, err := p.parseCharacterEscape()
	if err != nil {
		return nil, false, err
	}
	return s, len(s) == 1 && s[0][0] == s[0][1], nil
}

// ---- from code units to code points ----

func (p *patternParser) toCodePoints(n reNode) (reNode, error) {
	switch n := n.(type) {
	case *reChar:
		return n, p.charToCP(n)
	case *reAssert:
		return n, nil
	case *reGroup:
		sub, err := p.toCodePoints(n.sub)
		n.sub = sub
		return n, err
	case *reRepeat:
		sub, err := p.toCodePoints(n.sub)
		n.sub = sub
		return n, err
	case *reLook:
		sub, err := p.toCodePoints(n.sub)
		n.sub = sub
		return n, err
	case *reBackref:
		return n, nil
	case *reAlt:
		for i, a := range n.alts {
			a, err := p.toCodePoints(a)
			if err != nil {
				return nil, err
			}
			n.alts[i] = a
		}
		return n, nil
	case *reConcat:
		var items []reNode
		for i := 0; i < len(n.items); i++ {
			a, ok1 := n.items[i].(*reChar)
			var b *reChar
			ok2 := false
			if i+1 < len(n.items) {
				b, ok2 = n.items[i+1].(*reChar)
			}
			if ok1 && ok2 && !p.u {
				high := intersect(a.units, highSurStart, highSurEnd)
				low := intersect(b.units, lowSurStart, lowSurEnd)
				// Pair up only when one side can match nothing by itself,
				// i.e. the pair is evidently meant as one character.
				if len(high) > 0 && len(low) > 0 && (len(codePoints(a.units)) == 0 || len(codePoints(b.units)) == 0) {
					items = append(items, &reChar{cps: surrogatePairs(high, low), off: a.off})
					i++
					continue
				}
			}
			it, err := p.toCodePoints(n.items[i])
			if err != nil {
				return nil, err
			}
			items = append(items, it)
		}
		n.items = items
		return n, nil
	}
	panic(fmt.Sprintf("unexpected node %T", n))
}

func (p *patternParser) charToCP(c *reChar) error {
	if p.u {
		// The units are code points already; a lone surrogate, which only
		// matches itself, never occurs in a Go string.
		c.cps = intersectSet(c.units, complement(surrogates, 0, maxCodePoint))
		return nil
	}
	c.cps = codePoints(c.units)
	if len(c.cps) == 0 && len(intersect(c.units, highSurStart, lowSurEnd)) > 0 {
		return &Error{Source: p.src, Offset: p.offs[c.off], Msg: "lone surrogate: this atom matches only surrogate code units of one kind (high or low), which a Go string of code points never contains;" +
			" write a complete surrogate pair or a class that contains both halves"}
	}
	return nil
}
