package templates

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCharClassMatchesLikeRegexp(t *testing.T) {
	classes := []struct {
		re       string
		nonEmpty bool
		ranges   [][2]rune
	}{
		{`^[-_a-zA-Z0-9]*$`, false, [][2]rune{{'-', '-'}, {'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}},
		{`^[a-z]+$`, true, [][2]rune{{'a', 'z'}}},
		{`^[\x{9}\x{A}\x{D}\x{20}-\x{7E}\x{85}\x{A0}-\x{D7FF}\x{E000}-\x{FFFD}]*$`, false,
			[][2]rune{{9, 10}, {13, 13}, {0x20, 0x7E}, {0x85, 0x85}, {0xA0, 0xD7FF}, {0xE000, 0xFFFD}}},
	}
	inputs := []string{"", "abc", "ABC-def_09", "bad!token", "é", "😀", "a\nb", "\x85", "\xff", "tab\there", strings.Repeat("x", 300)}
	for _, c := range classes {
		re := regexp.MustCompile(c.re)
		cc := newCharClass(c.nonEmpty, c.ranges)
		for _, s := range inputs {
			if got, want := cc.matches(s), re.MatchString(s); got != want {
				t.Errorf("%s on %q: class says %v, regexp %v", c.re, s, got, want)
			}
		}
	}
}

func TestCodePointsWithin(t *testing.T) {
	for _, s := range []string{"", "a", "abcd", "é", strings.Repeat("é", 256), strings.Repeat("é", 257), strings.Repeat("😀", 64), strings.Repeat("a", 257)} {
		for _, b := range [][2]int{{0, 1024}, {1, 256}, {2, 64}, {1, noMaxLength}} {
			n, ok := codePointsWithin(s, b[0], b[1])
			want := utf8.RuneCountInString(s)
			if wantOK := b[0] <= want && want <= b[1]; ok != wantOK || !ok && n != want {
				t.Errorf("codePointsWithin(%d runes, %v) = %d, %v; want %d, %v", want, b, n, ok, want, wantOK)
			}
		}
	}
}
