package ecmaregex

import (
	"sort"
	"unicode/utf16"
	"unicode/utf8"
)

const (
	maxCodeUnit  = 0xFFFF
	maxCodePoint = utf8.MaxRune
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
	// ECMA '.' without the s flag matches anything but a LineTerminator.
	lineTerminators = runeSet{{'\n', '\n'}, {'\r', '\r'}, {0x2028, 0x2029}}
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
