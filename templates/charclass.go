//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"sort"
	"unicode/utf8"
)

// charClass matches patterns that are one character class repeated, such
// as ^[-_a-zA-Z0-9]*$: the generator recognises them and checks every rune
// against the class instead of running a regexp, which is many times
// faster and allocates nothing.
type charClass struct {
	nonEmpty bool      // + rather than *
	ascii    [2]uint64 // one bit per ASCII byte in the class
	ranges   [][2]rune // the non-ASCII part, sorted, inclusive
}

// newCharClass builds a class from sorted inclusive code point ranges.
func newCharClass(nonEmpty bool, ranges [][2]rune) *charClass {
	c := &charClass{nonEmpty: nonEmpty}
	for _, rg := range ranges {
		for r := rg[0]; r <= rg[1] && r < utf8.RuneSelf; r++ {
			c.ascii[r>>6] |= 1 << (r & 63)
		}
		if rg[1] >= utf8.RuneSelf {
			c.ranges = append(c.ranges, [2]rune{max(rg[0], utf8.RuneSelf), rg[1]})
		}
	}
	return c
}

// matches reports whether every rune of s is in the class (and s is not
// empty, for +). Invalid UTF-8 is checked as U+FFFD, as regexp does.
func (c *charClass) matches(s string) bool {
	if c.nonEmpty && s == "" {
		return false
	}
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if c.ascii[b>>6]&(1<<(b&63)) == 0 {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !c.hasRune(r) {
			return false
		}
		i += size
	}
	return true
}

func (c *charClass) hasRune(r rune) bool {
	i := sort.Search(len(c.ranges), func(i int) bool { return c.ranges[i][1] >= r })
	return i < len(c.ranges) && c.ranges[i][0] <= r
}

// noMaxLength stands for a @length without max.
const noMaxLength = int(^uint(0) >> 1)

// codePointsWithin reports whether s is min to max code points long, and
// when it is not, how long it is. A code point takes one to four bytes, so
// the byte length alone settles most strings; only the rest are counted.
func codePointsWithin(s string, min, max int) (int, bool) {
	if n := len(s); n <= max && n >= 4*min {
		return n, true
	}
	n := utf8.RuneCountInString(s)
	return n, min <= n && n <= max
}
