// Package ecmaregex translates Smithy @pattern values, which are ECMA-262
// regular expressions, into Go regexp (RE2) syntax.
//
// Smithy's @pattern trait holds an ECMA-262 regular expression. Smithy
// tooling and AWS services evaluate it as a JavaScript RegExp *without* the
// u flag, so the text is read under the Annex B ("web compatibility")
// grammar, one UTF-16 code unit at a time. Go's regexp package implements
// RE2 syntax over code points. Translate bridges the two:
//
//   - The pattern is parsed as ECMA-262 Annex B over UTF-16 code units, so a
//     supplementary character written literally in the pattern is two atoms,
//     exactly as a JavaScript engine sees it, and `[😀-😂]` is the same
//     "range out of order" error it is in JavaScript.
//
//   - The result is re-emitted as RE2 text with every construct spelled out
//     explicitly, because several escapes mean different things in the two
//     dialects: ECMA `\s` covers Unicode white space where RE2's is ASCII only,
//     ECMA `.` excludes \r, U+2028 and U+2029 besides \n, identity escapes such
//     as `\a` or `\z` are plain letters in ECMA but not in RE2, and so on.
//
// Anchors: Smithy patterns are not implicitly anchored; a pattern matches if
// it matches anywhere in the value, which is what regexp.MatchString does.
// Without the m flag ECMA `^` and `$` only match at the start and end of the
// input. RE2 without (?m) behaves identically: `$` means end of text (like
// `\z`, unlike Perl it does not match before a final "\n"), which the tests
// check, so `^` and `$` are emitted unchanged.
//
// Code units versus code points: a Go string is a sequence of code points and
// can never hold a lone surrogate (regexp decodes invalid UTF-8 as U+FFFD), so
// each atom of the ECMA pattern, which matches one UTF-16 code unit, is turned
// into a set of code points:
//
//   - every member outside the surrogate block D800–DFFF is kept as is;
//   - a supplementary character (U+10000 and above) is a member when both its
//     high and its low surrogate are members of the unit set. This is exact
//     for the patterns that matter in practice: for a repetition such as
//     `^[\s\S]*$`, `.*` or `^[^x]+$` every code unit of the string must be in
//     the class, which is the same as every code point passing this rule, and
//     a class that does not contain surrogates (like the AWS ResourceName
//     pattern below) rejects every supplementary character, as JavaScript does.
//     It differs from JavaScript in counting: `^.$` matches "😀" here but not
//     in JavaScript, where the emoji is two units long, and `.{0,1023}` counts
//     code points. That is also how Smithy's @length trait counts characters.
//   - an explicit surrogate pair, an atom whose units include high surrogates
//     directly followed by one whose units include low surrogates, both
//     unquantified and at least one of them matching nothing but surrogates,
//     such as `\uD83D\uDE00` (or a literal 😀 in the pattern text) or
//     `[\uD800-\uDBFF][\uDC00-\uDFFF]`, becomes one atom: the supplementary
//     characters those pairs encode, so the second example is
//     U+10000–U+10FFFF;
//   - an atom that holds surrogates of only one kind and nothing else can
//     never match a code point, which is almost certainly a mistake in the
//     model, so it is reported as an error; surrogates of one kind mixed with
//     other members are simply dropped from the set (for instance a range
//     `\u0020-\uDBFF` that is not followed by a low-surrogate atom).
//
// `\u` escapes take exactly four hex digits, so `\u10000` is U+1000 followed
// by the literal "0". This appears in real AWS models: the class
// `[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]`
// means \u1000, then the range "0"–\u10FF, then "F" and "F"; it does not
// include supplementary characters at all, and neither does the translation.
//
// `\u{...}` only denotes a code point with the u flag. Without it, Annex B
// reads `\u{4}` as the letter "u" repeated four times and `\u{1F600}` as the
// literal text "u{1F600}". Either reading is certainly not what a model
// author meant, and Smithy's own validator (java.util.regex) rejects the
// construct, so Translate rejects it with an error that says so rather
// than silently generating a validator that checks for "uuuu". For the same
// reason an incomplete `\uXXXX` or `\xHH` escape is an error, although
// Annex B would read it as a literal "u" or "x".
package ecmaregex

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Pattern is a translated @pattern.
type Pattern struct {
	// Source is the ECMA-262 text from the model.
	Source string
	// RE2 is the equivalent Go regexp syntax; it matches with
	// regexp.MatchString semantics (anywhere in the value) like Source does.
	RE2 string
	// Class is set when the whole pattern is just an anchored repetition of
	// one character class, e.g. ^[-_a-zA-Z0-9]*$ or ^[a-z]+$, or a pattern
	// that every string matches, such as .* (which is not anchored, so it
	// matches the empty prefix of any value). A string then matches iff every
	// rune is in Class.Ranges and, for NonEmpty, it is not empty; generated
	// code can check that without the regexp package.
	Class *CharClass
}

// CharClass describes a pattern that is a repetition of one character class.
type CharClass struct {
	// Ranges are sorted, merged, non-overlapping inclusive code point ranges.
	// Ranging over a Go string never yields a surrogate code point, so when a
	// set includes both U+D7FF and U+E000 the surrogate block between them is
	// included too; that keeps [\s\S] the single range 0–10FFFF.
	Ranges [][2]rune
	// NonEmpty is true for '+' rather than '*'.
	NonEmpty bool
	// Any reports that Ranges is the single range 0–10FFFF, so that only
	// NonEmpty constrains the value. It is set for `^[\s\S]*$` and for
	// unanchored patterns such as `.*`, which match every string.
	Any bool
}

// Error reports a pattern that cannot be translated.
type Error struct {
	Source string // the ECMA-262 pattern
	Offset int    // byte offset in Source of the offending construct
	Msg    string
}

func (e *Error) Error() string {
	// Back quotes keep the backslashes of a pattern readable.
	src := strconv.Quote(e.Source)
	if strconv.CanBackquote(e.Source) {
		src = "`" + e.Source + "`"
	}
	return fmt.Sprintf("pattern %s: offset %d: %s", src, e.Offset, e.Msg)
}

// Translate translates a Smithy @pattern into Go regexp syntax.
func Translate(src string) (*Pattern, error) {
	p := newPatternParser(src)
	p.prescan()
	ast, err := p.parse()
	if err != nil {
		return nil, err
	}
	ast, err = p.toCodePoints(ast)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	if err := p.render(&b, ast, false); err != nil {
		return nil, err
	}
	re2 := b.String()
	if _, err := regexp.Compile(re2); err != nil {
		return nil, &Error{Source: src, Msg: fmt.Sprintf("translated expression %q does not compile: %v", re2, err)}
	}
	return &Pattern{Source: src, RE2: re2, Class: classOf(ast)}, nil
}

// ---- character sets ----

const (
	maxCodeUnit  = 0xFFFF
	highSurStart = 0xD800
	highSurEnd   = 0xDBFF
	lowSurStart  = 0xDC00
	lowSurEnd    = 0xDFFF
)

// runeSet is a sorted list of merged inclusive ranges.
type runeSet [][2]rune

func normalize(rs runeSet) runeSet {
	if len(rs) == 0 {
		return nil
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i][0] < rs[j][0] })
	out := runeSet{rs[0]}
	for _, r := range rs[1:] {
		last := &out[len(out)-1]
		if r[0] <= last[1]+1 {
			if r[1] > last[1] {
				last[1] = r[1]
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

func union(a, b runeSet) runeSet {
	out := make(runeSet, 0, len(a)+len(b))
	out = append(out, a...)
	out = append(out, b...)
	return normalize(out)
}

// complement returns [lo, hi] minus s; s must be normalized.
func complement(s runeSet, lo, hi rune) runeSet {
	var out runeSet
	next := lo
	for _, r := range s {
		if r[1] < lo || r[0] > hi {
			continue
		}
		if r[0] > next {
			out = append(out, [2]rune{next, r[0] - 1})
		}
		if r[1]+1 > next {
			next = r[1] + 1
		}
	}
	if next <= hi {
		out = append(out, [2]rune{next, hi})
	}
	return out
}

// intersect returns s ∩ [lo, hi]; s must be normalized.
func intersect(s runeSet, lo, hi rune) runeSet {
	var out runeSet
	for _, r := range s {
		a, b := max(r[0], lo), min(r[1], hi)
		if a <= b {
			out = append(out, [2]rune{a, b})
		}
	}
	return out
}

func single(r rune) runeSet { return runeSet{{r, r}} }

var (
	digitUnits = runeSet{{'0', '9'}}
	wordUnits  = runeSet{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}
	// ECMA-262 WhiteSpace and LineTerminator: TAB, VT, FF, ZWNBSP, the Zs
	// category (SPACE, NBSP, U+1680, U+2000–U+200A, U+202F, U+205F, U+3000)
	// and LF, CR, LS, PS.
	spaceUnits = normalize(runeSet{
		{'\t', '\r'}, {' ', ' '}, {0xA0, 0xA0}, {0x1680, 0x1680},
		{0x2000, 0x200A}, {0x2028, 0x2029}, {0x202F, 0x202F},
		{0x205F, 0x205F}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF},
	})
	// ECMA '.' without the s flag: anything but a LineTerminator.
	dotUnits = complement(runeSet{{'\n', '\n'}, {'\r', '\r'}, {0x2028, 0x2029}}, 0, maxCodeUnit)
)

// codePoints turns a set of UTF-16 code units into the set of code points
// an atom with that unit set matches (see the comment at the top of the file).
func codePoints(units runeSet) runeSet {
	out := complement(runeSet{{highSurStart, lowSurEnd}}, 0, maxCodeUnit)
	out = intersectSet(units, out)
	pairs := surrogatePairs(intersect(units, highSurStart, highSurEnd), intersect(units, lowSurStart, lowSurEnd))
	return union(out, pairs)
}

// intersectSet returns a ∩ b for normalized sets.
func intersectSet(a, b runeSet) runeSet {
	var out runeSet
	for _, r := range b {
		out = append(out, intersect(a, r[0], r[1])...)
	}
	return normalize(out)
}

// surrogatePairs returns the supplementary code points whose high surrogate
// is in high and whose low surrogate is in low.
func surrogatePairs(high, low runeSet) runeSet {
	if len(high) == 0 || len(low) == 0 {
		return nil
	}
	var out runeSet
	fullLow := len(low) == 1 && low[0] == [2]rune{lowSurStart, lowSurEnd}
	for _, h := range high {
		if fullLow {
			out = append(out, [2]rune{utf16.DecodeRune(h[0], lowSurStart), utf16.DecodeRune(h[1], lowSurEnd)})
			continue
		}
		for hi := h[0]; hi <= h[1]; hi++ {
			for _, l := range low {
				out = append(out, [2]rune{utf16.DecodeRune(hi, l[0]), utf16.DecodeRune(hi, l[1])})
			}
		}
	}
	return normalize(out)
}

// ---- syntax tree ----

type reNode interface{ isNode() }

// reChar is one atom: in ECMA terms it matches one code unit out of units;
// after toCodePoints, cps holds the code points it matches in Go.
type reChar struct {
	units runeSet
	cps   runeSet
	off   int
}

type reAssert struct{ kind byte } // '^', '$', 'b' (\b), 'B' (\B)

type reGroup struct {
	capture bool
	name    string
	sub     reNode
}

type reRepeat struct {
	sub      reNode
	min, max int // max < 0: unbounded
	lazy     bool
	off      int // unit index of the repeated atom
}

type reConcat struct{ items []reNode }

type reAlt struct{ alts []reNode }

func (*reChar) isNode()   {}
func (*reAssert) isNode() {}
func (*reGroup) isNode()  {}
func (*reRepeat) isNode() {}
func (*reConcat) isNode() {}
func (*reAlt) isNode()    {}

// ---- parser (ECMA-262 Annex B, no flags) ----

type patternParser struct {
	src   string
	units []uint16
	offs  []int // offs[i] is the byte offset in src of units[i]; offs[len(units)] = len(src)
	pos   int

	ncap  int             // capturing groups in the whole pattern
	named bool            // the pattern has named groups, which makes \k a back-reference
	names map[string]bool // group names seen so far
}

func newPatternParser(src string) *patternParser {
	p := &patternParser{src: src, names: map[string]bool{}}
	for i, r := range src {
		if r >= 0x10000 {
			h, l := utf16.EncodeRune(r)
			p.units = append(p.units, uint16(h), uint16(l))
			p.offs = append(p.offs, i, i)
		} else {
			// Invalid UTF-8, which a JSON model cannot contain, reads as
			// U+FFFD.
			p.units = append(p.units, uint16(r))
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
	for !p.eof() && p.peek() != '|' && p.peek() != ')' {
		start := p.pos
		atom, quantifiable, err := p.parseAtomOrAssertion()
		if err != nil {
			return nil, err
		}
		if p.quantifierAhead() {
			if !quantifiable {
				return nil, p.errAt(p.pos, "nothing to repeat: a quantifier cannot follow an assertion")
			}
			atom, err = p.parseQuantifier(atom, start)
			if err != nil {
				return nil, err
			}
		}
		c.items = append(c.items, atom)
	}
	return c, nil
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
	if p.peek() == '?' {
		r.lazy = true
		p.pos++
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
		}
		ch, err := p.parseAtomEscape()
		return ch, true, err
	case '(':
		g, err := p.parseGroup()
		return g, true, err
	case '.':
		p.pos++
		return &reChar{units: dotUnits, off: start}, true, nil
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
	p.pos++
	return &reChar{units: single(c), off: start}, true, nil
}

func (p *patternParser) parseGroup() (reNode, error) {
	start := p.pos
	p.pos++ // (
	g := &reGroup{capture: true}
	if p.peek() == '?' {
		switch {
		case p.lookingAt("?="):
			return nil, p.errAt(start, "look-ahead (?= is not supported by Go regular expressions (RE2)")
		case p.lookingAt("?!"):
			return nil, p.errAt(start, "negative look-ahead (?! is not supported by Go regular expressions (RE2)")
		case p.lookingAt("?<="):
			return nil, p.errAt(start, "look-behind (?<= is not supported by Go regular expressions (RE2)")
		case p.lookingAt("?<!"):
			return nil, p.errAt(start, "negative look-behind (?<! is not supported by Go regular expressions (RE2)")
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
	sub, err := p.parseDisjunction()
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
	name := string(utf16.Decode(p.units[start:p.pos]))
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
func (p *patternParser) parseAtomEscape() (*reChar, error) {
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
			return nil, p.errAt(start, "back-reference \\%d is not supported by Go regular expressions (RE2)", v)
		}
	case c == 'k' && p.named:
		return nil, p.errAt(start, "named back-reference \\k is not supported by Go regular expressions (RE2)")
	case c == 'c':
		if l := p.peekAt(2); l >= 'a' && l <= 'z' || l >= 'A' && l <= 'Z' {
			p.pos += 3
			return &reChar{units: single(l % 32), off: start}, nil
		}
		// Annex B: a '\' not followed by a control letter is a literal
		// backslash, and the 'c' is parsed as the next atom.
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
		return complement(digitUnits, 0, maxCodeUnit), nil
	case 'w':
		return wordUnits, nil
	case 'W':
		return complement(wordUnits, 0, maxCodeUnit), nil
	case 's':
		return spaceUnits, nil
	case 'S':
		return complement(spaceUnits, 0, maxCodeUnit), nil
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
		return nil, p.errAt(start, "\\x must be followed by exactly two hex digits (without the u flag ECMA-262 would read it as a literal 'x')")
	case 'u':
		if v, ok := p.hex(4); ok {
			return single(v), nil
		}
		if p.peek() == '{' {
			return nil, p.errAt(start, "\\u{...} code point escapes need the u flag, which Smithy patterns do not have: "+
				"without it ECMA-262 reads \\u{4} as 'u' repeated 4 times; write \\uXXXX, or a surrogate pair \\uD83D\\uDE00 for a character above U+FFFF")
		}
		return nil, p.errAt(start, "\\u must be followed by exactly four hex digits (without the u flag ECMA-262 would read it as a literal 'u')")
	case '0':
		if d := p.peek(); d < '0' || d > '9' {
			return single(0), nil
		}
		p.pos--
		return single(p.legacyOctal()), nil
	case '1', '2', '3', '4', '5', '6', '7':
		p.pos--
		return single(p.legacyOctal()), nil
	case 'k':
		if p.named {
			return nil, p.errAt(start, "\\k in a class is a syntax error in a pattern with named groups")
		}
	}
	// IdentityEscape: under Annex B any other character, letters included,
	// stands for itself (\8, \9, \-, \/, \a, \z, ...).
	return single(c), nil
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
		set = complement(set, 0, maxCodeUnit)
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
		if l := p.peekAt(2); l >= 'a' && l <= 'z' || l >= 'A' && l <= 'Z' || l >= '0' && l <= '9' || l == '_' {
			p.pos += 3
			return single(l % 32), true, nil
		}
		p.pos++
		return single('\\'), true, nil
	case d == '8' || d == '9':
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
			if ok1 && ok2 {
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
	c.cps = codePoints(c.units)
	if len(c.cps) == 0 && len(intersect(c.units, highSurStart, lowSurEnd)) > 0 {
		return &Error{Source: p.src, Offset: p.offs[c.off], Msg: "lone surrogate: this atom matches only surrogate code units of one kind (high or low), which a Go string of code points never contains;" +
			" write a complete surrogate pair or a class that contains both halves"}
	}
	return nil
}

// ---- rendering RE2 text ----

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
	}
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

// ---- class detection ----

// classOf recognises patterns that are a repetition of a single class.
func classOf(n reNode) *CharClass {
	var items []reNode
	if c, ok := n.(*reConcat); ok {
		items = c.items
	} else {
		items = []reNode{n}
	}
	anchoredStart, anchoredEnd := false, false
	if len(items) > 0 {
		if a, ok := items[0].(*reAssert); ok && a.kind == '^' {
			anchoredStart = true
			items = items[1:]
		}
	}
	if len(items) > 0 {
		if a, ok := items[len(items)-1].(*reAssert); ok && a.kind == '$' {
			anchoredEnd = true
			items = items[:len(items)-1]
		}
	}
	if len(items) != 1 {
		return nil
	}
	rep, ok := items[0].(*reRepeat)
	if !ok || rep.max >= 0 || rep.min > 1 {
		return nil
	}
	set := singleClass(rep.sub)
	if set == nil {
		return nil
	}
	if !anchoredStart || !anchoredEnd {
		if rep.min == 0 {
			// X* matches the empty string at either unanchored end.
			return &CharClass{Ranges: [][2]rune{{0, utf8.MaxRune}}, Any: true}
		}
		return nil
	}
	// Fill the surrogate gap when both sides are present; see Ranges.
	if len(intersect(set, highSurStart-1, highSurStart-1)) > 0 && len(intersect(set, lowSurEnd+1, lowSurEnd+1)) > 0 {
		set = union(set, surrogates)
	}
	cc := &CharClass{Ranges: [][2]rune(set), NonEmpty: rep.min == 1}
	cc.Any = len(set) == 1 && set[0] == allCodePoints[0]
	return cc
}

// singleClass returns the set of n if n matches exactly one code point from
// a set, looking through groups.
func singleClass(n reNode) runeSet {
	for {
		switch x := n.(type) {
		case *reChar:
			if x.cps == nil {
				return runeSet{}
			}
			return append(runeSet(nil), x.cps...)
		case *reGroup:
			n = x.sub
		case *reConcat:
			if len(x.items) != 1 {
				return nil
			}
			n = x.items[0]
		default:
			return nil
		}
	}
}
