// Package suggest finds the names nearest to one that is not known, for
// error messages that say "did you mean ...?" instead of listing every
// name there is.
package suggest

import (
	"sort"
	"strings"
)

// most is how many names Nearest returns at most.
const most = 5

// Nearest returns the names of known that are close to name, nearest
// first: the one that differs only in case, else those a few edits away (a
// third of its length at most) and those that contain it or that it
// contains. It returns nil when nothing is close.
func Nearest(name string, known []string) []string {
	want := strings.ToLower(name)
	type candidate struct {
		name string
		dist int
	}
	var found []candidate
	for _, k := range known {
		have := strings.ToLower(k)
		if have == want {
			return []string{k} // only the case differs
		}
		d := distance(want, have)
		switch {
		case d <= max(1, len([]rune(want))/3):
		case min(len(want), len(have)) >= 3 && (strings.Contains(have, want) || strings.Contains(want, have)):
			// A part of the name: nearer than a long edit distance says.
			d = len([]rune(want))/3 + 1 + abs(len(have)-len(want))
		default:
			continue
		}
		found = append(found, candidate{k, d})
	}
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].dist != found[j].dist {
			return found[i].dist < found[j].dist
		}
		return found[i].name < found[j].name
	})
	var names []string
	for i := 0; i < len(found) && i < most; i++ {
		names = append(names, found[i].name)
	}
	return names
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// List renders names for a message: "A", "A or B", "A, B or C".
func List(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
