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
// Look-arounds: (?=X), (?!X), (?<=X) and (?<!X) have no RE2 equivalent.
// Translate renders each as an empty capture group marking its position,
// with X rendered on its own (see Pattern.Looks); the runtime's matcher
// tests them in time linear in the input. The pattern's own groups are then
// rendered non-capturing: captures mean nothing to a yes/no match. Annex B
// allows a quantifier on a look-ahead; as a look-ahead consumes nothing, a
// minimum of zero drops it and any other minimum leaves it as it is.
//
// Back-references are matched where the group can capture only a few
// strings; see backref.go.
//
// Java constructs: a pattern that is a syntax error with the u flag is read
// under Annex B, except for constructs AWS models take from java.util.regex,
// AWS's own validator, which are read as Java reads them rather than as the
// literal text Annex B would see, or refused: \p{Alnum} and the other Java
// property names (props.go), \x{h..h}, \A and \z, the inline flag (?s),
// a quantifier on ^ or $ (Java drops the anchor for a minimum of 0 and
// keeps it otherwise), a braced quantifier after another (Java ignores it:
// x{2}{3} is x{2}), and a possessive quantifier where it means what the
// greedy one does; elsewhere it is refused. Pattern.Java reports it.
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
	"strconv"
	"strings"
)

// Pattern is a translated @pattern.
type Pattern struct {
	// Source is the ECMA-262 text from the model.
	Source string
	// Unicode reports that Source is read as with the u flag; else it is a
	// syntax error with it and is read under Annex B (see the package doc).
	Unicode bool
	// Java reports that Source, read under Annex B, uses constructs read as
	// java.util.regex reads them (\p{Alnum}, \x{22}, \A, ...).
	Java bool
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
	// Looks are the pattern's look-arounds, each after those nested in it.
	// When there are any, RE2 alone is not the pattern: every capture group
	// of RE2 (the translation makes the pattern's own groups non-capturing)
	// is an empty group standing for a look-around, the i-th one (counting
	// opening parentheses from 1) for Looks[Marks[i-1]], which must hold at
	// that position. Matching that in linear time takes the runtime's
	// look-around matcher; regexp alone cannot.
	Looks []Look
	// Marks maps the capture groups of RE2 to Looks, as described there.
	Marks []int
}

// Look is one look-around of a pattern: (?=X), (?!X), (?<=X) or (?<!X).
type Look struct {
	Behind   bool // look-behind rather than look-ahead
	Negative bool // (?!X) or (?<!X)
	// RE2 is the translation of X, with capture groups standing for the
	// look-arounds nested in it as in Pattern.
	RE2   string
	Marks []int
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

// Translate translates a Smithy @pattern into Go regexp syntax: as
// new RegExp(src, "u") reads it, or when that is a syntax error, under the
// Annex B grammar with the Java constructs described above.
func Translate(src string) (*Pattern, error) {
	pat, err := translate(src, true)
	if err == nil {
		return pat, nil
	}
	return translate(src, false)
}

func translate(src string, u bool) (*Pattern, error) {
	p := newPatternParser(src, u)
	p.prescan()
	ast, err := p.parse()
	if err != nil {
		return nil, err
	}
	ast, err = p.toCodePoints(ast)
	if err != nil {
		return nil, err
	}
	ast, err = p.expandBackrefs(ast)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	var marks []int
	p.marks = &marks
	// Captures mean nothing to a yes/no match; with look-arounds RE2's
	// groups mark them, and expanded back-references repeat group names.
	if err := p.render(&b, ast, p.looks || p.backrefs > 0); err != nil {
		return nil, err
	}
	pat := &Pattern{Source: src, Unicode: u, Java: p.java, RE2: b.String(), Looks: p.lookOut, Marks: marks}
	for _, re2 := range pat.expressions() {
		if _, err := regexp.Compile(re2); err != nil {
			return nil, &Error{Source: src, Msg: fmt.Sprintf("translated expression %q does not compile: %v", re2, err)}
		}
	}
	if !p.looks {
		pat.Class = classOf(ast)
	}
	return pat, nil
}

// expressions returns every RE2 text of the pattern.
func (p *Pattern) expressions() []string {
	out := []string{p.RE2}
	for _, l := range p.Looks {
		out = append(out, l.RE2)
	}
	return out
}
