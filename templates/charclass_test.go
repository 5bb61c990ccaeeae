package templates

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/smithygen/smithygen/internal/ecmaregex"
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

// classPatterns are class-shaped patterns of the AWS models and patterns
// whose classes sit on awkward boundaries: the surrogate block, ASCII, the
// ECMA-262 line terminators that '.' excludes.
var classPatterns = []string{
	`^[-_a-zA-Z0-9]*$`, `^[0-9a-zA-Z._-]+$`, `^[A-Z_, ]+$`, `^[a-zA-Z-,]+$`, `^[a-zA-Z0-9+/]+$`,
	`^[a-zA-Z0-9,-._]+$`, `^\d{1,}$`, `^\d+$`, `^\w+$`, `^\s+$`, `^\S+$`,
	`^[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]*$`,
	`^[^/]+$`, `^.*$`, `^.+$`, `^[\s\S]+$`, `^[\s\S]*$`, `^\S*$`, `^[\u0000-\u00ff\uD800-\uDBFF\uDC00-\uDC0F]*$`,
	`^[^\u0000-\u007F]+$`, `^[\u0020-\uD7FF]*$`, `^[\u0020-\uE000]+$`, `^[^\uD800-\uDFFF]+$`, `^[]*$`, `.*`,
}

// TestCharClassAgreesWithTranslation checks on random strings that the
// runtime's class check, built from a translated pattern as the generator
// builds it, agrees with the translated regexp.
func TestCharClassAgreesWithTranslation(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	// Characters likely to sit on class boundaries, plus invalid UTF-8,
	// which both sides read as U+FFFD.
	specials := []string{
		"a", "z", "A", "Z", "0", "9", "-", "_", ".", ",", "/", " ", "\t", "\n", "\r", "\v", "\x00", "\x7f",
		"\u0085", "\u00a0", "é", "\u2028", "\u2029", "\u3000", "\uD7FF", "\uE000", "\uFFFD", "\uFFFF",
		"😀", "\U00010000", "\U0010FFFF", "\U0001DC0F", "\xff", "\xc3",
	}
	for _, src := range classPatterns {
		p, err := ecmaregex.Translate(src)
		if err != nil {
			t.Fatalf("Translate(%q): %v", src, err)
		}
		if p.Class == nil {
			t.Fatalf("%q is not recognised as a class", src)
		}
		re := regexp.MustCompile(p.RE2)
		match := newCharClass(p.Class.NonEmpty, p.Class.Ranges).matches
		for i := 0; i < 2000; i++ {
			var b strings.Builder
			for n := rng.IntN(12); n > 0; n-- {
				switch rng.IntN(3) {
				case 0:
					b.WriteString(specials[rng.IntN(len(specials))])
				case 1:
					if len(p.Class.Ranges) > 0 {
						r := p.Class.Ranges[rng.IntN(len(p.Class.Ranges))]
						b.WriteRune(r[0] + rng.Int32N(r[1]-r[0]+1))
					}
				default:
					b.WriteRune(rng.Int32N(utf8.MaxRune + 1))
				}
			}
			s := b.String()
			if got, want := match(s), re.MatchString(s); got != want {
				t.Errorf("%q: class check %v, regexp %v for %q", src, got, want, s)
			}
		}
	}
}

func BenchmarkCharClassToken(b *testing.B) {
	p, err := ecmaregex.Translate(`^[-_a-zA-Z0-9]*$`)
	if err != nil || p.Class == nil {
		b.Fatal(p, err)
	}
	token := "3f2a9c1e-7b4d_4e8f-a1c2-9d3e5f7a8b0cX_yZ" // 40 characters
	re := regexp.MustCompile(p.RE2)
	class := newCharClass(p.Class.NonEmpty, p.Class.Ranges)
	b.Run("regexp", func(b *testing.B) {
		for b.Loop() {
			if !re.MatchString(token) {
				b.Fatal("no match")
			}
		}
	})
	b.Run("class", func(b *testing.B) {
		for b.Loop() {
			if !class.matches(token) {
				b.Fatal("no match")
			}
		}
	})
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
