package ecmaregex

// The syntax tree of a parsed pattern. Atoms hold UTF-16 code unit sets
// until toCodePoints turns them into code point sets.

type reNode interface{ isNode() }

// reChar is one atom: in ECMA terms it matches one code unit out of units;
// after toCodePoints, cps holds the code points it matches in Go.
type reChar struct {
	units runeSet
	cps   runeSet
	off   int
}

type reAssert struct{ kind byte } // '^', '$', 'b' (\b), 'B' (\B)

type reGroup struct {
	capture bool
	index   int // of a capturing group, from 1
	name    string
	sub     reNode
}

type reRepeat struct {
	sub      reNode
	min, max int // max < 0: unbounded
	lazy     bool
	// possessive is Java's X*+: parsed only where it means X* (see
	// checkPossessive), so it is rendered as greedy.
	possessive bool
	off        int // unit index of the repeated atom
}

// reLook is a look-around: (?=sub), (?!sub), (?<=sub) or (?<!sub).
type reLook struct {
	behind, negative bool
	sub              reNode
}

type reConcat struct{ items []reNode }

type reAlt struct{ alts []reNode }

func (*reChar) isNode()   {}
func (*reAssert) isNode() {}
func (*reGroup) isNode()  {}
func (*reRepeat) isNode() {}
func (*reLook) isNode()   {}
func (*reConcat) isNode() {}
func (*reAlt) isNode()    {}
