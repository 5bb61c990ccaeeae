package ecmaregex

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/smithygen/smithygen/model"
)

type patternCase struct {
	src     string
	re2     string // expected translation, when worth pinning down
	match   []string
	noMatch []string
}

// patternCases were checked against a JavaScript engine: new RegExp(src,
// "u"), or new RegExp(src) for a pattern that is a syntax error with the u
// flag, except where a comment says the translation deliberately differs
// (without the u flag it counts a supplementary character as one character
// where JavaScript sees two UTF-16 units), and for the Java constructs,
// checked with java.util.regex.
var patternCases = []patternCase{
	// Escapes.
	{src: `^\u0041\u00e9\u1234$`, re2: `^A\xE9\x{1234}$`, match: []string{"Aé\u1234"}, noMatch: []string{"A"}},
	// \u takes exactly four digits: \u10000 is U+1000 followed by "0".
	{src: `^\u10000$`, match: []string{"\u10000"}, noMatch: []string{"\U00010000"}},
	{src: `^[\u10000]$`, match: []string{"\u1000", "0"}, noMatch: []string{"\U00010000", "1"}},
	// The AWS ResourceName class: \u10000-\u10FFFF is \u1000, the range
	// "0"-\u10FF, then "F" and "F", so it admits no supplementary character
	// but does admit \u0080-\u0084 and \u0400.
	{
		src:     `^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]*$`,
		re2:     `^[\t\n\r -\x{D7FF}\x{E000}-\x{FFFD}]*$`,
		match:   []string{"", "abc", "Name 1", "é日本", "\u0080\u0084\u0400", "\t\n\r", "\uFFFD"},
		noMatch: []string{"😀", "a\U0010FFFFb", "\x00", "\v", "\x1f", "\uFFFE"},
	},
	{src: `^\x41\x7a$`, re2: `^Az$`, match: []string{"Az"}, noMatch: []string{"AZ"}},
	{src: `^\t\n\r\v\f\0$`, re2: `^\t\n\r\v\f\x00$`, match: []string{"\t\n\r\v\f\x00"}, noMatch: []string{"\t\n\r\v\f0"}},
	{src: `^\cJ\cj\cM$`, match: []string{"\n\n\r"}, noMatch: []string{"cJcjcM"}},
	// Annex B: \c not followed by a letter is a backslash and a 'c'.
	{src: `^\c1$`, match: []string{`\c1`}, noMatch: []string{"\x11"}},
	// Inside a class Annex B also accepts digits and '_' after \c.
	{src: `^[\c_\c1]+$`, match: []string{"\x1f\x11"}, noMatch: []string{"_", "1", `\`}},
	// Legacy octal escapes, and \8 \9 as digits.
	{src: `^\101\0$`, match: []string{"A\x00"}, noMatch: []string{"101"}},
	{src: `^\8\9$`, match: []string{"89"}},
	{src: `^(a)\2$`, match: []string{"a\x02"}, noMatch: []string{"aa"}}, // one group: \2 is octal
	{src: `^\k$`, match: []string{"k"}},                                 // no named groups: \k is 'k'
	// Identity escapes: letters without a meaning stand for themselves.
	{src: `^\a\e\-\/\_$`, match: []string{"ae-/_"}, noMatch: []string{"\a\x1b"}},
	// Java's \A and \z, which AWS models use, are its anchors.
	// Back-references to a group with few captures.
	{src: `^(a|bc)-\1$`, match: []string{"a-a", "bc-bc"}, noMatch: []string{"a-bc", "bc-a", "a-"}},
	{src: `^(?:(x)|y)\1$`, match: []string{"xx", "y"}, noMatch: []string{"x", "yy"}},
	{src: `^(?<n>a)(\1)\2$`, match: []string{"aaa"}, noMatch: []string{"aa"}},
	// java.util.regex constructs, checked with Java.
	{src: `^(?s).+$`, match: []string{"a\nb"}, noMatch: []string{""}},
	{src: `^(?s)`, match: []string{"", "x"}},
	{src: `^[-_a-z]*${2,64}$`, match: []string{"abc", ""}, noMatch: []string{"ab c"}},
	{src: `a${0,3}b`, match: []string{"ab"}, noMatch: []string{"a"}},
	{src: `^x{2}{3}$`, match: []string{"xx"}, noMatch: []string{"xxxxxx", "xxxx"}},
	{src: `^[\/]?+[a-z]+$`, match: []string{"/ab", "ab"}, noMatch: []string{"//a"}},
	{src: `^[\p{Alnum}\p{Punct}]+\x{20}\p{IsAlphabetic}$`, match: []string{"a1! é"}, noMatch: []string{"é é", "a1!é"}},
	{src: `^\A[a-z_]+\z$`, re2: `^^[_a-z]+$$`, match: []string{"a_b"}, noMatch: []string{"Az", "a\n"}},
	{src: `^\.\*\+\?\(\)\[\]\{\}\|\^\$\\$`, re2: `^\.\*\+\?\(\)\[\]\{\}\|\^\$\\$`, match: []string{`.*+?()[]{}|^$\`}, noMatch: []string{"a"}},

	// Class escapes.
	{src: `^\d+$`, re2: `^[0-9]+$`, match: []string{"0123456789"}, noMatch: []string{"", "a", "\u0661", "１"}},
	{src: `^\D+$`, match: []string{"a-😀"}, noMatch: []string{"a1"}},
	{src: `^\w+$`, re2: `^[0-9A-Z_a-z]+$`, match: []string{"a_Z9"}, noMatch: []string{"é", "a-b"}},
	{src: `^\W+$`, match: []string{"é-😀 "}, noMatch: []string{"_"}},
	{
		src:     `^\s+$`,
		match:   []string{" \t\n\v\f\r\u00a0\ufeff\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000"},
		noMatch: []string{"\u0085", "\u180e", "\u200b", "a", "\u2000a"},
	},
	{src: `^\S+$`, match: []string{"a😀\u0085"}, noMatch: []string{"a b", "a\u00a0b", "a\vb", "a\u3000"}},
	{src: `^[\s\d]+$`, match: []string{"1 2\u30003"}, noMatch: []string{"1a"}},
	{src: `^[^\s]+$`, match: []string{"ab😀"}, noMatch: []string{"a\u2028"}},
	{src: `^[\S\s]+$`, re2: `^[\x00-\x{10FFFF}]+$`, match: []string{"a\n😀"}, noMatch: []string{""}},
	{src: `^[\W\d]+$`, match: []string{"-1é"}, noMatch: []string{"a"}},

	// '.' excludes the four ECMA line terminators.
	{src: `^.+$`, re2: `^[^\n\r\x{2028}\x{2029}]+$`, match: []string{"abc😀", "\u0085\v"}, noMatch: []string{"", "a\nb", "a\rb", "a\u2028b", "a\u2029b"}},
	// Deliberate difference: "a😀c" does not match in JavaScript, where the
	// emoji is two units.
	{src: `a.c`, match: []string{"xxabcxx", "a😀c"}, noMatch: []string{"a\nc", "ac"}},

	// Anchors: no m flag, and $ does not match before a final newline.
	{src: `^abc$`, re2: `^abc$`, match: []string{"abc"}, noMatch: []string{"abc\n", "\nabc", "xabc", "abcx"}},
	{src: `abc`, match: []string{"xxabcxx"}, noMatch: []string{"ab"}},
	{src: `b$`, match: []string{"ab"}, noMatch: []string{"b\n", "ba"}},
	{src: `^b`, match: []string{"ba"}, noMatch: []string{"a\nb"}},
	{src: `\bfoo\b`, match: []string{"a foo b", "foo", "(foo)"}, noMatch: []string{"afoo", "foo_", "foo1"}},
	{src: `a\B`, match: []string{"ab"}, noMatch: []string{"a b", "a"}},
	{src: `\bé`, match: []string{"aé"}, noMatch: []string{"é", " é"}},

	// Supplementary characters and surrogates.
	{src: `^😀$`, re2: `^\x{1F600}$`, match: []string{"😀"}, noMatch: []string{"😁", "😀😀"}},
	{src: `^\uD83D\uDE00$`, match: []string{"😀"}, noMatch: []string{"😁", "\uFFFD"}},
	// With the u flag a class of surrogates matches lone surrogates only,
	// which a Go string never holds, and \uD83D\uDE00 is one character.
	{src: `^[\uD800-\uDBFF][\uDC00-\uDFFF]$`, noMatch: []string{"a", "ab", "😀", "\U00010000", "\uFFFF"}},
	{src: `^(?:[\uD800-\uDBFF][\uDC00-\uDFFF])+$`, noMatch: []string{"😀\U00010000"}},
	{src: `^\uD83D[\uDE00-\uDE4F]$`, noMatch: []string{"😀", "🙏"}},
	{src: `^[\uD800\uDC00-\uDBFF\uDFFF]+$`, re2: `^[\x{10000}-\x{10FFFF}]+$`, match: []string{"😀\U0010FFFF"}, noMatch: []string{"a", "\uFFFF"}},
	{src: `^\u{1F600}a\u{41}$`, re2: `^\x{1F600}aA$`, match: []string{"😀aA"}},
	{src: `^[😀-😂]😀+$`, match: []string{"😁😀😀"}, noMatch: []string{"😃😀"}},
	// A class holding both halves of a character matches it: exact for
	// repetitions. (JavaScript also matches lone surrogates, which a Go
	// string cannot hold.)
	{src: `^[😀]+$`, match: []string{"😀", "😀😀"}, noMatch: []string{"😁", "a"}},
	// Deliberate difference: JavaScript sees "😀" as two units, so ^[😀]$
	// and ^.$ do not match it there; here a character is one code point.
	{src: `^[😀]$`, match: []string{"😀"}, noMatch: []string{"😀😀"}},
	{src: `^.$`, match: []string{"😀", "a"}, noMatch: []string{"ab", ""}},
	// The surrogate block inside a larger range.
	{src: `^[\u0000-\uFFFF]*$`, match: []string{"", "a\uFFFF"}, noMatch: []string{"a😀"}},
	{src: `^[\u0020-\uE000]+$`, match: []string{"a\uE000"}, noMatch: []string{"\uE001", "\x1f", "😀"}},
	// Only low (or only high) surrogates next to other members: no
	// supplementary character can match.
	{src: `^[\u0020-\uD7FF\uDC00-\uDFFF]*$`, match: []string{"abc\uD7FF"}, noMatch: []string{"😀", "\uE000"}},
	{src: `^[\u0020-\uDBFF]+$`, match: []string{"abc\uD7FF"}, noMatch: []string{"😀"}},
	{src: `^[^a]+$`, match: []string{"😀b\n"}, noMatch: []string{"a", "😀a"}},
	{src: `^[^\uD800-\uDFFF]+$`, match: []string{"abc\uFFFF", "😀"}},

	// Character class syntax.
	{src: `^[-a]+$`, match: []string{"-a"}, noMatch: []string{"b"}},
	{src: `^[a-]+$`, match: []string{"-a"}, noMatch: []string{"b"}},
	{src: `^[a-c-e]+$`, match: []string{"abc-e"}, noMatch: []string{"d"}},
	{src: `^[!--]+$`, match: []string{"!,-"}, noMatch: []string{"."}},
	{src: `^[\d-z]+$`, match: []string{"5-z"}, noMatch: []string{"a", "y"}}, // Annex B: \d, '-', 'z'
	{src: `^[a\-z]+$`, match: []string{"-az"}, noMatch: []string{"b"}},
	{src: `^[\]]+$`, match: []string{"]]"}, noMatch: []string{"["}},
	{src: `^[^\]]+$`, match: []string{"ab["}, noMatch: []string{"a]"}},
	{src: `^[\^a]+$`, match: []string{"^a"}, noMatch: []string{"b"}},
	{src: `^[a^]+$`, match: []string{"^a"}, noMatch: []string{"b"}},
	{src: `^[.]$`, match: []string{"."}, noMatch: []string{"a"}},
	{src: `^[\b]$`, match: []string{"\b"}, noMatch: []string{"b"}},
	{src: `^[\B]$`, match: []string{"B"}, noMatch: []string{"b"}},
	{src: `^[\1\0]+$`, match: []string{"\x01\x00"}, noMatch: []string{"1"}},
	{src: `^[\x41-\x43\u0430-\u044f]+$`, match: []string{"ABCпривет"}, noMatch: []string{"D"}},
	{src: `^[a-zA-Z0-9,-._]+$`, match: []string{"a,b.c-d_e"}, noMatch: []string{"a+b", "a/b"}}, // ",-." is a range
	// In ECMA-262 "[]" matches nothing and "[^]" anything; ']' first does
	// not make it literal.
	{src: `a[]`, re2: `a[^\x00-\x{10FFFF}]`, noMatch: []string{"a", "", "a]", "a[]"}},
	{src: `^[]a]$`, noMatch: []string{"a]", "]", "a"}},
	{src: `^[^]$`, match: []string{"x", "\n"}, noMatch: []string{"", "xy"}},
	{src: `^[^]a]$`, match: []string{"xa]", "\na]"}, noMatch: []string{"a"}},

	// Groups, alternation.
	{src: `^(?:ab)+$`, re2: `^(?:ab)+$`, match: []string{"abab"}, noMatch: []string{"aba", ""}},
	{src: `^(a|b)c$`, match: []string{"ac", "bc"}, noMatch: []string{"abc", "c"}},
	{src: `^(?<year>\d{4})-(?<month>\d{2})$`, re2: `^(?P<year>[0-9]{4})\-(?P<month>[0-9]{2})$`, match: []string{"2024-06"}, noMatch: []string{"2024-6"}},
	{src: `^a|b$`, match: []string{"ax", "xb"}, noMatch: []string{"xa", "bx"}},
	{src: `^(?:a|)$`, match: []string{"", "a"}, noMatch: []string{"b"}},
	{src: `^a||b$`, match: []string{"a", "x", ""}},
	{src: `^()$`, match: []string{""}, noMatch: []string{"a"}},

	// Quantifiers.
	{src: `^a{2}$`, match: []string{"aa"}, noMatch: []string{"a", "aaa"}},
	{src: `^a{2,}$`, match: []string{"aa", "aaaa"}, noMatch: []string{"a"}},
	{src: `^a{2,3}$`, match: []string{"aa", "aaa"}, noMatch: []string{"a", "aaaa"}},
	{src: `^a{0}b$`, match: []string{"b"}, noMatch: []string{"ab"}},
	{src: `^a*?b+?c??$`, re2: `^a*?b+?c??$`, match: []string{"b", "aabbc"}, noMatch: []string{"ac"}},
	{src: `^a{1,2}?$`, match: []string{"a", "aa"}, noMatch: []string{"aaa"}},
	{src: `^(?:ab|c)*$`, match: []string{"", "abcab"}, noMatch: []string{"ac"}},
	// Annex B: braces that do not form a quantifier are literal.
	{src: `^a{,2}$`, match: []string{"a{,2}"}, noMatch: []string{"aa"}},
	{src: `^x{a}$`, match: []string{"x{a}"}, noMatch: []string{"x"}},
	{src: `^{}$`, match: []string{"{}"}},
	{src: `^]$`, match: []string{"]"}},
	{src: `^a{1,2$`, match: []string{"a{1,2"}},
	// Go's regexp limits counts to 1000; larger ones are split.
	{src: `^a{1001}$`, match: []string{strings.Repeat("a", 1001)}, noMatch: []string{strings.Repeat("a", 1000), strings.Repeat("a", 1002)}},
	{src: `^a{0,1500}$`, match: []string{"", strings.Repeat("a", 1500)}, noMatch: []string{strings.Repeat("a", 1501)}},
	{src: `^a{2500,}$`, match: []string{strings.Repeat("a", 2600)}, noMatch: []string{strings.Repeat("a", 2499)}},
	{src: `^(?<x>ab){1001,1002}$`, match: []string{strings.Repeat("ab", 1002)}, noMatch: []string{strings.Repeat("ab", 1000)}},
}

func TestTranslateCases(t *testing.T) {
	for _, tc := range patternCases {
		p, err := Translate(tc.src)
		if err != nil {
			t.Errorf("Translate(%q): %v", tc.src, err)
			continue
		}
		if p.Source != tc.src {
			t.Errorf("%q: Source = %q", tc.src, p.Source)
		}
		if tc.re2 != "" && p.RE2 != tc.re2 {
			t.Errorf("%q: RE2 = %q, want %q", tc.src, p.RE2, tc.re2)
		}
		re := regexp.MustCompile(p.RE2)
		for _, s := range tc.match {
			if !re.MatchString(s) {
				t.Errorf("%q (RE2 %q) does not match %q", tc.src, p.RE2, s)
			}
		}
		for _, s := range tc.noMatch {
			if re.MatchString(s) {
				t.Errorf("%q (RE2 %q) matches %q", tc.src, p.RE2, s)
			}
		}
	}
}

// Go's $ without (?m) is the end of the text, like ECMA's without the m flag
// and unlike Perl's, which also matches before a final newline. The
// translation relies on that.
func TestPatternDollarIsEndOfText(t *testing.T) {
	re := regexp.MustCompile(`^a$`)
	if re.MatchString("a\n") {
		t.Fatal(`regexp "^a$" matches "a\n"`)
	}
	if !re.MatchString("a") {
		t.Fatal(`regexp "^a$" does not match "a"`)
	}
}

func TestTranslateErrors(t *testing.T) {
	tests := []struct {
		src    string
		offset int
		msg    string
	}{
		{`(?<n>a)\k<n>`, 7, "named back-reference"},
		{`(a+)\1`, 4, "more than 128 strings"},
		{`(?:(a|b))*\1`, 10, "repeated"},
		{`^[a-z]?+[a-z]$`, 1, "possessive"},
		{`(?<n>a)[\k]`, 8, `\k`},
		{`é(?=x`, 2, "unterminated look-around"}, // offsets are in bytes
		{`(?<=a)+`, 6, "nothing to repeat"},
		{`\u12`, 0, "four hex digits"},
		{`[\u12]`, 1, "four hex digits"},
		{`\xZ1`, 0, "two hex digits"},
		{`[z-a]`, 1, "range out of order"},
		{`a**`, 2, "nothing to repeat"},
		{`*a`, 0, "nothing to repeat"},
		{`a|+`, 2, "nothing to repeat"},
		{`{1}`, 0, "nothing to repeat"},
		{`\b+`, 2, "nothing to repeat"},
		{`a{2,1}`, 1, "out of order"},
		{`(a`, 0, "unterminated group"},
		{`a)`, 1, "unmatched ')'"},
		{`[a`, 0, "unterminated character class"},
		{`a\`, 1, `\ at end`},
		{`(?i)a`, 0, "invalid group"},
		{`(?<a$>x)`, 0, "group name"},
		{`(?<n>a)(?<n>b)`, 7, "duplicate group name"},
		{`(?<>a)`, 0, "empty group name"},
		{`a{100001}`, 0, "too large"},
	}
	for _, tc := range tests {
		p, err := Translate(tc.src)
		if err == nil {
			t.Errorf("Translate(%q) = %q, want error", tc.src, p.RE2)
			continue
		}
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("Translate(%q): error %T %v, want *Error", tc.src, err, err)
			continue
		}
		if pe.Offset != tc.offset || !strings.Contains(pe.Msg, tc.msg) {
			t.Errorf("Translate(%q) = offset %d %q, want offset %d and %q", tc.src, pe.Offset, pe.Msg, tc.offset, tc.msg)
		}
		if !strings.Contains(err.Error(), tc.src) {
			t.Errorf("error %q does not quote the pattern", err)
		}
	}
}

func TestPatternClass(t *testing.T) {
	tests := []struct {
		src  string
		want *CharClass
	}{
		{`^[-_a-zA-Z0-9]*$`, &CharClass{Ranges: [][2]rune{{'-', '-'}, {'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}}},
		{`^[a-z]+$`, &CharClass{Ranges: [][2]rune{{'a', 'z'}}, NonEmpty: true}},
		{`^(?:[a-z])+$`, &CharClass{Ranges: [][2]rune{{'a', 'z'}}, NonEmpty: true}},
		{`^\d{1,}$`, &CharClass{Ranges: [][2]rune{{'0', '9'}}, NonEmpty: true}},
		{`.*`, &CharClass{Ranges: [][2]rune{{0, utf8.MaxRune}}, Any: true}},
		{`^.*`, &CharClass{Ranges: [][2]rune{{0, utf8.MaxRune}}, Any: true}},
		{`[a-z]*$`, &CharClass{Ranges: [][2]rune{{0, utf8.MaxRune}}, Any: true}},
		{`^[\s\S]*$`, &CharClass{Ranges: [][2]rune{{0, utf8.MaxRune}}, Any: true}},
		{`^[\s\S]+$`, &CharClass{Ranges: [][2]rune{{0, utf8.MaxRune}}, NonEmpty: true, Any: true}},
		// The surrogate gap is filled: ranging over a string never yields one.
		{`^.*$`, &CharClass{Ranges: [][2]rune{{0, '\t'}, {'\v', '\f'}, {0x0E, 0x2027}, {0x202A, utf8.MaxRune}}}},
		{`^[^/]+$`, &CharClass{Ranges: [][2]rune{{0, '.'}, {'0', utf8.MaxRune}}, NonEmpty: true}},
		{`^[\u0020-\uD7FF]*$`, &CharClass{Ranges: [][2]rune{{0x20, 0xD7FF}}}},
		{`^[]*$`, &CharClass{Ranges: [][2]rune{}}},
		{`^[a-z]$`, nil},
		{`^[a-z]+`, nil},
		{`[a-z]+`, nil},
		{`^[a-z]*x$`, nil},
		{`^[a-z]?$`, nil},
		{`^(?:ab)*$`, nil},
		{`^$|^[0-9]{3}$`, nil},
	}
	for _, tc := range tests {
		p, err := Translate(tc.src)
		if err != nil {
			t.Fatalf("Translate(%q): %v", tc.src, err)
		}
		if diff := cmp.Diff(tc.want, p.Class); diff != "" {
			t.Errorf("%q: Class mismatch (-want +got):\n%s", tc.src, diff)
		}
	}
}

// modelPatternCases covers every distinct @pattern in the AWS test models
// with strings that must and must not match. Two patterns match every string
// (.* is unanchored, [\s\S] covers everything), so they have no non-matching
// string; the test checks that their Class says so.
var modelPatternCases = map[string]struct{ match, noMatch []string }{
	`.*`:                      {match: []string{"", "anything", "multi\nline"}},
	`^[\s\S]*$`:               {match: []string{"", "x\n😀\u2028"}},
	`\S`:                      {match: []string{"a", " a ", "😀"}, noMatch: []string{"", " \t\n", "\u3000\u00a0"}},
	`^$|^[0-9]{3,3}$`:         {match: []string{"", "206"}, noMatch: []string{"20", "2066", "abc"}},
	`^$|^[A-Z]{2,2}$`:         {match: []string{"", "US"}, noMatch: []string{"us", "USA", "U"}},
	`^$|^[a-zA-Z0-9 ]{0,30}$`: {match: []string{"", "Proxy session 1", strings.Repeat("a", 30)}, noMatch: []string{"a-b", strings.Repeat("a", 31)}},
	`^$|^[a-zA-Z0-9 ]{2,15}$`: {match: []string{"", "Jo", "Jane Doe"}, noMatch: []string{"J", strings.Repeat("a", 16), "Jo!"}},
	`^([A-Za-z]_?)+$`:         {match: []string{"BookHotel", "Book_Hotel", "a"}, noMatch: []string{"", "_a", "a__b", "a1"}},
	`^.+@.+\..+$`:             {match: []string{"user@example.com", "a@b.c"}, noMatch: []string{"user@example", "@x.y", "a\n@b.c", "a@b."}},
	`^8(00|33|44|55|66|77|88)$`: {match: []string{"800", "833", "888"},
		noMatch: []string{"899", "8000", "80"}},
	`^[-_a-zA-Z0-9]*$`:  {match: []string{"", "abc-DEF_123"}, noMatch: []string{"abc def", "é", "a.b"}},
	`^[0-9a-zA-Z._-]+$`: {match: []string{"my.model-1_a"}, noMatch: []string{"", "a/b"}},
	`^[A-Z]{2}$`:        {match: []string{"US"}, noMatch: []string{"U", "USA", "us"}},
	`^[A-Z_, ]+$`:       {match: []string{"NAME, ADDRESS", "CREDIT_DEBIT_NUMBER"}, noMatch: []string{"name", ""}},
	`^[A-Za-z0-9]([A-Za-z0-9\:\-\_\.\@]{0,62}[A-Za-z0-9])?$`: {
		match:   []string{"a", "user@example.com", "a:b-c_d.e", strings.Repeat("a", 64)},
		noMatch: []string{"", "-a", "a-", strings.Repeat("a", 65), "a b"},
	},
	`^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]*$`: {
		match:   []string{"", "Name 1", "日本語", "tab\there"},
		noMatch: []string{"😀", "\x00", "\uFFFE", "\v"},
	},
	`^[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}$`: {
		match:   []string{"123e4567-e89b-12d3-a456-426614174000", "ABCDEF01-2345-6789-ABCD-EF0123456789"},
		noMatch: []string{"123e4567e89b12d3a456426614174000", "g23e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-4266141740000"},
	},
	`^[a-zA-Z-,]+$`:      {match: []string{"en-US,ja-JP"}, noMatch: []string{"en_US", ""}},
	`^[a-zA-Z0-9+/]+$`:   {match: []string{"YWJj+/9"}, noMatch: []string{"YWJj=", ""}},
	`^[a-zA-Z0-9,-._]+$`: {match: []string{"a,b.c-d_e"}, noMatch: []string{"a b", "a/b", "a+b"}},
	`^\+?[1-9]\d{1,14}$`: {match: []string{"+12065550100", "12"}, noMatch: []string{"+0123", "1", "+1234567890123456", "+1 206"}},
	`^arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:\d{12}:function:[a-zA-Z0-9-_]+(:(\$LATEST|[a-zA-Z0-9-_]+))?$`: {
		match: []string{
			"arn:aws:lambda:us-east-1:123456789012:function:my-func",
			"arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:f:$LATEST",
			"arn:aws:lambda:us-isob-east-1:123456789012:function:f:prod_1",
			"arn::lambda:eu-west-3:123456789012:function:f",
		},
		noMatch: []string{
			"arn:aws:lambda:us-east-1:12345678901:function:f",
			"arn:aws:lambda:us-east-1:123456789012:function:f:$latest",
			"arn:aws:lambda:us-east-1:123456789012:function:",
			"arn:aws:s3:us-east-1:123456789012:function:f",
		},
	},
	`^arn:[a-z0-9-\.]{1,63}:[a-z0-9-\.]{0,63}:[a-z0-9-\.]{0,63}:[a-z0-9-\.]{0,63}:[^/].{0,1023}$`: {
		match: []string{
			"arn:aws:chime:us-east-1:123456789012:app-instance/abc",
			"arn:aws::::x",
			"arn:aws:chime:us-east-1:123456789012:a" + strings.Repeat("b", 1023),
		},
		noMatch: []string{
			"arn:aws:chime:us-east-1:123456789012:/abc",
			"arn:AWS:chime:us-east-1:123456789012:x",
			"arn:aws:chime:us-east-1:123456789012:x\ny",
			"arn:aws:chime:us-east-1:123456789012:a" + strings.Repeat("b", 1024),
		},
	},
	`^arn:aws:lex:[a-z]{2}-[a-z]+-\d{1}:\d{12}:bot-alias/[A-Z0-9]{10}/[A-Z0-9]{10}$`: {
		match:   []string{"arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ/0123456789"},
		noMatch: []string{"arn:aws:lex:us-east-1:123456789012:bot-alias/abcdefghij/0123456789", "arn:aws:lex:us-east-1:123456789012:bot-alias/ABCDEFGHIJ"},
	},
	`^arn[\/\:\-\_\.a-zA-Z0-9]+$`: {match: []string{"arn:aws:chime::123:meeting/abc"}, noMatch: []string{"arn", "arn:aws chime", "ARN:aws"}},
}

// modelPatterns returns every smithy.api#pattern trait value in the Chime
// test models, on shapes and on members, with where it was found. (Lambda
// and API Gateway are there for the round trips with their clients; their
// patterns are the corpus's.)
func modelPatterns(t testing.TB) map[string][]string {
	t.Helper()
	files, err := filepath.Glob("../../model/testdata/aws/*/chime*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 4 {
		t.Fatalf("found %d model files, want 4: %v", len(files), files)
	}
	found := map[string][]string{}
	for _, f := range files {
		m, err := model.LoadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		forEachPattern(m, func(where model.Position, src string) {
			found[src] = append(found[src], fmt.Sprintf("%s:%d:%d", where.File, where.Line, where.Column))
		})
	}
	return found
}

// forEachPattern calls fn for every @pattern of a model, on shapes and on
// members, in a stable order.
func forEachPattern(m *model.Model, fn func(where model.Position, src string)) {
	for _, id := range model.SortedIDs(m.Shapes) {
		s := m.Shapes[id]
		if src, ok := s.Traits.Pattern(); ok {
			fn(s.Pos, src)
		}
		for _, mem := range s.ChildMembers() {
			if src, ok := mem.Traits.Pattern(); ok {
				fn(mem.Pos, src)
			}
		}
	}
}

func TestModelPatterns(t *testing.T) {
	found := modelPatterns(t)
	if len(found) < 20 {
		t.Fatalf("found only %d distinct patterns; is the model walk broken?", len(found))
	}
	srcs := make([]string, 0, len(found))
	for src := range found {
		srcs = append(srcs, src)
	}
	sort.Strings(srcs)
	for _, src := range srcs {
		p, err := Translate(src)
		if err != nil {
			t.Errorf("%s: %v", found[src][0], err)
			continue
		}
		re, err := regexp.Compile(p.RE2)
		if err != nil {
			t.Errorf("%q: RE2 %q: %v", src, p.RE2, err)
			continue
		}
		tc, ok := modelPatternCases[src]
		if !ok {
			t.Errorf("pattern %q (%s) has no row in modelPatternCases", src, found[src][0])
			continue
		}
		if len(tc.match) == 0 {
			t.Errorf("%q: no matching example", src)
		}
		if len(tc.noMatch) == 0 && (p.Class == nil || !p.Class.Any || p.Class.NonEmpty) {
			t.Errorf("%q: no non-matching example, and the pattern does not match every string", src)
		}
		for _, s := range tc.match {
			if !re.MatchString(s) {
				t.Errorf("%q (RE2 %q) does not match %q", src, p.RE2, s)
			}
		}
		for _, s := range tc.noMatch {
			if re.MatchString(s) {
				t.Errorf("%q (RE2 %q) matches %q", src, p.RE2, s)
			}
		}
	}
	for src := range modelPatternCases {
		if _, ok := found[src]; !ok {
			t.Errorf("modelPatternCases has %q, which is in no model", src)
		}
	}
	t.Logf("%d distinct patterns in the models, all translated", len(found))
}

func TestTranslateLookArounds(t *testing.T) {
	tests := []struct {
		src   string
		re2   string
		marks []int
		looks []Look
	}{
		{`^(?!aws:).*$`, `^()[^\n\r\x{2028}\x{2029}]*$`, []int{0}, []Look{{Negative: true, RE2: `aws:`}}},
		{`(?<=\$)(a)\d`, `()(?:a)[0-9]`, []int{0}, []Look{{Behind: true, RE2: `\$`}}},
		// Inner look-arounds come first; each expression has its own marks.
		{`a(?=b(?<!c))`, `a()`, []int{1}, []Look{{Behind: true, Negative: true, RE2: `c`}, {RE2: `b()`, Marks: []int{0}}}},
		// Annex B: a look-ahead may be quantified; {0} or ? drop it.
		{`(?=a)+b(?!c)?`, `()b`, []int{0}, []Look{{RE2: `a`}}},
	}
	for _, tc := range tests {
		p, err := Translate(tc.src)
		if err != nil {
			t.Errorf("Translate(%q): %v", tc.src, err)
			continue
		}
		if p.RE2 != tc.re2 || !slices.Equal(p.Marks, tc.marks) || p.Class != nil {
			t.Errorf("Translate(%q) = %q %v class %v, want %q %v", tc.src, p.RE2, p.Marks, p.Class, tc.re2, tc.marks)
		}
		if diff := cmp.Diff(tc.looks, p.Looks); diff != "" {
			t.Errorf("%q: Looks (-want +got):\n%s", tc.src, diff)
		}
	}
}
