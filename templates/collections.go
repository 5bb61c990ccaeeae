//lint:file-ignore U1000 generated code calls these helpers; not every package uses all of them.

package templates

import (
	"sort"
	"time"
)

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

// repeatedTimes is repeatedIndices for timestamps, which are the same when
// they stand for the same instant, whatever their location.
func repeatedTimes(v []time.Time) []int {
	if len(v) < 2 {
		return nil
	}
	type instant struct {
		sec  int64
		nsec int
	}
	keys := make([]instant, len(v))
	for i, t := range v {
		keys[i] = instant{t.Unix(), t.Nanosecond()}
	}
	return repeatedIndices(keys)
}

// repeatedEncoded is repeatedIndices for the n elements of a list that Go
// cannot compare (blobs, big numbers, documents, lists, maps, structures,
// unions): encode writes element i, and elements are the same when their
// encodings are. Generated encoders make that canonical: structure members
// in a fixed order and only when set, map keys sorted, numbers in their
// shortest form, and timestamps to the nanosecond (see jsonWriter.exact).
func repeatedEncoded(n int, encode func(w *jsonWriter, i int)) []int {
	if n < 2 {
		return nil
	}
	w := jsonWriter{exact: true}
	keys := make([]string, n)
	for i := range keys {
		w.reset()
		encode(&w, i)
		keys[i] = string(w.bytes())
	}
	return repeatedIndices(keys)
}
