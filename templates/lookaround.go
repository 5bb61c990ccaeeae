//lint:file-ignore U1000 only packages with a look-around pattern use the matcher.

package templates

import (
	"regexp/syntax"
	"slices"
	"sync"
	"unicode/utf8"
)

// Smithy patterns are ECMA-262 regular expressions, which may look ahead,
// (?=X) and (?!X), and behind, (?<=X) and (?<!X). Go's regexp has neither.
// lookMatcher matches such patterns without backtracking, in time linear in
// the input: for every look-around it first computes, in one pass over the
// input, at which positions it holds, and then runs the pattern as an NFA
// in which a look-around is a test of its row at the current position.
//
//   - (?=X) holds at i when X matches some s[i:j]. Reading the input
//     backwards with X reversed, starting a thread at every position, finds
//     all such i in one pass.
//   - (?<=X) holds at i when X matches some s[j:i]: the same pass forwards.
//
// A look-around nested in another is computed first. Assertions (^, $, \b)
// and look-arounds are conditions on positions, so they mean the same in
// both directions. The cost is the number of instructions times the length
// of the input, once per look-around and once for the pattern. The
// expressions are RE2 text, parsed with regexp/syntax, in which each capture
// group is an empty group standing for a look-around.
type lookMatcher struct {
	main  lookProg
	looks []compiledLook
	// scratch holds *lookScratch: the rows and thread sets of a match, kept
	// for the next one so that matching takes no allocation.
	scratch sync.Pool
}

// lookScratch is the working memory of one match.
type lookScratch struct {
	rows      []posSet
	words     []uint64 // the rows' bits
	cur, next threadSet
}

// maxScratchWords is the most bits a pooled lookScratch keeps: enough for
// inputs of a few KiB, so that a rare long one does not stay pinned.
const maxScratchWords = 1 << 10

// lookaround is one look-around of a pattern, as the generator translated it:
// RE2 text whose capture groups stand for the look-arounds nested in it,
// marks[i-1] being the index of the one the i-th group stands for.
type lookaround struct {
	behind, negative bool
	re               string
	marks            []int
}

// lookProg is a compiled expression and the look-around each of its capture
// groups stands for.
type lookProg struct {
	prog  *syntax.Prog
	marks []int
}

// newLookMatcher compiles a pattern: re and marks as for a lookaround, and
// the look-arounds, each after those nested in it.
func newLookMatcher(re string, marks []int, looks ...lookaround) *lookMatcher {
	m := &lookMatcher{main: compileLook(re, marks, false)}
	for _, l := range looks {
		// A look-ahead is found reading the input backwards.
		m.looks = append(m.looks, compiledLook{lookaround: l, prog: compileLook(l.re, l.marks, !l.behind)})
	}
	return m
}

// compiledLook is a look-around with its compiled expression.
type compiledLook struct {
	lookaround
	prog lookProg
}

// compileLook compiles RE2 text the generator wrote, reversed for reading
// the input backwards.
func compileLook(re string, marks []int, reverse bool) lookProg {
	tree, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		panic("pattern " + re + ": " + err.Error())
	}
	if reverse {
		reverseRegexp(tree)
	}
	prog, err := syntax.Compile(tree.Simplify())
	if err != nil {
		panic("pattern " + re + ": " + err.Error())
	}
	return lookProg{prog: prog, marks: marks}
}

// reverseRegexp turns re into the expression that matches the reversed
// strings; assertions stay as they are because they test positions.
func reverseRegexp(re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpConcat:
		slices.Reverse(re.Sub)
	case syntax.OpLiteral:
		slices.Reverse(re.Rune)
	}
	for _, sub := range re.Sub {
		reverseRegexp(sub)
	}
}

// matches reports whether s matches the pattern anywhere, as ECMA-262's
// RegExp.prototype.test does. Invalid UTF-8 reads as U+FFFD, as in regexp.
func (m *lookMatcher) matches(s string) bool {
	sc, _ := m.scratch.Get().(*lookScratch)
	if sc == nil {
		sc = new(lookScratch)
	}
	defer m.release(sc)
	n := len(s)/64 + 1
	sc.words = slices.Grow(sc.words[:0], n*len(m.looks))[:n*len(m.looks)]
	clear(sc.words)
	sc.rows = sc.rows[:0]
	for i := range m.looks {
		sc.rows = append(sc.rows, posSet(sc.words[i*n:(i+1)*n:(i+1)*n]))
	}
	for i, l := range m.looks {
		sweep(l.prog, s, !l.behind, sc.rows, sc.rows[i], &sc.cur, &sc.next)
		if l.negative {
			sc.rows[i].negate()
		}
	}
	return sweep(m.main, s, false, sc.rows, nil, &sc.cur, &sc.next)
}

func (m *lookMatcher) release(sc *lookScratch) {
	if cap(sc.words) > maxScratchWords {
		sc.words = nil
	}
	sc.rows = sc.rows[:0]
	m.scratch.Put(sc)
}

// posSet is a set of byte positions 0..len(s) of a string.
type posSet []uint64

func (p posSet) add(i int)      { p[i/64] |= 1 << (i % 64) }
func (p posSet) has(i int) bool { return p[i/64]&(1<<(i%64)) != 0 }

func (p posSet) negate() {
	for i := range p {
		p[i] = ^p[i]
	}
}

// sweep runs prog over s, forwards or backwards, starting a thread at every
// position. With out == nil it reports whether prog matches anywhere;
// otherwise it adds to out every position at which a match ends (forwards)
// or starts (backwards), and returns false.
// cur and next are the thread sets to work in.
func sweep(lp lookProg, s string, backward bool, rows []posSet, out posSet, cur, next *threadSet) bool {
	cur.reset(lp)
	next.reset(lp)
	pos := 0
	if backward {
		pos = len(s)
	}
	matched := false // a thread stepped onto pos reached the end of prog
	for {
		ctx := emptyContext(s, pos)
		if cur.add(uint32(lp.prog.Start), pos, ctx, rows) || matched {
			if out == nil {
				return true
			}
			out.add(pos)
		}
		var r rune
		var size int
		if backward {
			if pos == 0 {
				return false
			}
			r, size = utf8.DecodeLastRuneInString(s[:pos])
			pos -= size
		} else {
			if pos == len(s) {
				return false
			}
			r, size = utf8.DecodeRuneInString(s[pos:])
			pos += size
		}
		ctx = emptyContext(s, pos)
		next.clear()
		matched = false
		for _, pc := range cur.dense {
			inst := &lp.prog.Inst[pc]
			if matchesRune(inst, r) && next.add(inst.Out, pos, ctx, rows) {
				matched = true
			}
		}
		cur, next = next, cur
	}
}

// emptyContext says which empty-width assertions hold at pos.
func emptyContext(s string, pos int) syntax.EmptyOp {
	before, after := rune(-1), rune(-1)
	if pos > 0 {
		before, _ = utf8.DecodeLastRuneInString(s[:pos])
	}
	if pos < len(s) {
		after, _ = utf8.DecodeRuneInString(s[pos:])
	}
	return syntax.EmptyOpContext(before, after)
}

func matchesRune(inst *syntax.Inst, r rune) bool {
	switch inst.Op {
	case syntax.InstRune1:
		return r == inst.Rune[0]
	case syntax.InstRune:
		return inst.MatchRune(r)
	case syntax.InstRuneAny:
		return true
	case syntax.InstRuneAnyNotNL:
		return r != '\n'
	}
	return false
}

// threadSet is the set of instructions the NFA is in at one position: a
// sparse set, cleared in constant time.
type threadSet struct {
	prog   *syntax.Prog
	marks  []int
	sparse []uint32
	dense  []uint32
	stack  []uint32
}

// reset makes t an empty set of the instructions of lp, reusing its
// memory.
func (t *threadSet) reset(lp lookProg) {
	n := len(lp.prog.Inst)
	t.prog, t.marks = lp.prog, lp.marks
	if cap(t.sparse) < n {
		t.sparse, t.dense = make([]uint32, n), make([]uint32, 0, n)
	}
	t.sparse = t.sparse[:n]
	t.dense = t.dense[:0]
}

func (t *threadSet) clear() { t.dense = t.dense[:0] }

func (t *threadSet) has(pc uint32) bool {
	i := t.sparse[pc]
	return int(i) < len(t.dense) && t.dense[i] == pc
}

// add adds pc and every instruction reachable from it without consuming
// input at pos, where ctx holds and look-arounds hold as rows say. It
// reports whether the end of the program is reachable.
func (t *threadSet) add(pc uint32, pos int, ctx syntax.EmptyOp, rows []posSet) bool {
	matched := false
	t.stack = append(t.stack[:0], pc)
	for len(t.stack) > 0 {
		pc := t.stack[len(t.stack)-1]
		t.stack = t.stack[:len(t.stack)-1]
		if t.has(pc) {
			continue
		}
		t.sparse[pc] = uint32(len(t.dense))
		t.dense = append(t.dense, pc)
		inst := &t.prog.Inst[pc]
		switch inst.Op {
		case syntax.InstMatch:
			matched = true
		case syntax.InstAlt, syntax.InstAltMatch:
			t.stack = append(t.stack, inst.Arg, inst.Out)
		case syntax.InstNop:
			t.stack = append(t.stack, inst.Out)
		case syntax.InstEmptyWidth:
			if syntax.EmptyOp(inst.Arg)&^ctx == 0 {
				t.stack = append(t.stack, inst.Out)
			}
		case syntax.InstCapture:
			// The opening of group k, Arg 2k, is where look-around
			// marks[k-1] must hold; its closing is a no-op.
			if inst.Arg%2 == 1 || rows[t.marks[inst.Arg/2-1]].has(pos) {
				t.stack = append(t.stack, inst.Out)
			}
		}
	}
	return matched
}
