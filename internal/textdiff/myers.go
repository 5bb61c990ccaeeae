package textdiff

import "math"

// diffLines computes which lines of a are deleted and which lines of b are
// inserted to turn a into b. The remaining lines of a and b are equal and
// pair up in order. The edit script is a shortest one except when the inputs
// differ so much that the search is cut short (see costLimit); it is always
// correct.
func diffLines(a, b []string) (delA, insB []bool) {
	delA = make([]bool, len(a))
	insB = make([]bool, len(b))

	// Typical inputs are a large file with a few edits, so match the common
	// prefix and suffix before paying for the interning below.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	a, b = a[pre:len(a)-suf], b[pre:len(b)-suf]
	// From here on, indexes are relative to the unmatched middle.
	delMid, insMid := delA[pre:len(delA)-suf], insB[pre:len(insB)-suf]

	// Compare small integers instead of strings: each distinct line gets an
	// id in order of first appearance, which keeps everything deterministic.
	ids := make(map[string]int32, len(a)+len(b))
	intern := func(lines []string) []int32 {
		out := make([]int32, len(lines))
		for i, l := range lines {
			id, ok := ids[l]
			if !ok {
				id = int32(len(ids))
				ids[l] = id
			}
			out[i] = id
		}
		return out
	}
	ia, ib := intern(a), intern(b)

	// A line that occurs on only one side can never be part of a common
	// subsequence, so it is an edit in every shortest script. Taking such
	// lines out before the search leaves the result minimal, and turns the
	// common case of two wholly unrelated files into a trivial problem
	// instead of the worst case of the O(ND) search.
	inA := make([]bool, len(ids))
	inB := make([]bool, len(ids))
	for _, id := range ia {
		inA[id] = true
	}
	for _, id := range ib {
		inB[id] = true
	}
	var fa, fb []int32   // ids of the lines kept for the search
	var mapA, mapB []int // their indexes in a and b
	for i, id := range ia {
		if inB[id] {
			fa = append(fa, id)
			mapA = append(mapA, i)
		} else {
			delMid[i] = true
		}
	}
	for j, id := range ib {
		if inA[id] {
			fb = append(fb, id)
			mapB = append(mapB, j)
		} else {
			insMid[j] = true
		}
	}

	m := newMyers(fa, fb)
	m.compare(0, len(fa), 0, len(fb))
	for k, del := range m.del {
		if del {
			delMid[mapA[k]] = true
		}
	}
	for k, ins := range m.ins {
		if ins {
			insMid[mapB[k]] = true
		}
	}
	return delA, insB
}

// myers is the linear-space variant of Myers' O(ND) difference algorithm
// ("An O(ND) Difference Algorithm and Its Variations", 1986, section 4b),
// laid out as in GNU diff's analyze.c: find a middle snake of a shortest
// edit path by searching forward from the top-left and backward from the
// bottom-right corner at once, then recurse on the two halves around it.
//
// Points are (x, y) with x indexing a and y indexing b; diagonal k holds the
// points with x-y = k. fd[k+off] is the furthest x reached on diagonal k by
// the forward search, bd[k+off] the smallest x reached by the backward one.
// Coordinates are absolute, so both vectors serve every recursive call.
type myers struct {
	a, b      []int32
	del, ins  []bool
	fd, bd    []int
	off       int
	costLimit int
}

func newMyers(a, b []int32) *myers {
	n := len(a) + len(b) + 3 // every diagonal plus a sentinel on each side
	m := &myers{
		a:   a,
		b:   b,
		del: make([]bool, len(a)),
		ins: make([]bool, len(b)),
		fd:  make([]int, n),
		bd:  make([]int, n),
		off: len(b) + 1,
	}
	// An exact search costs O((N+M)·D) time. Past this many edit steps in
	// one subproblem, settle for a split point that is merely good, as GNU
	// diff does; the result is still a correct script, just possibly not a
	// shortest one. The limit grows with the input so that ordinary files
	// always get a minimal diff.
	m.costLimit = max(1024, int(math.Sqrt(float64(n)))*16)
	return m
}

// compare marks the edits that turn a[xoff:xlim] into b[yoff:ylim].
func (m *myers) compare(xoff, xlim, yoff, ylim int) {
	for {
		// Common prefixes and suffixes are matched outright: this is what
		// makes a large file with a few changes cheap, and it guarantees the
		// split below has work on both sides.
		for xoff < xlim && yoff < ylim && m.a[xoff] == m.b[yoff] {
			xoff++
			yoff++
		}
		for xoff < xlim && yoff < ylim && m.a[xlim-1] == m.b[ylim-1] {
			xlim--
			ylim--
		}
		switch {
		case xoff == xlim:
			for y := yoff; y < ylim; y++ {
				m.ins[y] = true
			}
			return
		case yoff == ylim:
			for x := xoff; x < xlim; x++ {
				m.del[x] = true
			}
			return
		}
		xmid, ymid := m.split(xoff, xlim, yoff, ylim)
		// Recurse on the first half and loop on the second, so the stack
		// depth is bounded by the splits on one side only.
		m.compare(xoff, xmid, yoff, ymid)
		xoff, yoff = xmid, ymid
	}
}

// split returns a point on an edit path from (xoff, yoff) to (xlim, ylim),
// which the caller uses to divide the problem in two. Both ranges are
// non-empty and differ in their first and last elements, so the shortest
// path has at least two edits and the point found lies strictly between the
// corners, which makes both halves smaller.
func (m *myers) split(xoff, xlim, yoff, ylim int) (int, int) {
	a, b := m.a, m.b
	fd, bd, off := m.fd, m.bd, m.off

	dmin, dmax := xoff-ylim, xlim-yoff // diagonals inside the rectangle
	fmid, bmid := xoff-yoff, xlim-ylim // where each search starts
	fmin, fmax := fmid, fmid           // diagonals reached so far
	bmin, bmax := bmid, bmid
	// The searches can only meet on a diagonal whose parity suits the
	// side that has just moved.
	odd := (fmid-bmid)&1 != 0

	fd[fmid+off] = xoff
	bd[bmid+off] = xlim

	for c := 1; ; c++ {
		// Forward: extend each reached diagonal by one edit, then along its
		// snake. Values just outside [fmin, fmax] are sentinels that never
		// win the comparison.
		if fmin > dmin {
			fmin--
			fd[fmin-1+off] = -1
		} else {
			fmin++
		}
		if fmax < dmax {
			fmax++
			fd[fmax+1+off] = -1
		} else {
			fmax--
		}
		for d := fmax; d >= fmin; d -= 2 {
			tlo, thi := fd[d-1+off], fd[d+1+off]
			x := thi // step down from diagonal d+1 (insertion)
			if tlo >= thi {
				x = tlo + 1 // step right from diagonal d-1 (deletion)
			}
			y := x - d
			for x < xlim && y < ylim && a[x] == b[y] {
				x++
				y++
			}
			fd[d+off] = x
			if odd && bmin <= d && d <= bmax && bd[d+off] <= x {
				return x, y
			}
		}

		// Backward: the mirror image, moving towards the top-left.
		if bmin > dmin {
			bmin--
			bd[bmin-1+off] = math.MaxInt
		} else {
			bmin++
		}
		if bmax < dmax {
			bmax++
			bd[bmax+1+off] = math.MaxInt
		} else {
			bmax--
		}
		for d := bmax; d >= bmin; d -= 2 {
			tlo, thi := bd[d-1+off], bd[d+1+off]
			x := thi - 1 // step left from diagonal d+1 (deletion)
			if tlo < thi {
				x = tlo // step up from diagonal d-1 (insertion)
			}
			y := x - d
			for x > xoff && y > yoff && a[x-1] == b[y-1] {
				x--
				y--
			}
			bd[d+off] = x
			if !odd && fmin <= d && d <= fmax && x <= fd[d+off] {
				return x, y
			}
		}

		if c >= m.costLimit {
			return m.heuristicSplit(xoff, xlim, yoff, ylim, fmin, fmax, bmin, bmax)
		}
	}
}

// heuristicSplit ends a search that has become too expensive. Of the two
// searches it takes the one that has got further from its corner (measured
// in x+y) and splits at its furthest point: the edits up to there are real
// ones, and the rest is left to the recursion. Any point strictly between
// the corners yields a correct script, so this only costs minimality.
func (m *myers) heuristicSplit(xoff, xlim, yoff, ylim, fmin, fmax, bmin, bmax int) (int, int) {
	fd, bd, off := m.fd, m.bd, m.off

	fxybest, fxbest := -1, 0
	for d := fmax; d >= fmin; d -= 2 {
		x := min(fd[d+off], xlim)
		y := x - d
		if y > ylim {
			x, y = ylim+d, ylim
		}
		if x+y > fxybest {
			fxybest, fxbest = x+y, x
		}
	}
	bxybest, bxbest := math.MaxInt, 0
	for d := bmax; d >= bmin; d -= 2 {
		x := max(bd[d+off], xoff)
		y := x - d
		if y < yoff {
			x, y = yoff+d, yoff
		}
		if x+y < bxybest {
			bxybest, bxbest = x+y, x
		}
	}

	lo, hi := xoff+yoff, xlim+ylim
	fok := fxybest > lo && fxybest < hi
	bok := bxybest > lo && bxybest < hi
	switch {
	case fok && (!bok || hi-bxybest < fxybest-lo):
		return fxbest, fxybest - fxbest
	case bok:
		return bxbest, bxybest - bxbest
	default:
		// Neither search has a point strictly inside, which the searches
		// meeting would have prevented; split off one line to be safe.
		return xoff + 1, yoff
	}
}
