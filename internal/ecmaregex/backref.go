package ecmaregex

// Back-references, \1 or \k<name>, match what a group captured, which no
// finite automaton can do in general. They are matched exactly, in linear
// time, where the group can only capture a few strings: the pattern (or the
// look-around holding both) becomes an alternation of copies, one per
// string the group can capture, with the group matching just that string
// and each back-reference standing for it, plus one copy where the group
// takes no part and the back-references match the empty string, as
// ECMA-262 says. A group that can capture too many strings is refused, as
// is one inside a repetition (each iteration captures anew).
//
// When the pattern is anchored at both ends, every character of a matching
// value is one its top level consumes, so a group inside a look-around can
// only capture strings of those characters: ^(?!.*(.)\1{3})[a-z]*$ needs
// copies for a to z only.

// maxCaptures bounds the strings a back-referenced group may capture.
const maxCaptures = 128

// reBackref is \n: the text group n captured.
type reBackref struct {
	group int
	off   int
}

func (*reBackref) isNode() {}

// expandBackrefs rewrites the back-references of n, as described above.
func (p *patternParser) expandBackrefs(n reNode) (reNode, error) {
	if p.backrefs == 0 {
		return n, nil
	}
	alphabet := topAlphabet(n)
	return p.expandScope(n, alphabet)
}

// expandScope expands the back-references of a scope: the pattern, or the
// expression of a look-around, which are expanded first.
func (p *patternParser) expandScope(n reNode, alphabet runeSet) (reNode, error) {
	var err error
	n = mapLooks(n, func(l *reLook) *reLook {
		if err != nil {
			return l
		}
		sub, e := p.expandScope(l.sub, alphabet)
		err = e
		return &reLook{behind: l.behind, negative: l.negative, sub: sub}
	})
	if err != nil {
		return nil, err
	}
	for {
		ref := firstBackref(n)
		if ref == nil {
			return n, nil
		}
		g, inRepeat := findGroup(n, ref.group, false)
		if g == nil {
			return nil, p.errAt(ref.off, "back-reference \\%d refers to a group in another look-around", ref.group)
		}
		if inRepeat {
			return nil, p.errAt(ref.off, "back-reference \\%d: the group is repeated, so what it captures changes; that cannot be matched in time linear in the input", ref.group)
		}
		strs, ok := language(g.sub, alphabet)
		if !ok {
			return nil, p.errAt(ref.off, "back-reference \\%d: the group can capture more than %d strings, which cannot be matched in time linear in the input", ref.group, maxCaptures)
		}
		alt := &reAlt{}
		for _, s := range strs {
			alt.alts = append(alt.alts, substitute(n, ref.group, s, true))
		}
		alt.alts = append(alt.alts, substitute(n, ref.group, nil, false))
		n = &reGroup{sub: alt}
	}
}

// topAlphabet returns the characters a value matching n can hold when n is
// anchored at both ends of its top level, else nil (any character).
func topAlphabet(n reNode) runeSet {
	c, ok := n.(*reConcat)
	if !ok || len(c.items) < 2 {
		return nil
	}
	first, ok1 := c.items[0].(*reAssert)
	last, ok2 := c.items[len(c.items)-1].(*reAssert)
	if !ok1 || !ok2 || first.kind != '^' || last.kind != '$' {
		return nil
	}
	var set runeSet
	ok = true
	walk(n, func(x reNode) bool {
		switch x := x.(type) {
		case *reLook:
			return false
		case *reBackref:
			ok = false
		case *reChar:
			set = union(set, x.cps)
		}
		return true
	})
	if !ok {
		return nil
	}
	if set == nil {
		set = runeSet{}
	}
	return set
}

// language returns the strings n matches when there are at most
// maxCaptures of them, each character drawn from alphabet when it is not
// nil.
func language(n reNode, alphabet runeSet) ([][]rune, bool) {
	switch n := n.(type) {
	case *reChar:
		set := n.cps
		if alphabet != nil {
			set = intersectSet(set, alphabet)
		}
		var out [][]rune
		for _, r := range set {
			for c := r[0]; c <= r[1]; c++ {
				if len(out) == maxCaptures {
					return nil, false
				}
				out = append(out, []rune{c})
			}
		}
		return out, true
	case *reGroup:
		return language(n.sub, alphabet)
	case *reConcat:
		out := [][]rune{nil}
		for _, it := range n.items {
			sub, ok := language(it, alphabet)
			if !ok || len(out)*len(sub) > maxCaptures {
				return nil, false
			}
			var next [][]rune
			for _, a := range out {
				for _, b := range sub {
					next = append(next, append(append([]rune(nil), a...), b...))
				}
			}
			out = next
		}
		return dedupe(out), true
	case *reAlt:
		var out [][]rune
		for _, a := range n.alts {
			sub, ok := language(a, alphabet)
			if !ok {
				return nil, false
			}
			out = append(out, sub...)
		}
		out = dedupe(out)
		return out, len(out) <= maxCaptures
	case *reRepeat:
		if n.max < 0 || n.max > maxCaptures {
			return nil, false
		}
		var out [][]rune
		for k := n.min; k <= n.max; k++ {
			items := make([]reNode, k)
			for i := range items {
				items[i] = n.sub
			}
			sub, ok := language(&reConcat{items: items}, alphabet)
			if !ok {
				return nil, false
			}
			out = append(out, sub...)
		}
		out = dedupe(out)
		return out, len(out) <= maxCaptures
	}
	return nil, false
}

func dedupe(strs [][]rune) [][]rune {
	seen := map[string]bool{}
	var out [][]rune
	for _, s := range strs {
		if !seen[string(s)] {
			seen[string(s)] = true
			out = append(out, s)
		}
	}
	return out
}

// substitute returns a copy of n in which group k matches exactly s and its
// back-references stand for s, or, with participates false, in which the
// group cannot match and its back-references match the empty string.
func substitute(n reNode, k int, s []rune, participates bool) reNode {
	lit := func(s []rune) reNode {
		c := &reConcat{}
		for _, r := range s {
			c.items = append(c.items, &reChar{cps: single(r)})
		}
		return c
	}
	switch n := n.(type) {
	case *reBackref:
		if n.group == k {
			return lit(s)
		}
		return n
	case *reGroup:
		if n.index == k {
			if !participates {
				return &reChar{cps: runeSet{}}
			}
			return &reGroup{sub: lit(s)}
		}
		return &reGroup{capture: n.capture, name: n.name, index: n.index, sub: substitute(n.sub, k, s, participates)}
	case *reRepeat:
		c := *n
		c.sub = substitute(n.sub, k, s, participates)
		return &c
	case *reConcat:
		c := &reConcat{}
		for _, it := range n.items {
			c.items = append(c.items, substitute(it, k, s, participates))
		}
		return c
	case *reAlt:
		c := &reAlt{}
		for _, a := range n.alts {
			c.alts = append(c.alts, substitute(a, k, s, participates))
		}
		return c
	case *reLook:
		return n // a look-around is a scope of its own, expanded already
	}
	return n
}

// walk calls fn on n and, while fn returns true, on its descendants.
func walk(n reNode, fn func(reNode) bool) {
	if !fn(n) {
		return
	}
	switch n := n.(type) {
	case *reGroup:
		walk(n.sub, fn)
	case *reRepeat:
		walk(n.sub, fn)
	case *reLook:
		walk(n.sub, fn)
	case *reConcat:
		for _, it := range n.items {
			walk(it, fn)
		}
	case *reAlt:
		for _, a := range n.alts {
			walk(a, fn)
		}
	}
}

// firstBackref returns a back-reference of n outside look-arounds.
func firstBackref(n reNode) *reBackref {
	var found *reBackref
	walk(n, func(x reNode) bool {
		if _, ok := x.(*reLook); ok || found != nil {
			return false
		}
		if b, ok := x.(*reBackref); ok {
			found = b
		}
		return true
	})
	return found
}

// findGroup returns capturing group k of n outside look-arounds, and
// whether it is inside a repetition that may run more than once.
func findGroup(n reNode, k int, inRepeat bool) (*reGroup, bool) {
	switch n := n.(type) {
	case *reGroup:
		if n.index == k {
			return n, inRepeat
		}
		return findGroup(n.sub, k, inRepeat)
	case *reRepeat:
		return findGroup(n.sub, k, inRepeat || n.max < 0 || n.max > 1)
	case *reConcat:
		for _, it := range n.items {
			if g, r := findGroup(it, k, inRepeat); g != nil {
				return g, r
			}
		}
	case *reAlt:
		for _, a := range n.alts {
			if g, r := findGroup(a, k, inRepeat); g != nil {
				return g, r
			}
		}
	}
	return nil, false
}

// mapLooks returns n with every outermost look-around replaced by fn's
// result.
func mapLooks(n reNode, fn func(*reLook) *reLook) reNode {
	switch n := n.(type) {
	case *reLook:
		return fn(n)
	case *reGroup:
		n.sub = mapLooks(n.sub, fn)
	case *reRepeat:
		n.sub = mapLooks(n.sub, fn)
	case *reConcat:
		for i, it := range n.items {
			n.items[i] = mapLooks(it, fn)
		}
	case *reAlt:
		for i, a := range n.alts {
			n.alts[i] = mapLooks(a, fn)
		}
	}
	return n
}
