package templates

import (
	"strings"
	"testing"

	"github.com/smithygen/smithygen/internal/ecmaregex"
)

// patternMatcher builds the runtime check of a pattern the way generated
// code does.
func patternMatcher(t testing.TB, src string) func(string) bool {
	t.Helper()
	p, err := ecmaregex.Translate(src)
	if err != nil {
		t.Fatalf("Translate(%q): %v", src, err)
	}
	return emittedMatcher(p)
}

// lookCases were checked with node: /src/u.test(s).
var lookCases = []struct {
	src     string
	match   []string
	noMatch []string
}{
	{`^(?!aws:).*$`, []string{"", "aw", "awsx:", "x aws:"}, []string{"aws:", "aws:x"}},
	{`^(?!aws:)[a-zA-Z+-=._:/]+$`, []string{"Name", "aws"}, []string{"aws:Name", "", "a b"}},
	{`^(?=.*[a-z])(?=.*[0-9]).{8,}$`, []string{"abcdefg1", "1xxxxxxx"}, []string{"abcdefgh", "12345678", "a1"}},
	{`foo(?=bar)`, []string{"foobar", "xfoobarx"}, []string{"foo", "foobaz", "barfoo"}},
	{`(?<=\$)\d+`, []string{"$12", "a$1"}, []string{"12", "$", "1$"}},
	{`(?<!\$)\b\d+`, []string{"12", "a 1"}, []string{"$12"}},
	{`^(?:(?!ab).)*$`, []string{"", "a", "ba", "acb"}, []string{"ab", "xaby", "aab"}},
	{`^(\/|(\/(?!\.)+[^$#<>;|&?{}^*/\n]+){1,4})$`, []string{"/", "/a", "/a/b.c/d/e"}, []string{"/.a", "/a/.b", "//", "/a/b/c/d/e"}},
	{`^(?=(?!a)).`, []string{"b"}, []string{"a", ""}},
	{`a(?<=(?<!b)a)`, []string{"a", "ca"}, []string{"ba"}},
	{`^(?!\s)(?!.*\s$).+$`, []string{"a b", "x"}, []string{" a", "a ", ""}},
	{`(?=a)*b`, []string{"b"}, []string{"a"}},
	{`^\d{4}(?!\d{2}\b)`, []string{"2024", "2024-01", "202401x"}, []string{"202401", "202499"}},
	{`x(?=😀)`, []string{"x😀"}, []string{"x", "x😁"}},
	{`(?<=é)x`, []string{"éx"}, []string{"ex", "x"}},
	// A back-reference inside a look-around, to a group that can only
	// capture the characters the pattern allows.
	{`^(?!.*(.)\1)[a-c]*$`, []string{"", "abcab", "aba"}, []string{"aab", "abcc", "abd"}},
}

func TestLookMatcherCases(t *testing.T) {
	for _, tc := range lookCases {
		match := patternMatcher(t, tc.src)
		for _, s := range tc.match {
			if !match(s) {
				t.Errorf("%q does not match %q", tc.src, s)
			}
		}
		for _, s := range tc.noMatch {
			if match(s) {
				t.Errorf("%q matches %q", tc.src, s)
			}
		}
	}
}

// TestLookMatcherLinear checks that the cost does not blow up on inputs that
// make backtracking engines take exponential or quadratic time.
func TestLookMatcherLinear(t *testing.T) {
	match := patternMatcher(t, `^(?!aws:)(?:(?=a)a|a)*(?<!b)c$`)
	s := strings.Repeat("a", 100_000)
	if match(s) {
		t.Fatal("matches without the final c")
	}
	if !match(s + "c") {
		t.Fatal("does not match")
	}
}

// The matcher keeps its working memory between matches: an ordinary input
// takes no allocation.
func TestLookMatcherAllocations(t *testing.T) {
	match := patternMatcher(t, `^(?=.*[a-z])(?=.*[0-9]).{8,}$`)
	match("warm-up1")
	if n := testing.AllocsPerRun(100, func() { match("password1") }); n != 0 {
		t.Errorf("a match allocates %v times, want 0", n)
	}
}

// BenchmarkLookMatcher matches the most common look-around of the AWS
// models, a negative look-ahead for a reserved prefix.
func BenchmarkLookMatcher(b *testing.B) {
	match := patternMatcher(b, `^(?!aws:)[a-zA-Z+-=._:/]+$`)
	b.ReportAllocs()
	for b.Loop() {
		if !match("my-resource-name") {
			b.Fatal("no match")
		}
	}
}
