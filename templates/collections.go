//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import "sort"

// sortedKeys returns a map's keys in order, so that encoded maps come out
// the same every time.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// repeatedIndices returns the indices of every element that occurs more
// than once, in order, or nil when all are unique (@uniqueItems).
func repeatedIndices[T comparable](v []T) []int {
	if len(v) < 2 {
		return nil
	}
	first := make(map[T]int, len(v))
	var dup []int
	marked := map[int]bool{}
	for i, e := range v {
		j, seen := first[e]
		if !seen {
			first[e] = i
			continue
		}
		if !marked[j] {
			marked[j] = true
			dup = append(dup, j)
		}
		dup = append(dup, i)
	}
	sort.Ints(dup)
	return dup
}
