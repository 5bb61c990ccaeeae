package ecmaregex

import (
	"strings"
	"unicode"
)

// Property escapes, \p{...} and \P{...}. With the u flag they are ECMA-262's
// UnicodeMatchProperty: a General_Category value (L, Letter, gc=Lu, ...), a
// Script (sc=Greek, Script=Greek) or a binary property (ASCII, Any,
// Assigned, White_Space, ...). Without the u flag ECMA-262 would read \p{L}
// as the letters "p{L}", which no model author means: AWS models use Java's
// property names there (\p{Alnum}, \p{IsAlphabetic}, \p{all}), so those are
// read as java.util.regex reads them. Sets come from Go's Unicode tables.

// propertyEscape parses {Name} after \p or \P; start is at the '\'.
func (p *patternParser) propertyEscape(start int, negated bool) (runeSet, error) {
	if p.peek() != '{' {
		return nil, p.errAt(start, "\\p and \\P must be followed by {property}")
	}
	from := p.pos + 1
	end := from
	for end < len(p.units) && p.units[end] != '}' {
		end++
	}
	if end >= len(p.units) {
		return nil, p.errAt(start, "unterminated property escape")
	}
	name := p.text(from, end)
	p.pos = end + 1
	var set runeSet
	var ok bool
	if p.u {
		set, ok = ecmaProperty(name)
	} else {
		set, ok = javaProperty(name)
		p.java = true
	}
	if !ok {
		return nil, p.errAt(start, "unknown property %q", name)
	}
	if negated {
		set = complement(set, 0, maxCodePoint)
	}
	return set, nil
}

var categoryAliases = map[string]string{
	"Letter": "L", "Cased_Letter": "LC", "Uppercase_Letter": "Lu", "Lowercase_Letter": "Ll", "Titlecase_Letter": "Lt",
	"Modifier_Letter": "Lm", "Other_Letter": "Lo", "Mark": "M", "Combining_Mark": "M", "Nonspacing_Mark": "Mn",
	"Spacing_Mark": "Mc", "Enclosing_Mark": "Me", "Number": "N", "Decimal_Number": "Nd", "digit": "Nd",
	"Letter_Number": "Nl", "Other_Number": "No", "Punctuation": "P", "punct": "P", "Connector_Punctuation": "Pc",
	"Dash_Punctuation": "Pd", "Open_Punctuation": "Ps", "Close_Punctuation": "Pe", "Initial_Punctuation": "Pi",
	"Final_Punctuation": "Pf", "Other_Punctuation": "Po", "Symbol": "S", "Math_Symbol": "Sm", "Currency_Symbol": "Sc",
	"Modifier_Symbol": "Sk", "Other_Symbol": "So", "Separator": "Z", "Space_Separator": "Zs", "Line_Separator": "Zl",
	"Paragraph_Separator": "Zp", "Other": "C", "Control": "Cc", "cntrl": "Cc", "Format": "Cf", "Surrogate": "Cs",
	"Private_Use": "Co", "Unassigned": "Cn",
}

// ecmaProperty returns the set of an ECMA-262 UnicodeMatchProperty.
func ecmaProperty(name string) (runeSet, bool) {
	if k, v, ok := strings.Cut(name, "="); ok {
		switch k {
		case "General_Category", "gc":
			return category(v)
		case "Script", "sc":
			if t, ok := unicode.Scripts[v]; ok {
				return tableSet(t), true
			}
		}
		return nil, false
	}
	switch name {
	case "Any":
		return runeSet{{0, maxCodePoint}}, true
	case "ASCII":
		return runeSet{{0, 0x7F}}, true
	case "Assigned":
		return complement(unassigned(), 0, maxCodePoint), true
	}
	if set, ok := category(name); ok {
		return set, true
	}
	if t, ok := unicode.Properties[name]; ok && !strings.HasPrefix(name, "Other_") {
		return tableSet(t), true
	}
	return nil, false
}

// category returns the set of a General_Category value.
func category(name string) (runeSet, bool) {
	if short, ok := categoryAliases[name]; ok {
		name = short
	}
	switch name {
	case "Cn":
		return unassigned(), true
	case "C":
		// Go's C leaves out the unassigned code points; Unicode's does not.
		return union(tableSet(unicode.C), unassigned()), true
	case "LC":
		return union(union(tableSet(unicode.Lu), tableSet(unicode.Ll)), tableSet(unicode.Lt)), true
	}
	if t, ok := unicode.Categories[name]; ok {
		return tableSet(t), true
	}
	return nil, false
}

// unassigned returns General_Category Cn.
func unassigned() runeSet {
	var all runeSet
	for _, t := range unicode.Categories {
		all = append(all, tableSet(t)...)
	}
	return complement(normalize(all), 0, maxCodePoint)
}

// javaPOSIX are java.util.regex's POSIX classes, US-ASCII only by default.
var javaPOSIX = map[string]runeSet{
	"Lower": {{'a', 'z'}}, "Upper": {{'A', 'Z'}}, "ASCII": {{0, 0x7F}}, "Alpha": {{'A', 'Z'}, {'a', 'z'}},
	"Digit": {{'0', '9'}}, "Alnum": {{'0', '9'}, {'A', 'Z'}, {'a', 'z'}},
	"Punct": {{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}},
	"Graph": {{'!', '~'}}, "Print": {{' ', '~'}}, "Blank": {{'\t', '\t'}, {' ', ' '}},
	"Cntrl": {{0, 0x1F}, {0x7F, 0x7F}}, "XDigit": {{'0', '9'}, {'A', 'F'}, {'a', 'f'}},
	"Space": {{'\t', '\r'}, {' ', ' '}},
}

// javaProperty returns the set of a java.util.regex \p{...} name.
func javaProperty(name string) (runeSet, bool) {
	if set, ok := javaPOSIX[name]; ok {
		return set, true
	}
	if strings.EqualFold(name, "all") {
		return runeSet{{0, maxCodePoint}}, true
	}
	if rest, ok := strings.CutPrefix(name, "Is"); ok {
		// IsAlphabetic, IsWhitespace, IsL, IsLatin...
		switch strings.ToLower(strings.ReplaceAll(rest, "_", "")) {
		case "alphabetic":
			set := tableSet(unicode.Other_Alphabetic)
			for _, c := range []string{"Lu", "Ll", "Lt", "Lm", "Lo", "Nl"} {
				set = union(set, tableSet(unicode.Categories[c]))
			}
			return set, true
		case "whitespace":
			return tableSet(unicode.White_Space), true
		}
		if set, ok := category(rest); ok {
			return set, true
		}
		if t, ok := unicode.Scripts[rest]; ok {
			return tableSet(t), true
		}
		return nil, false
	}
	return category(name)
}

// tableSet converts a Go Unicode table to a set.
func tableSet(t *unicode.RangeTable) runeSet {
	var out runeSet
	for _, r := range t.R16 {
		for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
			if r.Stride == 1 {
				out = append(out, [2]rune{rune(r.Lo), rune(r.Hi)})
				break
			}
			out = append(out, [2]rune{c, c})
		}
	}
	for _, r := range t.R32 {
		for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
			if r.Stride == 1 {
				out = append(out, [2]rune{rune(r.Lo), rune(r.Hi)})
				break
			}
			out = append(out, [2]rune{c, c})
		}
	}
	return normalize(out)
}
