package ecmaregex

import "unicode/utf8"

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
